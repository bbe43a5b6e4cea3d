"""Exports of the league table: CSV that Excel opens with its Vietnamese intact and numbers that stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from indicators.dashboards.exports import league_table_csv
from indicators.dashboards.selectors import league_table_get
from indicators.imports.services import scores_import
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db


def test_league_table_csv(lap_vo, qd766, seed_file):
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    table = league_table_get(scheme=qd766, period=period, parent=lap_vo)
    data = league_table_csv(table, title="Kết quả tháng 01 năm 2024 – Huyện Lấp Vò")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Kết quả tháng 01 năm 2024 – Huyện Lấp Vò"]
    assert rows[1][:5] == ["STT", "Tên đơn vị", "Điểm tổng", "Xếp loại", "Xếp hạng"]
    assert rows[2][:5] == ["1", "Xã Vĩnh Thạnh", "90.13", "Xuất sắc", "01/13"]
    assert rows[2][7] == "18.00" and len(rows) == 15


def test_one_scorecard_exports_its_indicators_and_totals(client, officer, other_officer, card, complete_values):
    """The entry page's download: each indicator's numerator, denominator, rate and points; other units get 404."""
    import io as _io

    import openpyxl as _openpyxl

    from indicators.entry.services import scorecard_save

    scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version)
    client.force_login(officer)
    response = client.get(f"/phieu-diem/{card.pk}/xuat/")
    sheet = _openpyxl.load_workbook(_io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Phiếu điểm Xã Bình Thành – Tháng 05 năm 2024 (qd766)"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert rows["CKMB1"][4:] == (9, 10, 90, 5.4)  # 9/10 → 90 % of 6 points
    assert rows["DVCTT3"][3] == 50 and rows["DVCTT3"][7] == 6  # 90 % against a 50 % target: full points
    text = client.get(f"/phieu-diem/{card.pk}/xuat/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "CKMB1,Tỷ lệ TTHC được công bố đúng hạn,6,,9,10,90,5.4\r\n" in text
    assert ",Tổng điểm quy đổi (thang 100),,,,,,92.8" in text
    client.force_login(other_officer)
    assert client.get(f"/phieu-diem/{card.pk}/xuat/").status_code == 404
