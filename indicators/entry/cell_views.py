"""The entry form's per-cell autosave (htmx); what each row shows beside its inputs (its state, the soft warnings,
the officer's note, the reviewer's request, the value's history) is built by `indicators.entry.page`.

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
from indicators.entry.forms import IndicatorRow, ScorecardEntryForm
from indicators.entry.page import RowState, entry_page_context, scorecard_for_request
from indicators.entry.services import ScorecardStale, WorkflowError

CELL_NAME = re.compile(r"^(?:[ig]\d+|cause_\d+)$")


@login_required
@require_POST
def scorecard_cell_save(request: HttpRequest, pk: int, cell: str) -> HttpResponse:
    """htmx: store one row (or one group's cause) and answer with its state, the totals and the new version."""
    if not CELL_NAME.match(cell):
        raise Http404
    card = scorecard_for_request(request, pk)
    context = entry_page_context(request, card, data=request.POST)
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
