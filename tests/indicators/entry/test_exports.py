"""indicators/entry/exports.py: one scorecard downloaded from its page as .xlsx or .csv."""

from __future__ import annotations

import io

import openpyxl
import pytest

from indicators.entry.services import scorecard_save

pytestmark = pytest.mark.django_db


def test_one_scorecard_exports_its_indicators_and_totals(client, officer, other_officer, card, complete_values):
    """The entry page's download: each indicator's numerator, denominator, rate and points; other units get 404."""
    scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version)
    client.force_login(officer)
    response = client.get(f"/phieu-diem/{card.pk}/xuat/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Phiếu điểm Xã Bình Thành – Tháng 05 năm 2024 (qd766)"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert rows["CKMB1"][4:] == (9, 10, 90, 5.4)  # 9/10 → 90 % of 6 points
    assert rows["DVCTT3"][3] == 50 and rows["DVCTT3"][7] == 6  # 90 % against a 50 % target: full points
    text = client.get(f"/phieu-diem/{card.pk}/xuat/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "CKMB1,Tỷ lệ TTHC được công bố đúng hạn,6,,9,10,90,5.4\r\n" in text
    assert ",Tổng điểm quy đổi (thang 100),,,,,,92.8" in text
    client.force_login(other_officer)
    assert client.get(f"/phieu-diem/{card.pk}/xuat/").status_code == 404
