"""Bad files name the row, column and value, and leave the database exactly as it was."""

from __future__ import annotations

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from indicators.imports.services import ScoresImportError, scores_import
from indicators.models import Entry, Period, Scorecard
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db

HEADER = "STT\tTên đơn vị\tĐiểm tổng\tCông khai, minh bạch\tTiến độ giải quyết\n"


def _write(tmp_path, body: str, name: str = "table.tsv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _snapshot():
    return (Scorecard.objects.count(), Entry.objects.count(), list(Scorecard.objects.values_list("published_total")))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("1\tXã Vĩnh Thạnh\t90,13\t19\t20", "Dòng 2, cột D “Công khai, minh bạch”: điểm 19 vượt điểm tối đa 18"),
        ("1\tXã Vĩnh Thạnh\t90,13\t-1\t20", "Dòng 2, cột D “Công khai, minh bạch”: điểm -1 âm"),
        (
            "1\tXã Vĩnh Thạnh\t90,13\tmười\t20",
            "Dòng 2, cột D “Công khai, minh bạch”: Điểm CKMB: “mười” không phải là số",
        ),
        ("1\tXã Vĩnh Thạnh\t90,13\t12,9/20\t20", "ô ghi “/20” nhưng CKMB (Công khai, minh bạch) có điểm tối đa là 18"),
        ("1\tXã Vĩnh Thạnh\t90,13\t-\t20", "CKMB (Công khai, minh bạch) không được để “-”"),
        ("1\tXã Vĩnh Thạnh\t90,13\t71,8%\t20", "là tỷ lệ phần trăm, cần nhập điểm"),
        ("1\tXã Vĩnh Thạnh\tabc\t18\t20", "Dòng 2, cột C “Điểm tổng”: giá trị “abc” không phải là số"),
    ],
)
def test_bad_cells_are_named_and_nothing_is_written(lap_vo, qd766, tmp_path, row, expected):
    good = "2\tXã Tân Mỹ\t72,7\t8,5/18\t18,3/20\n"
    before = _snapshot()
    with pytest.raises(ScoresImportError) as caught:
        scores_import(
            path=_write(tmp_path, good + row.replace("Dòng 2", "")),
            scheme=qd766,
            period=period_get_or_create(key="2024-01"),
            parent=lap_vo,
        )
    message = "\n".join(caught.value.errors)
    assert expected.replace("Dòng 2", "Dòng 3") in message
    assert _snapshot() == before


def test_unknown_unit_lists_candidates_and_writes_nothing(lap_vo, qd766, tmp_path):
    before = _snapshot()
    path = _write(tmp_path, "1\tXã Tân Mĩ\t72,7\t8,5\t18,3\n2\tXã Vĩnh Thạnh\t90,13\t18\t20\n")
    with pytest.raises(ScoresImportError) as caught:
        scores_import(path=path, scheme=qd766, period=period_get_or_create(key="2024-01"), parent=lap_vo)
    [error] = caught.value.errors
    assert error.startswith("Dòng 2, cột B “Tên đơn vị”:")
    assert "Tân Mĩ" in error and "Xã Tân Mỹ" in error
    assert _snapshot() == before


def test_a_unit_twice_is_refused(lap_vo, qd766, tmp_path):
    path = _write(tmp_path, "1\tXã Tân Mỹ\t72,7\t8,5\t18,3\n2\tTÂN MỸ\t72,7\t8,5\t18,3\n")
    with pytest.raises(ScoresImportError, match="Dòng 3: Xã Tân Mỹ đã có ở dòng 2"):
        scores_import(path=path, scheme=qd766, period=period_get_or_create(key="2024-01"), parent=lap_vo)


def test_file_without_score_columns_says_what_headers_are_expected(lap_vo, qd766, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Tên đơn vị,Ghi chú\nXã Tân Mỹ,abc\n", encoding="utf-8")
    with pytest.raises(ScoresImportError, match="tiêu đề cột phải là mã hoặc tên nhóm chỉ số"):
        scores_import(path=path, scheme=qd766, period=period_get_or_create(key="2024-01"), parent=lap_vo)


def test_not_a_spreadsheet_with_an_xlsx_name(lap_vo, qd766, tmp_path):
    path = tmp_path / "bang-diem.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(ScoresImportError, match=r"Không đọc được tệp Excel bang-diem\.xlsx"):
        scores_import(path=path, scheme=qd766, period=period_get_or_create(key="2024-01"), parent=lap_vo)


def test_reimporting_the_same_file_changes_nothing(lap_vo, qd766, seed_file):
    period = period_get_or_create(key="2024-01")
    first = scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    versions = dict(Scorecard.objects.values_list("pk", "version"))
    second = scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    assert first.changed_count == 13 and second.changed_count == 0
    assert dict(Scorecard.objects.values_list("pk", "version")) == versions


def test_dry_run_writes_nothing_but_reports_the_result(lap_vo, qd766, seed_file):
    report = scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
        dry_run=True,
    )
    assert report.rows[0].scorecard.classification.label == "Xuất sắc"
    assert not Scorecard.objects.exists()


def test_totals_only_file_keeps_detailed_entries(lap_vo, qd766, seed_file, tmp_path):
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    entries = Entry.objects.count()
    totals = tmp_path / "totals.csv"
    totals.write_text("Đơn vị;Điểm tổng\nVĩnh Thạnh;91,5\n", encoding="utf-8")
    scores_import(path=totals, scheme=qd766, period=period, parent=lap_vo)
    card = Scorecard.objects.get(unit__name="Vĩnh Thạnh", period=period)
    assert Entry.objects.count() == entries
    assert card.total == D("91.50") and card.computed_total == D("89.90")


def test_xlsx_with_codes_and_indicator_columns(lap_vo, qd766, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Mã đơn vị", "CKMB1", "CKMB2", "CKMB3", "CKMB4", "TDGQ", "DVCTT", "TTTT", "MDHL", "MDSH"])
    sheet.append(["30193", 6, 4, 2, "5,5", 19.5, "7,2/12", 8.8, 18, 17])
    path = tmp_path / "scores.xlsx"
    workbook.save(path)
    scores_import(path=path, scheme=qd766, period=period_get_or_create(key="2024-02"), parent=lap_vo)
    card = Scorecard.objects.get(unit__code="30193", period__key="2024-02")
    assert card.computed_total == D("17.50") + D("19.50") + D("7.20") + D("8.80") + D("18") + D("17")
    assert card.rank == 1 and card.rank_of == 1


def test_command_reports_errors_and_exits_non_zero(lap_vo, tmp_path):
    path = _write(tmp_path, "1\tXã Không Có\t50\t10\t10\n")
    with pytest.raises(CommandError, match="có 1 lỗi, chưa ghi gì"):
        call_command(
            "import_scores",
            str(path),
            scheme="qd766",
            period="2024-01",
            parent="875",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not Scorecard.objects.exists()


def test_command_rejects_unknown_scheme_and_bad_period(lap_vo, tmp_path):
    path = _write(tmp_path, "1\tXã Tân Mỹ\t72,7\t8,5\t18,3\n")
    with pytest.raises(CommandError, match="Không có bộ chỉ số “qd999”"):
        call_command("import_scores", str(path), scheme="qd999", period="2024-01", parent="875")
    with pytest.raises(CommandError, match="Mã kỳ “2024-13” không hợp lệ"):
        call_command("import_scores", str(path), scheme="qd766", period="2024-13", parent="875")
    assert not Period.objects.filter(key="2024-13").exists()
