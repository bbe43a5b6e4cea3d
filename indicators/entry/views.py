"""Pages for entering scores and reviewing them: the officer's home, the entry form and its live preview,
approve / return / reopen, the history of a scorecard and the district's matrix of units × periods.

Views stay thin: every scorecard is fetched through `accounts.selectors.scorecard_list_for_user` (another unit's
scorecard is a 404), rights come from the same module, and every write is a call to `indicators.workflow`.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import selectors as access
from audit.selectors import audit_list_for_scorecard
from indicators.dashboards.standing import unit_standings_for_user
from indicators.entry import rules
from indicators.entry.cells import scorecard_return_with_notes
from indicators.entry.exports import scorecard_csv, scorecard_xlsx
from indicators.entry.forms import CommentForm, ScorecardEntryForm
from indicators.entry.matrix import SUBMITTED_OR_APPROVED
from indicators.entry.page import deadline_text, entry_page_context, scorecard_for_request
from indicators.entry.selectors import (
    entries_current,
)
from indicators.entry.services import (
    EntryInvalid,
    ScorecardStale,
    WorkflowError,
    scorecard_approve,
    scorecard_reopen,
    scorecard_save,
    scorecard_submit,
)

HOME_RECENT = 12
STANDINGS = 5  # units whose standing the officer's home shows first


# --- officer's home ------------------------------------------------------------------------------


@login_required
@require_GET
def entry_home(request: HttpRequest) -> HttpResponse:
    """The user's units' scorecards: what is still to enter (by deadline), then what was submitted."""
    units = access.entry_units_for_user(user=request.user)
    cards = access.scorecard_list_for_user(user=request.user).filter(unit__in=units)
    # Staff with nothing of their own to enter (and administrators, who could enter anything) review instead.
    reviewer_only = access.is_administrator(user=request.user) or not cards.exists()
    if reviewer_only and access.review_units_for_user(user=request.user).exists():
        return redirect("review-matrix")
    cards = cards.select_related("unit", "period", "scheme", "classification")
    open_cards = list(cards.exclude(status__in=SUBMITTED_OR_APPROVED).order_by("-period__end", "unit__name"))
    done = cards.filter(status__in=SUBMITTED_OR_APPROVED).order_by("-period__end", "period__kind", "unit__name")
    show_all = request.GET.get("tat_ca") == "1"
    done_count = done.count()
    done_cards = list(done if show_all else done[:HOME_RECENT])
    for card in open_cards:
        card.deadline_text = deadline_text(card.period, card.status)
        card.overdue = (rules.days_to_deadline(card.period) or 0) < 0
    # Still open first, nearest deadline first; then the overdue ones, most recent first (the order is stable).
    open_cards.sort(key=lambda c: (c.overdue, date.min if c.overdue else (c.period.entry_deadline or date.max)))
    return render(
        request,
        "entry/home.html",
        {
            "units": list(units.order_by("name")[:20]),
            "standings": unit_standings_for_user(user=request.user, units=list(units.order_by("name")[:STANDINGS])),
            "open_cards": open_cards,
            "done_cards": done_cards,
            "done_count": done_count,
            "show_all": show_all,
        },
    )


# --- the entry form --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the form (read-only when the user may not edit); POST saves a draft or saves and submits."""
    card = scorecard_for_request(request, pk)
    if request.method == "GET":
        return render(request, "entry/scorecard.html", entry_page_context(request, card))

    if not access.may_enter_for(user=request.user, unit=card.unit):
        raise PermissionDenied(rules.edit_block_reason(user=request.user, scorecard=card))
    context = entry_page_context(request, card, data=request.POST, full=False)
    form: ScorecardEntryForm = context["form"]
    if context["block_reason"]:
        messages.error(request, context["block_reason"])
        return redirect("scorecard-entry", pk=card.pk)
    if not form.is_valid():
        context = entry_page_context(request, card, data=request.POST)  # to show: last period, points, states
        if "version" in form.errors:  # a hidden field: say so at the top, not beside an input
            messages.error(request, form.errors["version"][0])
        messages.error(
            request,
            _("Chưa lưu: %(count)d ô chưa hợp lệ (đánh dấu đỏ bên dưới). Các giá trị khác vẫn giữ nguyên trên trang.")
            % {"count": len(form.errors)},
        )
        return render(request, "entry/scorecard.html", context, status=200)
    try:
        saved = scorecard_save(
            scorecard=card,
            user=request.user,
            values=form.valid_values,
            causes=form.causes(),
            expected_version=form.cleaned_data["version"],
            spec=form.spec,
        )
    except ScorecardStale as exc:
        context = entry_page_context(request, card, data=request.POST)
        context["form"].mark_saved_by_other(entries_current(scorecard=card))
        context.update(stale=exc)
        return render(request, "entry/scorecard.html", context, status=409)
    except EntryInvalid as exc:  # the form already checks; this is the service's own guard
        messages.error(request, str(exc))
        return render(request, "entry/scorecard.html", entry_page_context(request, card, data=request.POST))
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("scorecard-entry", pk=card.pk)
    card = saved.scorecard
    now = timezone.localtime().strftime("%H:%M")
    if request.POST.get("action") == "submit":
        try:
            scorecard_submit(scorecard=card, user=request.user, expected_version=card.version)
        except WorkflowError as exc:
            messages.warning(
                request, _("Đã lưu nháp lúc %(time)s, nhưng chưa nộp: %(reason)s") % {"time": now, "reason": exc}
            )
            return redirect("scorecard-entry", pk=card.pk)
        messages.success(
            request,
            _(
                "Đã nộp phiếu điểm %(unit)s – %(period)s; chờ cấp trên duyệt. "
                "Tổng điểm và xếp hạng của kỳ sẽ được cập nhật trong giây lát."
            )
            % {"unit": card.unit.full_name, "period": card.period.label},
        )
        return redirect("entry-home")
    if saved.changed:
        messages.success(request, _("Đã lưu nháp lúc %(time)s.") % {"time": now})
    else:
        # With autosave every cell is usually stored already: say the draft is saved, not that nothing happened.
        messages.info(request, _("Đã lưu nháp lúc %(time)s: không có thay đổi mới so với bản đã lưu.") % {"time": now})
    return redirect("scorecard-entry", pk=card.pk)


@login_required
@require_POST
def scorecard_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: totals, converted total, class and each row's rate, points and message for the values typed so far."""
    card = scorecard_for_request(request, pk)
    context = entry_page_context(request, card, data=request.POST)
    return render(request, "entry/_preview.html", context)


# --- review --------------------------------------------------------------------------------------


def _review_notes(request: HttpRequest) -> dict[tuple[int | None, int | None], str]:
    """The per-indicator requests typed beside the rows (rn_i<id>, rn_g<id>) of a return."""
    notes: dict[tuple[int | None, int | None], str] = {}
    for name, text in request.POST.items():
        if name.startswith("rn_i") and name[4:].isdigit():
            notes[(int(name[4:]), None)] = text
        elif name.startswith("rn_g") and name[4:].isdigit():
            notes[(None, int(name[4:]))] = text
    return notes


def _review_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    card = scorecard_for_request(request, pk)
    if not access.can_review_scorecard(user=request.user, scorecard=card):
        raise PermissionDenied(_("Chỉ cấp trên của đơn vị duyệt phiếu này."))
    text_form = CommentForm(request.POST)
    try:
        if action == "approve":
            card = scorecard_approve(scorecard=card, user=request.user)
            messages.success(
                request,
                _("Đã duyệt phiếu điểm %(unit)s; phiếu đã khóa. Xếp hạng của kỳ sẽ được cập nhật trong giây lát.")
                % {"unit": card.unit.full_name},
            )
        elif not text_form.is_valid():
            messages.error(request, text_form.errors["text"][0])
            return redirect("scorecard-entry", pk=card.pk)
        elif action == "return":
            card = scorecard_return_with_notes(
                scorecard=card, user=request.user, comment=text_form.cleaned_data["text"], notes=_review_notes(request)
            )
            messages.success(request, _("Đã trả lại phiếu điểm %(unit)s kèm ý kiến.") % {"unit": card.unit.full_name})
        else:
            scorecard_reopen(scorecard=card, user=request.user, reason=text_form.cleaned_data["text"])
            messages.success(
                request,
                _("Đã mở lại phiếu điểm %(unit)s; đơn vị có thể sửa và nộp lại.") % {"unit": card.unit.full_name},
            )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("scorecard-entry", pk=card.pk)


@login_required
@require_POST
def scorecard_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(request, pk, "approve")


@login_required
@require_POST
def scorecard_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(request, pk, "return")


@login_required
@require_POST
def scorecard_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(request, pk, "reopen")


@login_required
@require_GET
def scorecard_export(request: HttpRequest, pk: int) -> HttpResponse:
    """One scorecard as .xlsx (default) or .csv: its indicators, rates and points, as the form shows them."""
    card = scorecard_for_request(request, pk)
    name = f"phieu-diem-{slugify(card.unit.name)}-{card.period.key}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(scorecard_csv(card), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        scorecard_xlsx(card), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_GET
def scorecard_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded change to the scorecard: who, when, before, after, why."""
    card = scorecard_for_request(request, pk)
    return render(request, "entry/history.html", {"card": card, "events": audit_list_for_scorecard(scorecard=card)})
