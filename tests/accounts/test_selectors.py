"""The one place that scopes what a user sees and acts on: units, scorecards, who enters and who reviews."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.constants import Role
from accounts.models import Membership
from accounts.selectors import (
    acting_units_for_user,
    can_review_scorecard,
    may_enter_for,
    scorecard_list_for_user,
    unit_scope_for_user,
)
from indicators.constants import ScorecardStatus
from units.constants import UnitKind
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
    ("persona", "enter", "review"),
    [
        ("officer", True, False),
        ("other_officer", False, False),
        ("district_staff", False, True),
        ("province_staff", False, True),
        ("administrator", True, True),
    ],
)
def test_who_enters_and_who_reviews_a_communes_scorecard(request, card, persona, enter, review):
    user = request.getfixturevalue(persona)
    assert may_enter_for(user=user, unit=card.unit) is enter
    assert can_review_scorecard(user=user, scorecard=card) is review


def test_units_a_user_acts_for(officer, district_staff, administrator, lap_vo):
    """An officer acts for their commune; district staff for the district and its communes, never a department."""
    department = AdministrativeUnit.objects.create(
        code="875-MC", name="Bộ phận Một cửa huyện", kind=UnitKind.DEPARTMENT, parent=lap_vo
    )
    assert codes(acting_units_for_user(user=officer)) == {"30193"}
    district = codes(acting_units_for_user(user=district_staff))
    assert "875" in district and "30193" in district and len(district) == 14 and department.code not in district
    assert department.code not in codes(acting_units_for_user(user=administrator))
