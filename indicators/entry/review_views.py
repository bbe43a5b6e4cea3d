"""Review from the matrix: approve the ticked scorecards in one step (one confirmation), and jump to the next
scorecard waiting for this reviewer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import selectors as access
from indicators.entry.cells import scorecards_approve_many
from indicators.entry.selectors import scorecard_next_waiting
from indicators.entry.services import WorkflowError

BULK_MAX = 500


def _back(request: HttpRequest) -> str:
    target = request.POST.get("quay_lai", "")
    if target.startswith("/duyet/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/duyet/"


@login_required
@require_POST
def review_bulk_approve(request: HttpRequest) -> HttpResponse:
    """Approve every ticked scorecard (ids in `phieu`); all or none, so a refused one leaves the others as they were."""
    ids = [int(v) for v in request.POST.getlist("phieu") if v.isdigit()][:BULK_MAX]
    if not ids:
        messages.error(request, _("Chưa chọn phiếu điểm nào để duyệt: hãy đánh dấu các ô “Đã nộp” cần duyệt."))
        return redirect(_back(request))
    cards = list(
        access.scorecard_list_for_user(user=request.user)
        .filter(pk__in=ids)
        .select_related("unit", "unit__parent", "period", "scheme")
        .order_by("unit__name", "period__start")
    )
    if len(cards) != len(set(ids)):
        messages.error(request, _("Một số phiếu đã chọn không còn hoặc bạn không có quyền; chưa duyệt phiếu nào."))
        return redirect(_back(request))
    if not all(access.can_review_scorecard(user=request.user, scorecard=c) for c in cards):
        raise PermissionDenied(_("Chỉ cấp trên của đơn vị duyệt phiếu này."))
    try:
        scorecards_approve_many(scorecards=cards, user=request.user)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect(_back(request))
    messages.success(
        request,
        _("Đã duyệt %(count)d phiếu điểm: %(units)s. Các phiếu đã khóa; tổng điểm, xếp hạng được tính lại.")
        % {"count": len(cards), "units": ", ".join(f"{c.unit.full_name} ({c.period.label})" for c in cards)},
    )
    return redirect(_back(request))


@login_required
@require_GET
def review_next(request: HttpRequest) -> HttpResponse:
    """Open the next scorecard waiting for this reviewer, or go back to the matrix saying there is none."""
    card = scorecard_next_waiting(user=request.user)
    if card is None:
        messages.info(request, _("Không còn phiếu điểm nào chờ bạn duyệt."))
        return redirect("review-matrix")
    return redirect("scorecard-entry", pk=card.pk)
