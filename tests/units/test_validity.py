"""A unit exists only inside its validity; codes and names are read in the edition in force on a date."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from units.constants import Edition, UnitKind
from units.loaders import province_load
from units.models import AdministrativeUnit
from units.selectors import (
    UnitAmbiguous,
    UnitNotFound,
    unit_get_by_code_or_name,
    unit_valid_on_q,
    unit_validity_problem,
)
from units.services import provincial_body_create

REFORM = date(2025, 7, 1)


def _shared_code() -> str:
    """A commune code both editions use for different units (kept units keep their old code)."""
    legacy = set(AdministrativeUnit.objects.filter(edition=Edition.LEGACY, level=3).values_list("code", flat=True))
    new = AdministrativeUnit.objects.filter(edition=Edition.Y2025, level=3, code__in=legacy)
    return new.values_list("code", flat=True).first()


def test_edition_dates_apply_to_loaded_units(dong_thap_2025):
    legacy = AdministrativeUnit.objects.get(edition=Edition.LEGACY, code="30193")
    new = AdministrativeUnit.objects.filter(edition=Edition.Y2025, level=3).first()
    assert legacy.is_valid_on(date(2025, 6, 30)) and not legacy.is_valid_on(REFORM)
    assert new.is_valid_on(REFORM) and not new.is_valid_on(date(2025, 6, 30))
    problem = unit_validity_problem(unit=legacy, start=date(2026, 1, 1), end=date(2026, 1, 31), label="tháng 01")
    assert "Xã Bình Thành" in problem and "30193" in problem and "đến 30/06/2025" in problem


def test_a_code_of_both_editions_resolves_by_date(dong_thap_2025):
    code = _shared_code()
    assert code, "the two editions of Đồng Tháp share kept commune codes"
    with pytest.raises(UnitAmbiguous):
        unit_get_by_code_or_name(value=code)
    assert unit_get_by_code_or_name(value=code, on=date(2025, 12, 31)).edition == Edition.Y2025
    assert unit_get_by_code_or_name(value=code, on=date(2024, 1, 31)).edition == Edition.LEGACY


def test_province_code_24_resolves_in_each_edition(db):
    """The issue's case: `--parent 24` is Bắc Giang before the reform and Bắc Ninh after it."""
    province_load(province="24", edition=Edition.LEGACY)
    province_load(province="24", edition=Edition.Y2025)
    with pytest.raises(UnitAmbiguous):
        unit_get_by_code_or_name(value="24")
    assert unit_get_by_code_or_name(value="24", on=date(2025, 12, 14)).full_name == "Tỉnh Bắc Ninh"
    assert unit_get_by_code_or_name(value="24", on=date(2024, 12, 14)).full_name == "Tỉnh Bắc Giang"


def test_a_unit_found_only_outside_its_dates_is_named_with_them(dong_thap):
    with pytest.raises(UnitNotFound) as caught:
        unit_get_by_code_or_name(value="Lấp Vò", on=date(2026, 11, 30))
    assert "Huyện Lấp Vò" in str(caught.value) and "30/06/2025" in str(caught.value)


def test_provincial_body_has_its_own_dates_and_is_a_body(dong_thap_2025):
    body = provincial_body_create(province=dong_thap_2025, name="Sở Nội vụ", valid_to=date(2026, 3, 31))
    assert body.is_department and body.level == 1 and body.edition == Edition.Y2025
    assert body.code.startswith(f"{dong_thap_2025.code}-")
    assert body.validity == (None, date(2026, 3, 31)) or body.validity == (REFORM, date(2026, 3, 31))
    assert body.is_valid_on(date(2026, 3, 31)) and not body.is_valid_on(date(2026, 4, 1))
    assert provincial_body_create(province=dong_thap_2025, name="sở nội vụ") == body  # idempotent


def test_provincial_body_must_sit_under_a_province(lap_vo):
    body = AdministrativeUnit(code="875-X", name="Sở lạ", kind=UnitKind.PROVINCIAL_BODY, parent=lap_vo, level=1)
    with pytest.raises(ValidationError) as caught:
        body.full_clean()
    assert "parent" in caught.value.message_dict


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(
    valid_from=st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2027, 1, 1))),
    valid_to=st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2027, 1, 1))),
    edition=st.sampled_from([Edition.LEGACY, Edition.Y2025]),
    day=st.dates(date(2024, 1, 1), date(2027, 1, 1)),
)
def test_the_database_filter_agrees_with_the_model(valid_from, valid_to, edition, day):
    """`unit_valid_on_q` (SQL, for lookups) and `is_valid_on` (Python, for checks) are one rule."""
    unit = AdministrativeUnit.objects.create(
        code="99999", name="Thử", kind=UnitKind.COMMUNE, edition=edition, valid_from=valid_from, valid_to=valid_to
    )
    in_sql = AdministrativeUnit.objects.filter(unit_valid_on_q(day=day), pk=unit.pk).exists()
    assert in_sql == unit.is_valid_on(day)
    unit.delete()
