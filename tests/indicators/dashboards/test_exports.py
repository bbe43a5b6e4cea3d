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
