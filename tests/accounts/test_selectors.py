"""The one place that scopes what a user sees: units, scorecards and the edit / review / reopen rights."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.constants import Role
from accounts.models import Membership
from accounts.selectors import (
    can_edit_scorecard,
    can_reopen_scorecard,
    can_review_scorecard,
    edit_block_reason,
    scorecard_list_for_user,
    unit_scope_for_user,
)
from indicators.constants import ScorecardStatus
from indicators.models import Scorecard
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_an_officer_sees_only_their_commune(officer):
    assert codes(unit_scope_for_user(user=officer)) == {"30193"}


def test_district_staff_see_their_district_and_everything_under_it(district_staff, lap_vo):
    scope = unit_scope_for_user(user=district_staff)
    assert scope.count() == 14 and "875" in codes(scope) and "30193" in codes(scope)
    assert "87" not in codes(scope) and "874" not in codes(scope)


def test_province_staff_see_the_province(province_staff, dong_thap):
    assert (
        unit_scope_for_user(user=province_staff).count()
        == AdministrativeUnit.objects.filter(path__startswith=dong_thap.path).count()
    )


def test_administrators_and_superusers_see_everything(administrator, admin_user, lap_vo):
    everything = AdministrativeUnit.objects.count()
    assert unit_scope_for_user(user=administrator).count() == everything
    assert unit_scope_for_user(user=admin_user).count() == everything


def test_anonymous_inactive_and_unassigned_users_see_nothing(officer, django_user_model):
    assert not unit_scope_for_user(user=AnonymousUser()).exists()
    assert not scorecard_list_for_user(user=AnonymousUser()).exists()
    officer.is_active = False
    assert not unit_scope_for_user(user=officer).exists()
    nobody = django_user_model.objects.create_user(username="nobody")
    assert not unit_scope_for_user(user=nobody).exists()


def test_several_memberships_add_up(officer, tan_my):
    Membership.objects.create(user=officer, unit=tan_my, role=Role.COMMUNE_OFFICER)
    officer = type(officer).objects.get(pk=officer.pk)  # memberships are cached per user object
    assert codes(unit_scope_for_user(user=officer)) == {"30193", "30175"}


def test_scorecards_are_scoped_and_filtered(card, other_card, officer, district_staff):
    assert list(scorecard_list_for_user(user=officer)) == [card]
    assert set(scorecard_list_for_user(user=district_staff)) == {card, other_card}
    assert list(scorecard_list_for_user(user=district_staff, filters={"unit": other_card.unit})) == [other_card]
    assert scorecard_list_for_user(user=district_staff, filters={"period": "2024-05", "scheme": "qd766"}).count() == 2
    assert not scorecard_list_for_user(user=district_staff, filters={"status": ScorecardStatus.APPROVED}).exists()
    assert not scorecard_list_for_user(user=officer, filters={"period": "2024-06"}).exists()


@pytest.mark.parametrize(
    ("persona", "edit", "review"),
    [
        ("officer", True, False),
        ("other_officer", False, False),
        ("district_staff", False, True),
        ("province_staff", False, True),
        ("administrator", True, True),
    ],
)
def test_edit_and_review_rights_on_a_communes_draft(request, card, persona, edit, review):
    user = request.getfixturevalue(persona)
    assert can_edit_scorecard(user=user, scorecard=card) is edit
    assert can_review_scorecard(user=user, scorecard=card) is review


def test_staff_enter_their_own_units_scorecard_and_review_only_below(district_staff, province_staff, lap_vo, scheme):
    district_card = Scorecard.objects.create(unit=lap_vo, period=_period(), scheme=scheme)
    assert can_edit_scorecard(user=district_staff, scorecard=district_card)
    assert not can_review_scorecard(user=district_staff, scorecard=district_card)  # nobody approves their own
    assert can_review_scorecard(user=province_staff, scorecard=district_card)


def test_district_staff_enter_their_departments_scorecards(district_staff, lap_vo, scheme):
    department = AdministrativeUnit.objects.create(
        code="875-MC", name="Bộ phận Một cửa huyện", kind="bo_phan", parent=lap_vo
    )
    dept_card = Scorecard.objects.create(unit=department, period=_period(), scheme=scheme)
    assert can_edit_scorecard(user=district_staff, scorecard=dept_card)


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
    from indicators.services import period_get_or_create

    return period_get_or_create(key="2024-05")
