"""indicators/entry/rules.py: what a scorecard's state and period allow, on top of who the user is."""

from __future__ import annotations

import pytest

from indicators.constants import ScorecardStatus
from indicators.entry.rules import can_reopen_scorecard, edit_block_reason
from indicators.models import Scorecard
from indicators.services import period_get_or_create
from units.constants import UnitKind
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "edit"),
    [("officer", True), ("other_officer", False), ("district_staff", False), ("administrator", True)],
)
def test_a_communes_draft_is_edited_only_by_those_who_enter_for_it(request, card, persona, edit):
    user = request.getfixturevalue(persona)
    assert (edit_block_reason(user=user, scorecard=card) is None) is edit


def test_staff_enter_their_own_units_scorecard_and_review_only_below(district_staff, province_staff, lap_vo, scheme):
    district_card = Scorecard.objects.create(unit=lap_vo, period=_period(), scheme=scheme)
    assert edit_block_reason(user=district_staff, scorecard=district_card) is None
    assert edit_block_reason(user=province_staff, scorecard=district_card) is not None  # they review it instead
    assert "chỉ được xem và duyệt" in edit_block_reason(user=province_staff, scorecard=district_card)


def test_district_staff_enter_their_departments_scorecards(district_staff, lap_vo, scheme):
    department = AdministrativeUnit.objects.create(
        code="875-MC", name="Bộ phận Một cửa huyện", kind=UnitKind.DEPARTMENT, parent=lap_vo
    )
    dept_card = Scorecard.objects.create(unit=department, period=_period(), scheme=scheme)
    assert edit_block_reason(user=district_staff, scorecard=dept_card) is None


def test_locked_states_say_why(card, officer, district_reopener):
    card.status = ScorecardStatus.SUBMITTED
    assert "chờ cấp trên duyệt" in edit_block_reason(user=officer, scorecard=card)
    card.status = ScorecardStatus.APPROVED
    assert "đã được duyệt và khóa" in edit_block_reason(user=officer, scorecard=card)
    assert can_reopen_scorecard(user=district_reopener, scorecard=card)
    card.status = ScorecardStatus.DRAFT
    card.period.entry_closed = True
    assert "đã khóa nhập liệu" in edit_block_reason(user=officer, scorecard=card)
    assert can_reopen_scorecard(user=district_reopener, scorecard=card)  # a draft stuck in a closed period
    card.status = ScorecardStatus.RETURNED
    assert edit_block_reason(user=officer, scorecard=card) is None  # returned: still editable when closed


def _period():
    return period_get_or_create(key="2024-05")
