"""The entry form's per-cell autosave (htmx) and what each row shows beside its inputs: its state, the soft
warnings, the officer's note, the reviewer's request and the value's history over the last 12 periods.

A cell save posts the whole form (htmx includes the enclosing form), is parsed by the form as a whole-form save
is, and stores only the one row named in the URL through `indicators.entry.cells`; the answer is out-of-band
fragments (the row's state, message and points, the totals, the new version), so no input under the officer's
cursor is replaced.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.entry.cells import entry_cause_save, entry_cell_save, entry_note_set
from indicators.entry.checks import value_warnings
from indicators.entry.forms import IndicatorRow, ScorecardEntryForm
from indicators.entry.selectors import comments_current, entry_history
from indicators.entry.services import ScorecardStale, WorkflowError
from indicators.values import EntryKey, EntryValue

CELL_NAME = re.compile(r"^(?:[ig]\d+|cause_\d+)$")


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


@login_required
@require_POST
def scorecard_cell_save(request: HttpRequest, pk: int, cell: str) -> HttpResponse:
    """htmx: store one row (or one group's cause) and answer with its state, the totals and the new version."""
    from indicators.entry.views import _form_context, _scorecard_for

    if not CELL_NAME.match(cell):
        raise Http404
    card = _scorecard_for(request, pk)
    context = _form_context(request, card, data=request.POST)
    form: ScorecardEntryForm = context["form"]
    version = form.cleaned_data.get("version") or card.version
    target: Any = None
    if cell.startswith("cause_"):
        target = next((b for b in form.blocks if f"cause_{b.group.pk}" == cell), None)
    else:
        target = next((r for r in form.rows if r.prefix == cell and r.applies), None)
    if target is None:
        raise Http404
    row = None if cell.startswith("cause_") else target
    state, message = _save(request, card, form, row, target, version, context)
    context.update(cell=cell, row=row, cell_state=state, cell_label=RowState.LABELS[state], cell_message=message)
    # Only a save moves the page's version on: after a refused (stale) save the page keeps the version it was
    # opened with, so its next whole-form save is refused too instead of overwriting the other person's values.
    context["version"] = context.get("saved_version", version)
    if row is not None:
        row.state, row.state_label = state, RowState.LABELS[state]
        if state in (RowState.SAVED, RowState.WARNING, RowState.EMPTY):  # the note was saved with the value
            row.note = request.POST.get(f"{row.prefix}_note", "").strip()
    return render(request, "entry/_cell_result.html", context)


def _save(
    request: HttpRequest,
    card: Any,
    form: ScorecardEntryForm,
    row: IndicatorRow | None,
    block: Any,
    version: int,
    context: dict[str, Any],
) -> tuple[str, str]:
    """Store the cell; returns its state and the words beside it."""
    if context["block_reason"]:
        return RowState.LOCKED, context["block_reason"]
    if row is not None and row.error:
        return RowState.INVALID, row.error
    try:
        if row is None:
            saved = entry_cause_save(
                scorecard=card,
                user=request.user,
                group_id=block.group.pk,
                cause=form.cleaned_data.get(f"cause_{block.group.pk}", ""),
                expected_version=version,
            )
        else:
            saved = entry_cell_save(
                scorecard=card,
                user=request.user,
                key=row.key,
                value=form.valid_values.get(row.key),
                expected_version=version,
            )
            entry_note_set(
                scorecard=saved.scorecard,
                user=request.user,
                key=row.key,
                note=request.POST.get(f"{row.prefix}_note", ""),
            )
    except ScorecardStale as exc:
        return RowState.STALE, str(exc)
    except WorkflowError as exc:
        return RowState.INVALID, str(exc)
    context["saved_version"] = saved.scorecard.version
    now = timezone.localtime().strftime("%H:%M:%S")
    if row is not None and row.key not in form.valid_values:
        return RowState.EMPTY, _("Đã xóa giá trị lúc %(time)s.") % {"time": now}
    if row is not None and row.warnings:
        return RowState.WARNING, _("Đã lưu lúc %(time)s.") % {"time": now}
    return RowState.SAVED, _("Đã lưu lúc %(time)s.") % {"time": now}
