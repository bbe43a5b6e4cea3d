"""What the entry page shows: the scorecard a request may open, the form with last period's values, the
scoring result and each row's state, warnings, note and history. The whole-form views and the per-cell autosave
build the same page here, so both answer with the same rows.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts import selectors as access
from indicators.entry import rules
from indicators.entry.checks import value_warnings
from indicators.entry.forms import CommentForm, IndicatorRow, ScorecardEntryForm
from indicators.entry.matrix import SUBMITTED_OR_APPROVED
from indicators.entry.selectors import (
    causes_current,
    comments_current,
    entries_current,
    entry_history,
    scorecard_next_waiting,
    scorecard_score,
    scorecard_spec,
)
from indicators.models import GroupScore, Period, Scorecard
from indicators.values import EntryKey, EntryValue


def deadline_text(period: Period, status: str) -> str:
    """ "Còn 3 ngày", "Hết hạn hôm nay", "Quá hạn 2 ngày", "Đã khóa nhập liệu" for a scorecard still to enter."""
    if status in SUBMITTED_OR_APPROVED:
        return ""
    if period.entry_closed:
        return _("Đã khóa nhập liệu")
    days = rules.days_to_deadline(period)
    if days is None:
        return ""
    if days > 0:
        return _("Còn %(days)d ngày") % {"days": days}
    if days == 0:
        return _("Hết hạn hôm nay")
    return _("Quá hạn %(days)d ngày") % {"days": -days}


def scorecard_for_request(request: HttpRequest, pk: int) -> Scorecard:
    """The scorecard if the user may see it; 404 otherwise, so its existence is not revealed."""
    queryset = access.scorecard_list_for_user(user=request.user).select_related(
        "unit", "unit__parent", "period", "period__previous", "scheme", "classification"
    )
    return get_object_or_404(queryset, pk=pk)


class RowState:
    """The states a row shows (CSS classes and their Vietnamese words)."""

    EMPTY, DIRTY, SAVED, INVALID, WARNING, LOCKED, STALE = (
        "empty",
        "dirty",
        "saved",
        "invalid",
        "warning",
        "locked",
        "stale",
    )
    LABELS = {
        "empty": "Chưa nhập",
        "dirty": "Chưa lưu",
        "saved": "Đã lưu",
        "invalid": "Không hợp lệ – chưa lưu",
        "warning": "Đã lưu – cần xem lại",
        "locked": "Đã khóa",
        "stale": "Chưa lưu – người khác vừa lưu",
    }


def rows_decorate(
    *,
    form: ScorecardEntryForm,
    values: dict[EntryKey, EntryValue],
    stored: dict[EntryKey, EntryValue],
    previous: dict[EntryKey, EntryValue],
    read_only: bool,
) -> None:
    """Give every row its state, warnings, note, reviewer's request and history (three queries in all)."""
    card = form.scorecard
    comments = comments_current(scorecard=card)
    history = entry_history(scorecard=card)
    for block in form.blocks:
        block.cause_cell = f"cause_{block.group.pk}"
    for row in form.rows:
        comment = comments.get(row.key)
        row.note = comment.note if comment else ""
        row.review_note = comment.review_note if comment else ""
        row.history = history.get(row.key, [])
        row.warnings = value_warnings(
            value=values.get(row.key), previous=previous.get(row.key), maximum=row.indicator.max_points
        )
        row.state = _state(row, stored, values, read_only)
        row.state_label = RowState.LABELS[row.state]


def _state(
    row: IndicatorRow, stored: dict[EntryKey, EntryValue], values: dict[EntryKey, EntryValue], read_only: bool
) -> str:
    if read_only or not row.applies:
        return RowState.LOCKED
    if row.error:
        return RowState.INVALID
    if stored.get(row.key) != values.get(row.key):
        return RowState.DIRTY
    if row.key not in stored:
        return RowState.EMPTY
    return RowState.WARNING if row.warnings else RowState.SAVED


def entry_page_context(request: HttpRequest, card: Scorecard, *, data: Any = None, full: bool = True) -> dict[str, Any]:
    """Build the form (bound to `data` when given) with last period's values and the scoring result.

    `full=False` only parses and checks (a save that redirects shows nothing): no last period, no scoring."""
    spec = scorecard_spec(card)
    reason = rules.edit_block_reason(user=request.user, scorecard=card)
    previous_card = None
    if full and card.period.previous_id:
        previous_card = (
            access.scorecard_list_for_user(user=request.user)
            .filter(unit=card.unit, scheme=card.scheme, period_id=card.period.previous_id)
            .first()
        )
    previous = entries_current(scorecard=previous_card) if previous_card else {}
    previous_points = (
        dict(GroupScore.objects.filter(scorecard=previous_card).values_list("group_id", "points"))
        if previous_card
        else {}
    )
    stored = entries_current(scorecard=card)
    form = ScorecardEntryForm(
        data,
        scorecard=card,
        spec=spec,
        stored=stored,
        causes=causes_current(scorecard=card),
        previous=previous,
        previous_points=previous_points,
        read_only=reason is not None,
    )
    if data is not None:
        form.is_valid()
        values = form.valid_values
    else:
        values = stored
    result = None
    if full:
        result = scorecard_score(scorecard=card, values=values, spec=spec)
        form.attach_results(result)
        rows_decorate(form=form, values=values, stored=stored, previous=previous, read_only=reason is not None)
    can_approve = rules.can_approve_scorecard(user=request.user, scorecard=card)
    return {
        "card": card,
        "form": form,
        "result": result,
        "stored": stored,
        "previous_card": previous_card,
        "read_only": reason is not None,
        "block_reason": reason,
        "deadline_text": deadline_text(card.period, card.status),
        "deadline_overdue": (rules.days_to_deadline(card.period) or 0) < 0 or card.period.entry_closed,
        "can_approve": can_approve,
        "can_reopen": rules.can_reopen_scorecard(user=request.user, scorecard=card),
        "comment_form": CommentForm(),
        "next_waiting": _next_waiting(request, card) if data is None else None,
    }


def _next_waiting(request: HttpRequest, card: Scorecard) -> Scorecard | None:
    """For reviewers only: the next card waiting for them (officers never review, so no query for them)."""
    if not access.review_units_for_user(user=request.user).exists():
        return None
    return scorecard_next_waiting(user=request.user, current=card)
