"""reports/narrative.py: the sentences drafted from the data snapshot, against the real seed reports' wording."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import narrative
from reports.data import report_data_build


@pytest.mark.django_db
def test_monthly_report_of_seed_000(january, lap_vo, qd766):
    """Seed 000: "tháng 01 năm 2024 huyện Lấp Vò đạt **82,07/100 điểm** (giảm 1,63 điểm), xếp hạng 08/12 …"."""
    data = report_data_build(unit=lap_vo, scheme=qd766, period=january)
    assert narrative.own_sentence(data).startswith(
        "tháng 01 năm 2024 huyện Lấp Vò đạt **82,07/100 điểm** (giảm 1,63 điểm), xếp hạng 08/12 huyện"
    )
    draft = narrative.draft_monthly(data, body="Ủy ban nhân dân huyện Lấp Vò")
    assert (
        "Điểm số cao nhất là **90,13/100 điểm** (Xã Vĩnh Thạnh), điểm thấp nhất là **65,56/100 điểm** (Xã Bình Thành)"
        in draft["children_result"]
    )
    assert (
        "01 xã xếp loại “Xuất sắc”; 07 xã, 01 thị trấn xếp loại “Tốt”; 03 xã xếp loại “Khá” và 01 xã xếp loại "
        "“Trung bình”" in draft["children_result"]
    )
    # December had Bình Thành 5,78 and Tân Mỹ 2 points higher: the biggest losses, largest first.
    assert draft["movers"] == (
        "Các đơn vị giảm điểm nhiều nhất so với tháng 12 năm 2023: Xã Bình Thành (giảm 5,78 điểm) và "
        "Xã Tân Mỹ (giảm 2 điểm)."
    )
    # A cause entered with a score is quoted under its group, with the unit it came from.
    assert "- Còn 42 hồ sơ hoàn thành quá hạn trên Cổng Dịch vụ công quốc gia (Xã Bình Thành)." in draft["causes_TDGQ"]
    assert draft["causes_CKMB"] != draft["causes_TDGQ"]


@pytest.mark.django_db
def test_commune_letter_compares_each_group_and_the_total_with_last_month(january, binh_thanh, qd766):
    data = report_data_build(unit=binh_thanh, scheme=qd766, period=january)
    groups = narrative.draft_commune(data, body="Ủy ban nhân dân xã Bình Thành")["groups"].splitlines()
    assert len(groups) == len(data["groups"]) + 1
    # Only the published total changed since December, so each group keeps its points.
    assert groups[1] == (
        "1.2. Điểm số trục nội dung Tiến độ, kết quả giải quyết đạt **5,3/20 điểm, giữ nguyên điểm số so với "
        "tháng 12 năm 2023.**"
    )
    assert groups[-1].startswith("1.7. Điểm tổng hợp đạt **65,56/100 điểm, giảm 5,78 điểm; xếp hạng 13/13 ")


def test_a_unit_without_results_is_said_plainly():
    data = {"own": None, "unit": {"name": "Xã Bình Thành"}, "period": {"label": "Tháng 02 năm 2024"}}
    assert narrative.own_sentence(data) == "Chưa có kết quả của xã Bình Thành trong tháng 02 năm 2024."


@given(st.decimals(min_value=D("-100"), max_value=D("100"), places=2))
def test_a_change_in_points_says_its_direction_and_size(delta):
    text = narrative.points_change(delta)
    if delta == 0:
        assert text == "giữ nguyên điểm số"
    else:
        word = "tăng" if delta > 0 else "giảm"
        assert text.startswith(word + " ") and text.endswith(" điểm") and "-" not in text


@pytest.mark.parametrize(
    ("delta", "text"), [(14, "tăng 14 bậc"), (-3, "giảm 3 bậc"), (0, "giữ nguyên thứ hạng"), (None, "")]
)
def test_a_change_in_places(delta, text):
    assert narrative.rank_change(delta) == text


def test_counts_and_dates_take_leading_zeros():
    assert narrative.two(8) == "08" and narrative.two(12) == "12"
    assert narrative.date_line("Lấp Vò", date(2024, 1, 5)) == "Lấp Vò, ngày 05 tháng 01 năm 2024"
    assert narrative.date_line("Lấp Vò", date(2024, 12, 25)) == "Lấp Vò, ngày 25 tháng 12 năm 2024"
