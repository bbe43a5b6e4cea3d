"""Saving one cell at a time, notes beside values, returns with per-indicator requests, bulk approval."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from indicators.constants import ScorecardStatus
from indicators.entry.cells import (
    entry_cause_save,
    entry_cell_save,
    entry_note_set,
    scorecard_return_with_notes,
    scorecards_approve_many,
)
from indicators.entry.selectors import comments_current, entries_current, scorecard_next_waiting
from indicators.entry.services import EntryInvalid, ScorecardStale, scorecard_save, scorecard_submit
from indicators.models import Indicator, Scorecard
from indicators.values import EntryValue

pytestmark = pytest.mark.django_db


def key(code: str) -> tuple[int, None]:
    return (Indicator.objects.get(group__scheme__code="qd766", code=code).pk, None)


def submitted(card, officer, complete_values) -> Scorecard:
    scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version)
    card.refresh_from_db()
    return scorecard_submit(scorecard=card, user=officer)


def test_a_cell_save_changes_only_its_value_and_is_logged(card, officer, complete_values):
    scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version)
    card.refresh_from_db()
    new = EntryValue(numerator=Decimal(7), denominator=Decimal(10))
    result = entry_cell_save(scorecard=card, user=officer, key=key("CKMB2"), value=new, expected_version=card.version)
    stored = entries_current(scorecard=card)
    assert stored[key("CKMB2")] == new
    assert {k: v for k, v in stored.items() if k != key("CKMB2")} == {
        k: v for k, v in complete_values.items() if k != key("CKMB2")
    }
    assert [(e.field, e.before, e.after) for e in result.events] == [("CKMB2", "9/10", "7/10")]


def test_emptying_a_cell_deletes_only_that_entry(card, officer, complete_values):
    scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version)
    card.refresh_from_db()
    entry_cell_save(scorecard=card, user=officer, key=key("CKMB1"), value=None, expected_version=card.version)
    assert set(entries_current(scorecard=card)) == set(complete_values) - {key("CKMB1")}


def test_an_invalid_cell_is_refused_alone_and_a_stale_version_is_refused(card, officer):
    entry_cell_save(
        scorecard=card, user=officer, key=key("CKMB1"), value=EntryValue(points=Decimal(5)), expected_version=1
    )
    card.refresh_from_db()
    with pytest.raises(EntryInvalid):
        entry_cell_save(
            scorecard=card,
            user=officer,
            key=key("CKMB2"),
            value=EntryValue(points=Decimal(99)),
            expected_version=card.version,
        )
    with pytest.raises(ScorecardStale):
        entry_cell_save(
            scorecard=card, user=officer, key=key("CKMB2"), value=EntryValue(points=Decimal(1)), expected_version=1
        )
    assert entries_current(scorecard=card) == {key("CKMB1"): EntryValue(points=Decimal(5))}


def test_a_cause_save_leaves_the_entries(card, officer, complete_values):
    scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version)
    card.refresh_from_db()
    group_id = Indicator.objects.get(pk=key("CKMB1")[0]).group_id
    entry_cause_save(
        scorecard=card, user=officer, group_id=group_id, cause="Hai TTHC chậm", expected_version=card.version
    )
    assert entries_current(scorecard=card) == complete_values
    assert card.group_notes.get(group_id=group_id).cause == "Hai TTHC chậm"


def test_a_note_is_stored_logged_once_and_refused_to_strangers(card, officer, other_officer):
    assert entry_note_set(scorecard=card, user=officer, key=key("CKMB1"), note="  Số liệu từ Cổng tỉnh ") is True
    assert entry_note_set(scorecard=card, user=officer, key=key("CKMB1"), note="Số liệu từ Cổng tỉnh") is False
    assert comments_current(scorecard=card)[key("CKMB1")].note == "Số liệu từ Cổng tỉnh"
    assert AuditEvent.objects.filter(scorecard=card, after="Số liệu từ Cổng tỉnh").count() == 1
    with pytest.raises(PermissionDenied):
        entry_note_set(scorecard=card, user=other_officer, key=key("CKMB1"), note="x")


def test_a_return_with_notes_replaces_the_previous_requests(card, officer, district_staff, complete_values):
    card = submitted(card, officer, complete_values)
    scorecard_return_with_notes(
        scorecard=card, user=district_staff, comment="Sửa CKMB1", notes={key("CKMB1"): "Mẫu số sai", key("CKMB2"): ""}
    )
    assert {k: c.review_note for k, c in comments_current(scorecard=card).items()} == {key("CKMB1"): "Mẫu số sai"}
    card.refresh_from_db()
    assert card.status == ScorecardStatus.RETURNED
    card = scorecard_submit(scorecard=card, user=officer)
    scorecard_return_with_notes(scorecard=card, user=district_staff, comment="Sửa TDGQ1", notes={key("TDGQ1"): "Thiếu"})
    notes = {k: c.review_note for k, c in comments_current(scorecard=card).items() if c.review_note}
    assert notes == {key("TDGQ1"): "Thiếu"}


def test_bulk_approval_is_all_or_none(card, other_card, officer, other_officer, district_staff, complete_values):
    card = submitted(card, officer, complete_values)
    with pytest.raises(Exception, match="Xã Tân Mỹ"):
        scorecards_approve_many(scorecards=[card, other_card], user=district_staff)  # other_card is a draft
    card.refresh_from_db()
    assert card.status == ScorecardStatus.SUBMITTED
    other = submitted(other_card, other_officer, complete_values)
    approved = scorecards_approve_many(scorecards=[card, other], user=district_staff)
    assert [c.status for c in approved] == [ScorecardStatus.APPROVED] * 2


def test_next_waiting_walks_the_reviewers_submitted_cards(
    card, other_card, officer, other_officer, district_staff, complete_values
):
    assert scorecard_next_waiting(user=district_staff) is None
    first = submitted(card, officer, complete_values)
    second = submitted(other_card, other_officer, complete_values)
    assert scorecard_next_waiting(user=district_staff).pk in {first.pk, second.pk}
    assert scorecard_next_waiting(user=district_staff, current=first).pk == second.pk
    assert scorecard_next_waiting(user=officer) is None  # an officer reviews nobody
