"""Dashboards: summaries beside the league table, sorting and filters, the .xlsx export and the unit page."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.management import call_command

from indicators.dashboards.charts import Bar, bar_chart, heat_color, line_chart
from indicators.dashboards.selectors import league_table_get
from indicators.imports.services import scores_import
from indicators.models import Period, Scorecard
from indicators.services import period_get_or_create, scorecard_get_or_create, scorecards_recompute
from reports.data import report_data_build
from units.collation import vietnamese_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def lap_vo_two_months(lap_vo, qd766, seed_file, tmp_path):
    """Seed 000's January, and a February in which Bình Thành gains 20,46 and Vĩnh Thạnh loses 5,13."""
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    february = seed_file("seed000_lapvo_2024-01.tsv").read_text().replace("65,56", "86,02").replace("90,13", "85,00")
    path = tmp_path / "feb.tsv"
    path.write_text(february, encoding="utf-8")
    scores_import(path=path, scheme=qd766, period=period_get_or_create(key="2024-02"), parent=lap_vo)
    return lap_vo


def _table(parent, qd766, key="2024-02"):
    return league_table_get(scheme=qd766, period=Period.objects.get(key=key), parent=parent)


def test_class_counts_movers_and_next_class(lap_vo_two_months, qd766):
    table = _table(lap_vo_two_months, qd766)
    assert [(band.label, count) for band, count in table.class_counts] == [
        ("Xuất sắc", 0),
        ("Tốt", 10),
        ("Khá", 3),
        ("Trung bình", 0),
        ("Yếu", 0),
    ]
    assert table.gains[0].card.unit.name == "Bình Thành" and table.gains[0].card.delta_points == D("20.46")
    assert table.losses[0].card.unit.name == "Vĩnh Thạnh" and table.losses[0].card.delta_points == D("-5.13")
    binh_thanh = next(r for r in table.rows if r.card.unit.name == "Bình Thành")
    assert binh_thanh.card.rank == 3 and binh_thanh.card.delta_rank == 10  # 13th → 3rd
    assert binh_thanh.next_band.label == "Xuất sắc" and binh_thanh.points_to_next == D("3.98")
    # It loses most in Tiến độ giải quyết (5,3/20) and Công khai, minh bạch (5,8/18).
    assert [c.group.code for c in binh_thanh.weakest] == ["TDGQ", "CKMB"]


def test_group_cells_carry_their_maximum_and_a_colour(lap_vo_two_months, qd766):
    row = _table(lap_vo_two_months, qd766).rows[0]
    assert [c.maximum for c in row.cells] == [D(18), D(20), D(12), D(10), D(18), D(22)]
    assert all(c.color.startswith("#") and len(c.color) == 7 for c in row.cells)


def test_sort_by_a_group_and_filter_by_class(admin_client, lap_vo_two_months):
    base = {"scheme": "qd766", "period": "2024-01", "parent": lap_vo_two_months.pk}
    page = admin_client.get("/", base | {"sort": "-group:CKMB"}).content.decode()
    # 18/18 first (Vĩnh Thạnh, Mỹ An Hưng B, Định Yên), Bình Thành (5,8) last.
    assert (
        page.index("Xã Vĩnh Thạnh")
        < page.index("Xã Long Hưng A")
        < page.index("Xã Tân Mỹ")
        < page.index("Xã Bình Thành")
    )
    page = admin_client.get("/", base | {"sort": "unit"}).content.decode()
    assert page.index("Xã Bình Thành") < page.index("Xã Định An") < page.index("Thị trấn Lấp Vò")
    page = admin_client.get("/", base | {"classification": ["kha", "trung_binh"]}).content.decode()
    assert "Xã Tân Mỹ" in page and "Xã Bình Thành" in page and "Xã Vĩnh Thạnh" not in page


def test_xlsx_export_has_merged_headers_and_numbers(admin_client, lap_vo_two_months):
    response = admin_client.get(
        "/", {"scheme": "qd766", "period": "2024-01", "parent": lap_vo_two_months.pk, "format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Kết quả tháng 01 năm 2024 – Huyện Lấp Vò"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A2:A3", "F2:G2", "H2:M2"} <= merged
    assert sheet["H3"].value == "Công khai, minh bạch (18)"
    assert sheet["B4"].value == "Xã Vĩnh Thạnh" and sheet["C4"].value == 90.13 and sheet["E4"].value == "01/13"
    assert sheet["D16"].value == "Trung bình" and sheet["I16"].value == 5.3


def test_unit_page_shows_trend_rank_history_and_scorecards(admin_client, lap_vo_two_months):
    unit = lap_vo_two_months.children.get(name="Bình Thành")
    page = admin_client.get(f"/don-vi/{unit.pk}/", {"scheme": "qd766"}).content.decode()
    assert "Xã Bình Thành" in page and "Lịch sử xếp hạng" in page
    assert "Tháng 02 năm 2024" in page and "+20,46" in page and "<svg" in page
    assert "Điểm tổng – 02/2024: 86,02" in page  # hover text of the trend point, the period named, not its key


def test_charts_escape_labels_and_use_decimal_commas():
    svg = bar_chart([Bar("Xã <A&B>", D("7.2"), D(12))], title="Dịch vụ công trực tuyến")
    assert "Xã &lt;A&amp;B&gt;" in svg and "7,2/12" in svg
    assert heat_color(0) != heat_color(1) and heat_color(None) == "#e0e0e0"
    line = line_chart(["2024-01", "2024-02"], {"Điểm tổng": [D("65.56"), D("86.02")]}, y_max=100)
    assert line.count("<circle") == 2 and "86,02" in line


def test_csv_export_and_absurd_ids(admin_client, lap_vo_two_months):
    base = {"scheme": "qd766", "period": "2024-01", "parent": lap_vo_two_months.pk}
    response = admin_client.get("/", base | {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Xã Vĩnh Thạnh" in text and "90.13" in text
    assert admin_client.get("/", {"parent": "9" * 30}).status_code == 404


@pytest.fixture
def lap_vo_tie_and_unranked(lap_vo, qd766, seed_file, tmp_path):
    """Seed 000 with Long Hưng B tied with Định Yên at 84,4 (both 4th), and Định An and Tân Mỹ left out of the
    file: their scorecards exist but have no figures, so they are unranked. "Đ" sorts after "Z" by code point."""
    lines = seed_file("seed000_lapvo_2024-01.tsv").read_text(encoding="utf-8").splitlines()
    kept = [line.replace("84,03", "84,4") for line in lines if "Xã Định An" not in line and "Xã Tân Mỹ" not in line]
    path = tmp_path / "tie.tsv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    period = period_get_or_create(key="2024-01")
    scores_import(path=path, scheme=qd766, period=period, parent=lap_vo)
    for name in ("Định An", "Tân Mỹ"):
        scorecard_get_or_create(unit=lap_vo.children.get(name=name), period=period, scheme=qd766)
    scorecards_recompute(scheme=qd766, period=period, parent=lap_vo)
    return period


def test_every_league_table_orders_ties_by_name_and_unranked_last(admin_client, lap_vo, qd766, lap_vo_tie_and_unranked):
    """The page, its CSV export, the API, the `rankings` command and the report snapshot print the same order:
    ranked units by rank then Vietnamese name, unranked units last by name."""
    period = lap_vo_tie_and_unranked
    cards = Scorecard.objects.filter(scheme=qd766, period=period, unit__parent=lap_vo).select_related("unit")
    expected = [
        c.unit.full_name
        for c in sorted(cards, key=lambda c: (c.rank is None, c.rank or 0, vietnamese_key(c.unit.name)))
    ]
    assert expected.index("Xã Định Yên") + 1 == expected.index("Xã Long Hưng B")  # the tie, Đ before L
    assert expected[-2:] == ["Xã Định An", "Xã Tân Mỹ"]  # unranked, Đ before T

    selector = [r.card.unit.full_name for r in league_table_get(scheme=qd766, period=period, parent=lap_vo).rows]
    params = {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk}
    page = admin_client.get("/", params).content.decode()
    on_page = sorted(expected, key=page.index)
    csv_rows = list(
        csv.reader(io.StringIO(admin_client.get("/", params | {"format": "csv"}).content.decode("utf-8-sig")))
    )
    exported = [row[1] for row in csv_rows[2:]]
    api = [row["unit"]["full_name"] for row in admin_client.get("/api/v1/rankings/", params).json()["rows"]]
    out = io.StringIO()
    call_command(
        "rankings", "--scheme", "qd766", "--period", "2024-01", "--parent", "875", "--format", "csv", stdout=out
    )
    command = [row[1] for row in list(csv.reader(io.StringIO(out.getvalue())))[1:]]
    report = [row["name"] for row in report_data_build(unit=lap_vo, scheme=qd766, period=period)["rows"]]
    assert selector == on_page == exported == api == command == report == expected

