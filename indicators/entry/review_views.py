"""The district's matrix of units × periods, approving the ticked scorecards from it in one step (one
confirmation), and the jump to the next scorecard waiting for this reviewer."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import selectors as access
from indicators.constants import PeriodKind, ScorecardStatus
from indicators.entry.cells import scorecards_approve_many
from indicators.entry.matrix import STATUS_CHOICES, SUBMITTED_OR_APPROVED, matrix_rows_filter, matrix_sections
from indicators.entry.page import deadline_text
from indicators.entry.selectors import scorecard_next_waiting
from indicators.entry.services import WorkflowError
from indicators.models import Period
from units.collation import vietnamese_key
from units.constants import Level
from units.models import AdministrativeUnit

BULK_MAX = 500
MATRIX_PERIODS = 6


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
        scorecards_approve_many(scorecards=cards, user=request.user)  # each approval tells its unit
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


# --- the district's matrix ---------------------------------------------------------------------------


def _matrix_parent(request: HttpRequest) -> AdministrativeUnit:
    """The unit whose children form the rows: ?don_vi=<id> within the user's scope, else their first review unit."""
    roots = access.review_units_for_user(user=request.user).order_by("level", "name")
    if not roots.exists():
        raise PermissionDenied(_("Trang duyệt dành cho chuyên viên cấp huyện, cấp tỉnh."))
    if request.GET.get("don_vi", "").isdigit():
        return get_object_or_404(access.unit_scope_for_user(user=request.user), pk=request.GET["don_vi"])
    return roots.first()


def _matrix_units(parent: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The parent's children in Vietnamese alphabetical order, departments last, as district reports list them."""
    children = AdministrativeUnit.objects.filter(parent=parent)
    return sorted(children, key=lambda u: (u.is_department, vietnamese_key(u.name)))


@login_required
@require_GET
def review_matrix(request: HttpRequest) -> HttpResponse:
    """Units × periods with status and completeness ("12/13 đã nộp"); each cell opens the scorecard."""
    parent = _matrix_parent(request)
    kind = request.GET.get("ky") if request.GET.get("ky") in PeriodKind.values else PeriodKind.MONTH
    base = access.scorecard_list_for_user(user=request.user, filters={"kind": kind}).filter(unit__parent=parent)
    latest = Period.objects.filter(pk__in=base.values("period_id")).order_by("-start")[:MATRIX_PERIODS]
    periods = sorted(latest, key=lambda p: p.start)
    units = _matrix_units(parent)
    cards = base.filter(period__in=periods).select_related("classification", "period")
    cell = {(c.unit_id, c.period_id): c for c in cards}
    submitted = Counter(c.period_id for c in cards if c.status in SUBMITTED_OR_APPROVED)
    waiting = Counter(c.period_id for c in cards if c.status == ScorecardStatus.SUBMITTED)
    columns = [
        {
            "period": p,
            "submitted": submitted[p.pk],
            "waiting": waiting[p.pk],
            "deadline": deadline_text(p, ""),
        }
        for p in periods
    ]
    rows = [
        {
            "unit": u,
            "drill": not u.is_department and u.level < Level.COMMUNE,
            "cells": [cell.get((u.pk, p.pk)) for p in periods],
        }
        for u in units
    ]
    search = {key: request.GET.get(key, "") for key in ("q", "nhom", "trang_thai")}
    rows = matrix_rows_filter(
        rows,
        periods=periods,
        today=timezone.localdate(),
        query=search["q"],
        cohort=search["nhom"],
        status=search["trang_thai"],
    )
    return render(
        request,
        "entry/matrix.html",
        {
            "parent": parent,
            "roots": list(access.review_units_for_user(user=request.user).order_by("level", "name")[:20]),
            "kind": kind,
            "kinds": [
                (k, label)
                for k, label in PeriodKind.choices
                if k in (PeriodKind.MONTH, PeriodKind.WEEK, PeriodKind.QUARTER)
            ],
            "columns": columns,
            "rows": rows,
            "sections": matrix_sections(rows, columns=len(periods)),
            "search": search,
            "status_choices": STATUS_CHOICES,
            "can_bulk": any(c.status == ScorecardStatus.SUBMITTED for c in cards)
            and access.can_review_scorecard(user=request.user, scorecard=next(iter(cards))),
            "next_waiting": scorecard_next_waiting(user=request.user),
            "unit_count": len(units),
        },
    )
