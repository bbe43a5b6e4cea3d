"""The import page's period picker (keys and Vietnamese names), the downloadable template the importer reads
back, and errors shown in the rows of the file."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from indicators.imports.forms import period_choices, period_from_text
from indicators.models import Scheme, Scorecard
from indicators.periods import PeriodKeyError, period_label
from tests.indicators.imports.test_views import HEADER, login, preview_url, upload

pytestmark = pytest.mark.django_db

KEYS = st.one_of(
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2000, 2040), st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(2000, 2040), st.integers(1, 4)),
    st.builds(lambda y, h: f"{y}-H{h}", st.integers(2000, 2040), st.integers(1, 2)),
    st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(2000, 2040), st.integers(1, 52)),
    st.builds(str, st.integers(2000, 2040)),
)


@given(key=KEYS)
def test_every_period_name_the_app_shows_is_read_back_to_its_key(key):
    assert period_from_text(period_label(key)) == key
    assert period_from_text(key) == key


def test_a_name_typed_loosely_is_read_and_nonsense_is_echoed_as_typed():
    assert period_from_text("tháng 1 năm 2024") == "2024-01"
    assert period_from_text("  Quý IV năm 2024 ") == "2024-Q4"
    with pytest.raises(PeriodKeyError, match="“Tháng 13 năm 2024”"):
        period_from_text("Tháng 13 năm 2024")


def test_the_picker_offers_recent_periods_by_kind_newest_first():
    groups = dict(period_choices(today=date(2024, 12, 10), extra=["2019-03"]))
    assert groups["Tháng"][0] == ("2024-12", "Tháng 12 năm 2024")
    assert ("2019-03", "Tháng 03 năm 2019") in groups["Tháng"]
    assert groups["Quý"][0] == ("2024-Q4", "Quý IV năm 2024")
    assert groups["Tuần"][0][0] == "2024-W50"


def test_the_form_accepts_a_vietnamese_period_name(district_staff, lap_vo, qd766):
    client = login(district_staff)
    body = HEADER + "1\tXã Tân Mỹ\t72,7\t8,5\t18,3\n"
    response = upload(client, lap_vo, body.encode(), period="Tháng 12 năm 2024")
    assert preview_url(response)
    assert "Tháng 12 năm 2024" in client.get(response["Location"]).content.decode()
    page = client.get(reverse("scores-import")).content.decode()
    assert '<option value="2024-12">Tháng 12 năm 2024</option>' in page


def test_the_template_has_the_headers_the_importer_reads(district_staff, lap_vo, qd766):
    client = login(district_staff)
    response = client.get(
        reverse("scores-import-template"), {"scheme": qd766.pk, "period": "2024-01", "parent": lap_vo.pk}
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(BytesIO(response.content))
    sheet = book["Bảng điểm"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["STT", "Mã đơn vị", "Tên đơn vị"] and header[-2:] == ["Điểm tổng", "Xếp loại"]
    assert sheet.max_row == 1 + lap_vo.children.count()
    total_col = header.index("Điểm tổng") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=total_col, value=80 + row / 10)
    out = BytesIO()
    book.save(out)
    filled = SimpleUploadedFile("mau.xlsx", out.getvalue())
    response = client.post(
        reverse("scores-import"),
        {"scheme": qd766.pk, "period": "2024-01", "parent": lap_vo.pk, "file": filled},
    )
    page = client.get(preview_url(response)).content.decode()
    assert "Xác nhận nhập" in page and "lỗi" not in page.split("<h1>")[1].split("Xác nhận nhập")[0].lower()
    client.post(response["Location"] + "xac-nhan/")
    assert Scorecard.objects.filter(unit__parent=lap_vo, period__key="2024-01").count() == lap_vo.children.count()


def test_the_template_needs_a_unit_the_user_may_import_for(district_staff, lap_vo, qd766, dong_thap):
    client = login(district_staff)
    response = client.get(
        reverse("scores-import-template"), {"scheme": qd766.pk, "period": "2024-01", "parent": dong_thap.pk}
    )
    assert response.status_code == 302


def test_errors_are_shown_in_the_rows_of_the_file(district_staff, lap_vo, qd766):
    client = login(district_staff)
    body = HEADER + "1\tXã Tân Mỹ\t72,7\t8,5\t18,3\n2\tXã Vĩnh Thạnh\t90,13\t19\t20\n"
    page = client.get(preview_url(upload(client, lap_vo, body.encode()))).content.decode()
    table = page.split('class="league import-error-rows"')[1].split("</table>")[0]
    assert "Xã Vĩnh Thạnh" in table and "Xã Tân Mỹ" not in table  # only the row with the error
    assert '<td class="cell-error" title="Ô có lỗi">19</td>' in table
    assert "Dòng 3, cột D" in table
    assert Scheme.objects.filter(code="qd766").exists()
