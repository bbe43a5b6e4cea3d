"""No scorecard outside a unit's validity, whichever way it would be created: service, import, API, command."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from indicators.imports.services import ScoresImportError, scores_import
from indicators.models import Scorecard
from indicators.services import UnitOutsideValidity, period_get_or_create, scorecard_get_or_create
from units.constants import Edition
from units.models import AdministrativeUnit


def test_a_legacy_commune_cannot_get_a_2026_scorecard(binh_thanh, qd766):
    with pytest.raises(UnitOutsideValidity) as caught:
        scorecard_get_or_create(unit=binh_thanh, period=period_get_or_create(key="2026-01"), scheme=qd766)
    assert "Xã Bình Thành" in str(caught.value) and "30/06/2025" in str(caught.value)
    assert not Scorecard.objects.filter(unit=binh_thanh).exists()
    june = scorecard_get_or_create(unit=binh_thanh, period=period_get_or_create(key="2025-06"), scheme=qd766)
    assert june.pk  # the last month of the district era still belongs to it


def test_a_2025_commune_cannot_get_a_scorecard_before_the_reform(dong_thap_2025, qd766):
    commune = AdministrativeUnit.objects.filter(edition=Edition.Y2025, level=3).first()
    with pytest.raises(UnitOutsideValidity, match="từ 01/07/2025"):
        scorecard_get_or_create(unit=commune, period=period_get_or_create(key="2025-06"), scheme=qd766)
    assert scorecard_get_or_create(unit=commune, period=period_get_or_create(key="2025-07"), scheme=qd766).pk


def test_a_2026_import_into_a_legacy_district_is_refused(lap_vo, qd766, seed_file):
    period = period_get_or_create(key="2026-01")
    with pytest.raises(ScoresImportError) as caught:
        scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    assert "Huyện Lấp Vò" in caught.value.errors[0] and "30/06/2025" in caught.value.errors[0]
    assert not Scorecard.objects.filter(period=period).exists()


def test_the_command_refuses_it_too_and_names_the_unit(lap_vo, qd766, seed_file):
    with pytest.raises(CommandError) as caught:
        call_command("import_scores", str(seed_file("seed000_lapvo_2024-01.tsv")), scheme="qd766",
                     period="2026-01", parent="875")  # fmt: skip
    assert "Huyện Lấp Vò" in str(caught.value) and "30/06/2025" in str(caught.value)


def test_an_old_scorecard_outside_validity_cannot_be_edited(client, officer, binh_thanh, qd766):
    """A row written before validity was checked stays readable but is refused for entry."""
    from indicators.entry.rules import edit_block_reason

    card = Scorecard.objects.create(unit=binh_thanh, period=period_get_or_create(key="2026-02"), scheme=qd766)
    reason = edit_block_reason(user=officer, scorecard=card)
    assert reason and "Xã Bình Thành" in reason and "30/06/2025" in reason


def test_parent_24_resolves_in_the_edition_of_the_period(db):
    """The issue's command line: `--parent 24` with both editions loaded, for a 2025 and a 2024 week."""
    from indicators.management.commands._common import unit_arg
    from units.loaders import province_load

    province_load(province="24", edition=Edition.LEGACY)
    province_load(province="24", edition=Edition.Y2025)
    assert unit_arg("24", period=period_get_or_create(key="2025-W50")).full_name == "Tỉnh Bắc Ninh"
    assert unit_arg("24", period=period_get_or_create(key="2024-W50")).full_name == "Tỉnh Bắc Giang"
    with pytest.raises(CommandError, match="nhiều đơn vị"):
        unit_arg("24")


def test_an_import_without_parent_reads_codes_in_the_periods_edition(dong_thap_2025, qd766, tmp_path):
    """Kept communes keep their code, so "30169" is two units; for October 2025 it is the 2025 Xã Lấp Vò."""
    table = tmp_path / "thang-10.tsv"
    table.write_text("Mã đơn vị\tCKMB\tTDGQ\n30169\t15,5\t18\n", encoding="utf-8")
    report = scores_import(path=table, scheme=qd766, period=period_get_or_create(key="2025-10"), parent=None)
    assert [(row.unit.edition, row.unit.full_name) for row in report.rows] == [(Edition.Y2025, "Xã Lấp Vò")]
    report = scores_import(path=table, scheme=qd766, period=period_get_or_create(key="2024-10"), parent=None)
    assert [(row.unit.edition, row.unit.full_name) for row in report.rows] == [(Edition.LEGACY, "Thị trấn Lấp Vò")]
