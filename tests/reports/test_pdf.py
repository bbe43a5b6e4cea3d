"""The monthly report of seed 000 as a PDF: its text (pdftotext) against the imported data, its fonts (pdffonts),
its layout rules (page numbers from page 2), and the weekly and commune kinds."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from indicators.models import Scorecard
from reports.narrative import date_line
from reports.services import report_draft, report_issue, report_render

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path, *, layout: bool = True) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(content)
    args = ["pdftotext", "-layout", str(path), "-"] if layout else ["pdftotext", str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def monthly(january, lap_vo, qd766):
    report = report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    report.signer_name = "Nguyễn Văn Thử"
    report.save()
    return report_render(report=report)


def test_monthly_text_matches_the_data(monthly, tmp_path):
    content = monthly.pdf.read()
    text = squash(pdf_text(content, tmp_path))
    # Header (Decree 30/2020) and a draft's blank number.
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "HUYỆN LẤP VÒ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/BC-UBND",
        "BÁO CÁO",
        "Kết quả thực hiện Bộ Chỉ số phục vụ người dân, doanh nghiệp",
        "Thực hiện Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ.",
    ):
        assert expected in text, expected
    # Drafted sentences, with the figures of the league tables.
    plain = squash(pdf_text(content, tmp_path, layout=False))
    assert "huyện Lấp Vò đạt 82,07/100 điểm (giảm 1,63 điểm), xếp hạng 08/12 huyện, thành phố" in plain
    assert (
        "Điểm số cao nhất là 90,13/100 điểm (Xã Vĩnh Thạnh), điểm thấp nhất là 65,56/100 điểm (Xã Bình Thành)" in plain
    )
    assert (
        "01 xã xếp loại “Xuất sắc”; 07 xã, 01 thị trấn xếp loại “Tốt”; 03 xã xếp loại “Khá” "
        "và 01 xã xếp loại “Trung bình”" in plain
    )
    assert "Xã Bình Thành (giảm 5,78 điểm) và Xã Tân Mỹ (giảm 2 điểm)" in plain
    assert "Còn 42 hồ sơ hoàn thành quá hạn trên Cổng Dịch vụ công quốc gia (Xã Bình Thành)." in plain
    # The ranking table: rows in rank order with x/max cells, as in the seed; the drafts marked as such.
    assert "1 Xã Vĩnh Thạnh* 90,13 18/18 20/20 7,2/12 8,8/10 18/18 17,9/22" in text
    assert "9 Thị trấn Lấp Vò* 80,78 11,3/18 19,1/20 7,2/12 8,8/10 18/18 16,6/22" in text
    assert "13 Xã Bình Thành* 65,56 5,8/18 5,3/20 7,2/12 8,8/10 17,1/18 15,3/22" in text
    cards = Scorecard.objects.filter(unit__parent__code="875", period__key="2024-01").order_by("rank")
    names = [c.unit.full_name for c in cards]
    positions = [text.index(f" {name} ") for name in names[:5]]
    assert positions == sorted(positions)
    # The group summary of the district itself, and the per-group table ending with the district's row.
    assert "1 Công khai, minh bạch 18 12,9 71,67" in text
    assert "14 Huyện Lấp Vò 12,9/18 71,67" in text
    # Signature block and recipients.
    assert "Nơi nhận:" in text and "- Lưu: VT." in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text and "Nguyễn Văn Thử" in text
    assert "./." in plain  # the body ends with "./." (Decree 30/2020)


def test_page_numbers_from_page_two_and_a4(monthly, tmp_path):
    content = monthly.pdf.read()
    reader = PdfReader(monthly.pdf.open("rb"))
    assert len(reader.pages) >= 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    path = tmp_path / "p.pdf"
    path.write_bytes(content)

    def top_line(page: int) -> list[str]:
        out = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return next(line for line in out.splitlines() if line.strip()).split()

    assert not any(token.isdigit() for token in top_line(1))
    assert "2" in top_line(2) and "3" in top_line(3)


def test_only_the_bundled_liberation_serif_is_embedded(monthly, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(monthly.pdf.read())
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        assert "Liberation-Serif" in row[0], row
        assert row[-5] == "yes", row  # emb
    styles = {row[0].split("+", 1)[1] for row in rows}
    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= styles


def test_date_line_leading_zeros():
    assert date_line("Lấp Vò", date(2024, 1, 5)) == "Lấp Vò, ngày 05 tháng 01 năm 2024"
    assert date_line("Chợ Mới", date(2023, 12, 4)) == "Chợ Mới, ngày 04 tháng 12 năm 2023"
    assert date_line("Bình Thành", date(2024, 3, 15)) == "Bình Thành, ngày 15 tháng 3 năm 2024"


def test_issued_report_prints_its_number_and_date(january, lap_vo, qd766, tmp_path, django_capture_on_commit_callbacks):
    report = report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    with django_capture_on_commit_callbacks(execute=True):
        report = report_issue(report=report, on=date(2024, 2, 5), confirm_incomplete=True)
    report.refresh_from_db()
    text = squash(pdf_text(report.pdf.read(), tmp_path))
    assert "Số: 01/BC-UBND" in text
    assert "Lấp Vò, ngày 05 tháng 02 năm 2024" in text
    assert "Dự thảo" not in text


def test_commune_letter_compares_with_last_month(january, binh_thanh, qd766, tmp_path):
    report = report_render(report=report_draft(issuing_unit=binh_thanh, scheme=qd766, period=january, kind="commune"))
    plain = squash(pdf_text(report.pdf.read(), tmp_path, layout=False))
    assert "XÃ BÌNH THÀNH" in plain and "/UBND-VP" in plain and "Kính gửi:" in plain
    assert "V/v kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp" in plain
    assert "Điểm tổng hợp đạt 65,56/100 điểm, giảm 5,78 điểm; xếp hạng 13/13 xã, thị trấn" in plain
    assert "so với tháng 12 năm 2023" in plain


def test_weekly_notice_lists_this_week_last_week_and_change(cho_moi, qd766, seed_file, tmp_path, media):
    from indicators.imports.services import scores_import
    from indicators.services import period_get_or_create

    week = period_get_or_create(key="2023-W49")
    scores_import(path=seed_file("seed001_chomoi_2023-W49.tsv"), scheme=qd766, period=week, parent=cho_moi)
    report = report_render(
        report=report_draft(issuing_unit=cho_moi, scheme=qd766, period=week, kind="weekly", body_kind="vp")
    )
    content = report.pdf.read()
    text = squash(pdf_text(content, tmp_path))
    assert "VĂN PHÒNG HĐND VÀ UBND" in text and "/BC-VP" in text
    assert "Tuần 1 tháng 12 năm 2023" in text
    assert "PHỤ LỤC 1" in text
    header = squash(pdf_text(content, tmp_path, layout=False))
    assert "Tuần này" in header and "Tuần trước" in header and "Tăng/" in header
    first = Scorecard.objects.filter(unit__parent=cho_moi, period=week).order_by("rank").first()
    assert f"1 {first.unit.full_name}" in text


def test_values_below_target_are_underlined(january, lap_vo, qd766):
    """A commune with an indicator below its target gets its group cell underlined in the ranking table."""
    from decimal import Decimal

    from indicators.models import Entry, Indicator
    from indicators.services import scorecards_recompute
    from reports.pdf import report_html

    card = Scorecard.objects.get(unit__code="30193", period=january)
    card.entries.filter(group__code="DVCTT").delete()
    for code, numerator in (("DVCTT1", 20), ("DVCTT2", 50), ("DVCTT3", 60)):  # DVCTT1: 20 % < 80 % target
        Entry.objects.create(
            scorecard=card,
            indicator=Indicator.objects.get(group__scheme=qd766, code=code),
            numerator=Decimal(numerator),
            denominator=Decimal(100),
        )
    scorecards_recompute(scheme=qd766, period=january)
    report = report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    html = report_html(report)
    assert re.search(r"<u>[\d,]+/12</u>", html), "the DVCTT cell of Bình Thành should be underlined"
    assert re.search(r"chưa đạt chỉ tiêu: [^<]*Bình Thành", html), "the drafted text names the unit below target"
