"""Exports of the league table: CSV that Excel opens with its Vietnamese intact and numbers that stay numbers."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from indicators.constants import ScorecardStatus
from indicators.dashboards.exports import league_table_csv, league_table_xlsx
from indicators.dashboards.selectors import league_table_get
from indicators.imports.services import scores_import
from indicators.models import Scorecard
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


def test_exports_say_which_places_are_provisional(lap_vo, qd766, seed_file):
    """A draft's place is marked "chưa nộp" on the page; a sheet passed on must say so too."""
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    Scorecard.objects.filter(period=period).update(status=ScorecardStatus.APPROVED)
    Scorecard.objects.filter(period=period, unit__name="Bình Thành").update(status=ScorecardStatus.DRAFT)
    table = league_table_get(scheme=qd766, period=period, parent=lap_vo)
    final = {row.card.unit.full_name: row.card.get_status_display() for row in table.rows}
    assert final["Xã Bình Thành"] == "Đang nhập" and final["Xã Vĩnh Thạnh"] == "Đã duyệt"

    rows = list(csv.reader(io.StringIO(league_table_csv(table, title="T").decode("utf-8-sig"))))
    assert rows[1][-1] == "Trạng thái phiếu"
    by_name = {row[1]: row[-1] for row in rows[2:]}
    assert by_name["Xã Bình Thành"] == "Đang nhập – chưa nộp, thứ hạng tạm thời"
    assert by_name["Xã Vĩnh Thạnh"] == final["Xã Vĩnh Thạnh"]

    sheet = openpyxl.load_workbook(io.BytesIO(league_table_xlsx(table, title="T"))).active
    last = sheet.max_column
    assert sheet.cell(2, last).value == "Trạng thái phiếu"
    cells = {sheet.cell(r, 2).value: sheet.cell(r, last).value for r in range(4, sheet.max_row + 1)}
    assert cells == by_name
