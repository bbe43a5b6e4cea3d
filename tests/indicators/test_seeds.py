"""The real reports in shared/seeds, imported as their tables are written, give the figures they print."""

from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from indicators.imports.parsing import clean
from indicators.imports.services import scores_import
from indicators.models import Scorecard
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db


def _children_cards(parent, period_key):
    return Scorecard.objects.filter(unit__parent=parent, period__key=period_key).select_related(
        "unit", "classification"
    )


def test_seed000_lap_vo_ranking_and_class_counts(lap_vo, qd766, seed_file):
    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    cards = sorted(_children_cards(lap_vo, "2024-01"), key=lambda c: c.rank)
    assert [c.unit.full_name for c in cards][:3] == ["Xã Vĩnh Thạnh", "Xã Mỹ An Hưng B", "Xã Long Hưng A"]
    assert [c.rank for c in cards] == list(range(1, 14))
    assert {c.rank_of for c in cards} == {13}
    assert cards[8].unit.full_name == "Thị trấn Lấp Vò" and cards[8].total == D("80.78")
    # "01 xã xếp loại Xuất sắc; 07 xã, 01 thị trấn xếp loại Tốt; 03 xã xếp loại Khá và 01 xã Trung bình"
    counts = Counter(c.classification.label for c in cards)
    assert counts == {"Xuất sắc": 1, "Tốt": 8, "Khá": 3, "Trung bình": 1}
    # The published total ranks; its gap from the sum of the printed group points is kept, not "fixed".
    vinh_thanh = cards[0]
    assert vinh_thanh.computed_total == D("89.90") and vinh_thanh.total == D("90.13")
    assert vinh_thanh.published_gap == D("0.23")
    assert [g.points for g in vinh_thanh.group_scores.order_by("group__order")] == [
        D("18.00"),
        D("20.00"),
        D("7.20"),
        D("8.80"),
        D("18.00"),
        D("17.90"),
    ]


SEED003_PRINTED = {  # unit: (achieved, converted as printed, class)
    "Luân Giói": ("80", "94.1", "Xuất sắc"),
    "Na Son": ("78.7", "92.5", "Xuất sắc"),
    "Keo Lôm": ("77.9", "91.7", "Xuất sắc"),
    "Chiềng Sơ": ("77.9", "91.6", "Xuất sắc"),
    "Mường Luân": ("77.8", "91.6", "Xuất sắc"),
    "Pu Nhi": ("76.6", "90.1", "Xuất sắc"),
    "Điện Biên Đông": ("76", "89.4", "Tốt"),
    "Xa Dung": ("75.5", "88.8", "Tốt"),
    "Phình Giàng": ("75.0", "88.2", "Tốt"),
    "Háng Lìa": ("74.6", "87.7", "Tốt"),
    "Phì Nhừ": ("73.6", "86.6", "Tốt"),
    "Nong U": ("72.3", "85.1", "Tốt"),
    "Pú Hồng": ("66.7", "78.4", "Khá"),
    "Tìa Dình": ("66.2", "77.8", "Khá"),
}


def test_seed003_dien_bien_converted_totals_and_classes(dien_bien_dong, dienbien459, seed_file):
    scores_import(
        path=seed_file("seed003_dienbiendong_2024-06.tsv"),
        scheme=dienbien459,
        period=period_get_or_create(key="2024-06"),
        parent=dien_bien_dong,
    )
    cards = {c.unit.name: c for c in _children_cards(dien_bien_dong, "2024-06")}
    assert set(cards) == set(SEED003_PRINTED)
    for name, (achieved, converted, label) in SEED003_PRINTED.items():
        card = cards[name]
        assert card.total == D(achieved), name
        assert card.applicable_max == D(85), name  # CK1 and CK3 are "-": 100 − 5 − 10
        # The seed prints one decimal and sometimes rounds from unrounded points (Keo Lôm 91,7 vs 91,65).
        assert abs(card.converted_total - D(converted)) <= D("0.1"), name
        assert card.classification.label == label, name
    assert Counter(c.classification.label for c in cards.values()) == {"Xuất sắc": 6, "Tốt": 6, "Khá": 2}
    assert cards["Luân Giói"].converted_total == D("94.12")
    # Keo Lôm and Chiềng Sơ both achieve 77,9 points: they share third place and the next is fifth.
    assert (cards["Keo Lôm"].rank, cards["Chiềng Sơ"].rank, cards["Mường Luân"].rank) == (3, 3, 5)


def _seed001_previous_week(seed_file, tmp_path):
    """Seed 001 prints last week's totals beside this week's: make last week's file from those columns."""
    rows = list(csv.reader(io.StringIO(seed_file("seed001_chomoi_2023-W49.tsv").read_text()), delimiter="\t"))
    out = tmp_path / "week48.tsv"
    data = [[clean(c) for c in r] for r in rows[1:] if len(r) > 5 and r[1]]  # the commune rows
    lines = ["STT\tĐơn vị\tĐiểm tổng", f"\tToàn huyện\t{clean(rows[2][4])}"] + [f"{r[0]}\t{r[1]}\t{r[4]}" for r in data]
    out.write_text("\n".join(lines), encoding="utf-8")
    return out, {r[1]: r[5] for r in data}


def test_seed001_weekly_changes(cho_moi, qd766, seed_file, tmp_path):
    previous_file, printed_changes = _seed001_previous_week(seed_file, tmp_path)
    scores_import(path=previous_file, scheme=qd766, period=period_get_or_create(key="2023-W48"), parent=cho_moi)
    scores_import(
        path=seed_file("seed001_chomoi_2023-W49.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2023-W49"),
        parent=cho_moi,
    )
    cards = {c.unit.name.upper(): c for c in _children_cards(cho_moi, "2023-W49")}
    assert len(cards) == 18
    for written, change in printed_changes.items():
        card = cards.get(written.upper()) or cards[written.upper().replace("TÂN", "TẤN")]  # official: Tấn Mỹ
        assert card.delta_points == D(change.replace(",", ".")), written
    kien_an = cards["KIẾN AN"]
    assert kien_an.classification.label == "Yếu" and kien_an.rank == 18
    assert kien_an.previous_classification.label == "Yếu"  # 49,03 last week
    # Mỹ Hội Đông fell 5,78 points: from 12th of 18 (56,88) to 17th.
    assert cards["MỸ HỘI ĐÔNG"].delta_points == D("-5.78")
    assert cards["MỸ HỘI ĐÔNG"].delta_rank == -5
    # "TOÀN HUYỆN" is the district's own scorecard.
    district = Scorecard.objects.get(unit=cho_moi, period__key="2023-W49")
    assert district.total == D("57.45") and district.delta_points == D("0.29")


def test_rankings_command_prints_the_csv_columns(lap_vo, qd766, seed_file):
    call_command(
        "import_scores",
        str(seed_file("seed000_lapvo_2024-01.tsv")),
        scheme="qd766",
        period="2024-01",
        parent="875",
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command("rankings", scheme="qd766", period="2024-01", parent="875", format="csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == [
        "unit_code",
        "unit_name",
        "total",
        "converted_total",
        "rank",
        "rank_of",
        "classification",
        "delta_points",
        "delta_rank",
    ]
    assert rows[0] | {} == {
        "unit_code": "30187",
        "unit_name": "Xã Vĩnh Thạnh",
        "total": "90.13",
        "converted_total": "90.13",
        "rank": "1",
        "rank_of": "13",
        "classification": "Xuất sắc",
        "delta_points": "",
        "delta_rank": "",
    }
    assert rows[-1]["unit_name"] == "Xã Bình Thành" and rows[-1]["classification"] == "Trung bình"


def test_importing_last_week_after_this_week_updates_this_weeks_changes(cho_moi, qd766, seed_file, tmp_path):
    """Recomputing a period refreshes the next period's changes, which compare against it."""
    previous_file, printed_changes = _seed001_previous_week(seed_file, tmp_path)
    scores_import(
        path=seed_file("seed001_chomoi_2023-W49.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2023-W49"),
        parent=cho_moi,
    )
    assert not _children_cards(cho_moi, "2023-W49").exclude(delta_points=None).exists()
    scores_import(path=previous_file, scheme=qd766, period=period_get_or_create(key="2023-W48"), parent=cho_moi)
    cards = {c.unit.name.upper(): c for c in _children_cards(cho_moi, "2023-W49")}
    assert cards["MỸ HỘI ĐÔNG"].delta_points == D("-5.78") and cards["MỸ HỘI ĐÔNG"].delta_rank == -5
    assert sum(1 for c in cards.values() if c.delta_points is not None) == len(printed_changes) == 18
