"""Saving one cell at a time (the form's autosave), the note beside a value, and the reviewer's per-indicator
requests on return.

A cell save is an ordinary `scorecard_save` of the stored entries with one value changed, so it keeps every rule
of the whole-form save: the one validator, the version claim against a concurrent editor, the change log. One
invalid cell is refused on its own; the others were saved when they were typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from audit.constants import EventKind
from audit.services import audit_record
from indicators.entry.selectors import comments_current, entries_current
from indicators.entry.services import (
    SaveResult,
    WorkflowError,
    _require_edit,
    _require_review,
    scorecard_approve,
    scorecard_return,
    scorecard_save,
)
from indicators.models import EntryComment, Indicator, IndicatorGroup, Scorecard
from indicators.values import EntryKey, EntryValue

NOTE_MAX = 1000


def entry_cell_save(
    *, scorecard: Scorecard, user: Any, key: EntryKey, value: EntryValue | None, expected_version: int
) -> SaveResult:
    """Store one value (None empties the cell) and leave every other entry as it is stored."""
    values = entries_current(scorecard=scorecard)
    if value is None:
        values.pop(key, None)
    else:
        values[key] = value
    return scorecard_save(scorecard=scorecard, user=user, values=values, causes={}, expected_version=expected_version)


def entry_cause_save(
    *, scorecard: Scorecard, user: Any, group_id: int, cause: str, expected_version: int
) -> SaveResult:
    """Store one group's cause ("Nguyên nhân") and nothing else."""
    return scorecard_save(
        scorecard=scorecard,
        user=user,
        values=entries_current(scorecard=scorecard),
        causes={group_id: cause},
        expected_version=expected_version,
    )


def _target(scorecard: Scorecard, key: EntryKey) -> Indicator | IndicatorGroup:
    indicator_id, group_id = key
    if indicator_id:
        return Indicator.objects.get(pk=indicator_id, group__scheme_id=scorecard.scheme_id)
    return IndicatorGroup.objects.get(pk=group_id, scheme_id=scorecard.scheme_id)


def _clean_note(text: str) -> str:
    text = (text or "").strip()
    if len(text) > NOTE_MAX:
        raise WorkflowError(_("Ghi chú dài quá %(max)d ký tự; hãy viết ngắn lại.") % {"max": NOTE_MAX})
    return text


@transaction.atomic
def entry_note_set(*, scorecard: Scorecard, user: Any, key: EntryKey, note: str) -> bool:
    """The officer's note beside one value; returns whether it changed. Recorded in the change log."""
    _require_edit(user=user, scorecard=scorecard)
    note = _clean_note(note)
    target = _target(scorecard, key)
    comment = comments_current(scorecard=scorecard).get(key)
    before = comment.note if comment else ""
    if before == note:
        return False
    EntryComment.objects.update_or_create(
        scorecard=scorecard, indicator_id=key[0], group_id=key[1], defaults={"note": note}
    )
    audit_record(
        kind=EventKind.CAUSE,
        user=user,
        scorecard=scorecard,
        field=target.code,
        target=_("Ghi chú – %(code)s") % {"code": target.code},
        before=before,
        after=note,
    )
    return True


@transaction.atomic
def scorecard_return_with_notes(
    *, scorecard: Scorecard, user: Any, comment: str, notes: Mapping[EntryKey, str]
) -> Scorecard:
    """Return a scorecard with a general comment and, optionally, a request beside each indicator to fix.

    The previous return's requests are cleared, so the officer sees only what is asked now; all or nothing."""
    _require_review(user=user, scorecard=scorecard)
    cleaned = {key: _clean_note(text) for key, text in notes.items()}
    scorecard = scorecard_return(scorecard=scorecard, user=user, comment=comment)
    EntryComment.objects.filter(scorecard=scorecard).exclude(review_note="").update(review_note="")
    for key, text in cleaned.items():
        if not text:
            continue
        target = _target(scorecard, key)
        EntryComment.objects.update_or_create(
            scorecard=scorecard, indicator_id=key[0], group_id=key[1], defaults={"review_note": text}
        )
        audit_record(
            kind=EventKind.STATUS,
            user=user,
            scorecard=scorecard,
            field=target.code,
            target=_("Ý kiến khi trả lại – %(code)s") % {"code": target.code},
            before="",
            after=text,
        )
    return scorecard


@transaction.atomic
def scorecards_approve_many(*, scorecards: list[Scorecard], user: Any) -> list[Scorecard]:
    """Approve several submitted scorecards in one step: all of them, or none when one cannot be approved
    (the error names the unit)."""
    approved = []
    for card in scorecards:
        try:
            approved.append(scorecard_approve(scorecard=card, user=user))
        except WorkflowError as exc:
            raise WorkflowError(
                _("Chưa duyệt phiếu nào: %(unit)s – %(reason)s") % {"unit": card.unit.full_name, "reason": exc}
            ) from exc
    return approved
