"""Hostile files end in a Vietnamese message naming what is wrong, never a crash, and write nothing."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest

from indicators.imports.reading import MAX_FILE_BYTES
from indicators.imports.services import ScoresImportError, scores_import
from indicators.models import Entry, Period, Scorecard
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db

GROUPS = ["Công khai, minh bạch", "Tiến độ giải quyết", "Dịch vụ công trực tuyến"]


def _snapshot():
    return (Scorecard.objects.count(), Entry.objects.count())


def _import(path, lap_vo, qd766):
    return scores_import(path=path, scheme=qd766, period=period_get_or_create(key="2024-03"), parent=lap_vo)


def _refused(path, lap_vo, qd766, pattern: str) -> str:
    before = _snapshot()
    with pytest.raises(ScoresImportError) as caught:
        _import(path, lap_vo, qd766)
    message = "\n".join(caught.value.errors)
    assert re.search(pattern, message), message
    assert _snapshot() == before
    return message


def _xlsx(tmp_path, rows, name="bang.xlsx", merges=()):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    path = tmp_path / name
    book.save(path)
    return path


def test_wrong_headers(lap_vo, qd766, tmp_path):
    path = _xlsx(tmp_path, [["Xã", "Điểm A", "Điểm B"], ["Xã Tân Mỹ", 1, 2]])
    _refused(path, lap_vo, qd766, "Không tìm thấy dòng tiêu đề: cần một cột “Tên đơn vị”")


def test_empty_sheet(lap_vo, qd766, tmp_path):
    _refused(_xlsx(tmp_path, []), lap_vo, qd766, r"Tệp bang\.xlsx không có dữ liệu: trang tính \(hoặc tệp\) trống")


def test_empty_csv(lap_vo, qd766, tmp_path):
    path = tmp_path / "rong.csv"
    path.write_text("\n\n,,\n", encoding="utf-8")
    _refused(path, lap_vo, qd766, "không có dữ liệu")


def test_formula_without_saved_value_names_the_cell(lap_vo, qd766, tmp_path):
    path = _xlsx(tmp_path, [["Tên đơn vị", *GROUPS], ["Xã Tân Mỹ", "=9+3", 18, 7]])
    _refused(path, lap_vo, qd766, "Ô B2 chứa công thức “=9\\+3” nhưng không có giá trị đã tính")


def test_formula_with_saved_value_imports_the_value(lap_vo, qd766, tmp_path):
    """Excel saves a formula's result beside it: that is what the officer saw, so that is what is stored."""
    path = _xlsx(tmp_path, [["Tên đơn vị", *GROUPS], ["Xã Tân Mỹ", "=9+3", 18, 7]])
    saved = tmp_path / "da-luu.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<f>9\+3</f>(<v\s*/>|<v></v>)?", b"<f>9+3</f><v>12</v>", data)
            target.writestr(item, data)
    report = _import(saved, lap_vo, qd766)
    assert report.rows[0].values == {"CKMB": "12", "TDGQ": "18", "DVCTT": "7"}
    assert Entry.objects.get(scorecard__unit__code="30175", group__code="CKMB").points == D("12")


def test_merged_header_cells_are_read_like_the_reports(lap_vo, qd766, tmp_path):
    """A group header merged over its indicators and a name header merged over two rows, as officials lay out."""
    path = _xlsx(
        tmp_path,
        [
            ["KẾT QUẢ THÁNG 3", None, None, None, None, None],
            ["STT", "Tên đơn vị", "Nhóm công khai, minh bạch", None, None, None],
            [None, None, "Chỉ số 1 (6đ)", "Chỉ số 2 (4đ)", "Chỉ số 3 (2đ)", "Chỉ số 4 (6đ)"],
            [1, "Xã Tân Mỹ", 6, 4, 2, "5,5"],
        ],
        merges=["A1:F1", "A2:A3", "B2:B3", "C2:F2"],
    )
    report = _import(path, lap_vo, qd766)
    assert report.codes == ["CKMB1", "CKMB2", "CKMB3", "CKMB4"]
    stored = Entry.objects.filter(scorecard__unit__code="30175").order_by("indicator__order")
    assert [e.points for e in stored] == [D("6"), D("4"), D("2"), D("5.5")]


def test_merged_cells_in_the_data_are_refused(lap_vo, qd766, tmp_path):
    path = _xlsx(
        tmp_path,
        [["Tên đơn vị", *GROUPS], ["Xã Tân Mỹ", 12, 18, 7], ["Xã Bình Thành", None, 17, 6]],
        merges=["B2:B3"],
    )
    _refused(path, lap_vo, qd766, r"Ô gộp B2:B3 \(dòng 2–3\) nằm trong vùng số liệu.*Hãy bỏ gộp ô")


def test_huge_file(lap_vo, qd766, tmp_path):
    path = tmp_path / "lon.csv"
    path.write_bytes(b"T\xc3\xaan \xc4\x91\xc6\xa1n v\xe1\xbb\x8b,CKMB\n" + b"x" * (MAX_FILE_BYTES + 1))
    _refused(path, lap_vo, qd766, r"Tệp lon\.csv nặng 5,0 MB, quá giới hạn 5,0 MB")


def test_too_many_columns(lap_vo, qd766, tmp_path):
    path = tmp_path / "rong.csv"
    path.write_text("Tên đơn vị,CKMB" + ",x" * 300 + "\nXã Tân Mỹ,12\n", encoding="utf-8")
    _refused(path, lap_vo, qd766, "dài hơn 200 cột")


def test_xlsx_cell_far_to_the_right(lap_vo, qd766, tmp_path):
    path = _xlsx(tmp_path, [["Tên đơn vị", *GROUPS], ["Xã Tân Mỹ", 12, 18, 7]])
    book = openpyxl.load_workbook(path)
    book.active.cell(row=2, column=250, value="?")
    book.save(path)
    _refused(path, lap_vo, qd766, "Dòng 2 có dữ liệu ngoài 200 cột đầu")


def test_text_with_an_xlsx_name(lap_vo, qd766, tmp_path):
    path = tmp_path / "bang.xlsx"
    path.write_text("Tên đơn vị,CKMB\nXã Tân Mỹ,12\n", encoding="utf-8")
    _refused(path, lap_vo, qd766, r"Không đọc được tệp Excel bang\.xlsx: nội dung không phải \.xlsx")


def test_other_zip_with_an_xlsx_name(lap_vo, qd766, tmp_path):
    path = tmp_path / "bang.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    _refused(path, lap_vo, qd766, "nội dung không phải .xlsx")


def test_binary_with_a_csv_name(lap_vo, qd766, tmp_path):
    path = tmp_path / "bang.csv"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00" * 50)  # an old .xls renamed
    _refused(path, lap_vo, qd766, r"Tệp bang\.csv không phải văn bản UTF-8")


def test_csv_with_an_endless_field(lap_vo, qd766, tmp_path):
    path = tmp_path / "bang.csv"
    path.write_text('Tên đơn vị,CKMB\n"Xã Tân Mỹ' + "x" * 200_000 + '",12\n', encoding="utf-8")
    _refused(path, lap_vo, qd766, r"Không đọc được tệp bang\.csv như bảng CSV")


def _bomb(path, size: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * 1_000_000
            for _ in range(size // len(chunk)):
                member.write(chunk)


def test_decompression_bomb_by_ratio(lap_vo, qd766, tmp_path):
    path = tmp_path / "bom.xlsx"
    _bomb(path, 5_000_000)
    assert path.stat().st_size < 50_000
    _refused(path, lap_vo, qd766, r"Tệp bom\.xlsx giải nén ra 5,0 MB dữ liệu, bất thường.*“bom nén”")


def test_decompression_bomb_by_size(lap_vo, qd766, tmp_path):
    path = tmp_path / "bom.xlsx"
    _bomb(path, 101_000_000)
    _refused(path, lap_vo, qd766, "giải nén ra 101,0 MB")


def test_a_refused_file_creates_no_period(lap_vo, qd766, tmp_path):
    """The browser preview rolls the period back too; here the importer alone must not write a scorecard."""
    path = tmp_path / "bang.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    _refused(path, lap_vo, qd766, "Không đọc được tệp Excel")
    assert not Scorecard.objects.exists()
    assert Period.objects.filter(key="2024-03").exists()  # created by the caller above, not by the importer
