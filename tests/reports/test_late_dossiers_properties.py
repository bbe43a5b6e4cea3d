"""Property-based: whatever the two systems counted, the drafted sentence prints the sums of the snapshot's rows
(over the units with both figures), says "Tuy nhiên" and names a gap only when the sums differ, names only units
whose figures differ, and the table's totals are the sentence's."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.formatting import number_vi
from reports.late_dossiers import late_section, late_table

COUNT = st.integers(min_value=0, max_value=3000)


@st.composite
def rows(draw) -> list[dict]:
    result = []
    for index in range(draw(st.integers(min_value=1, max_value=12))):
        resolved = draw(st.one_of(st.none(), COUNT))
        pending = draw(st.one_of(st.none(), COUNT)) if resolved is not None else None
        late = None if resolved is None else resolved + (pending or 0)
        result.append(
            {
                "name": f"Xã Thử {index + 1}" if index else "Huyện Thử",
                "own": index == 0,
                "level": 2 if index == 0 else 3,
                "portal_received": "5000",
                # Often the same as the province's, so agreeing sums (no gap to name) are tried too.
                "portal_overdue": str(draw(st.one_of(st.just(late), COUNT) if late is not None else COUNT)),
                "portal_ratio": "90.5",
                "resolved_late": None if resolved is None else str(resolved),
                "pending_late": None if pending is None else str(pending),
                "late": None if late is None else str(late),
                "final": None if late is None else draw(st.booleans()),
            }
        )
    return result


def _data(items: list[dict]) -> dict:
    return {
        "period": {"label": "Tháng 06 năm 2026"},
        "groups": [{"code": "TDGQ"}],
        "late_dossiers": {
            "rows": items,
            "portal_files": [{"name": "dvc-progress-tree.json", "sha256": "ab" * 32, "received_on": "2026-07-02"}],
        },
    }


def _count(number: int) -> str:
    return f"{number:02d} hồ sơ" if number < 10 else f"{number_vi(Decimal(number))} hồ sơ"


@given(items=rows())
def test_the_sentence_prints_the_sums_and_a_gap_only_when_they_differ(items):
    data = _data(items)
    text = late_section(data)
    compared = [r for r in items if r["late"] is not None]
    first = text.splitlines()[0]
    if not compared:
        portal = sum(int(r["portal_overdue"]) for r in items)
        assert f"Cổng Dịch vụ công quốc gia là **{_count(portal)}**; chưa có số liệu" in first
        assert "Tuy nhiên" not in text and "trễ hạn thể hiện trên" not in text
        return
    province = sum(int(r["late"]) for r in compared)
    portal = sum(int(r["portal_overdue"]) for r in compared)
    assert f"tỉnh là **{_count(province)}**" in first
    by_level = {level: sum(int(r["late"]) for r in compared if r["level"] == level) for level in (2, 3)}
    split = ", ".join(
        f"{word} {_count(by_level[level])}"
        for level, word in ((2, "cấp huyện"), (3, "cấp xã"))
        if any(r["level"] == level for r in compared)
    )
    assert f"({split})." in first
    assert ("Tuy nhiên" in first) == (province != portal)
    if province != portal:
        word = "nhiều hơn" if portal > province else "ít hơn"
        assert f"là **{_count(portal)}** ({word} {_count(abs(portal - province))}), cụ thể:" in first
    else:
        assert f"cũng là **{_count(province)}**, cụ thể:" in first
    named = re.findall(r"(Huyện Thử|Xã Thử \d+) \(trên Cổng", text)
    differing = {r["name"] for r in compared if int(r["late"]) != int(r["portal_overdue"])}
    assert set(named) <= differing and len(named) == min(5, len(differing))
    missing = len(items) - len(compared)
    assert (f"{missing:02d} đơn vị chưa có số liệu" in text) == bool(missing)

    table = late_table(data)
    assert len(table["rows"]) == len(compared)
    assert table["totals"]["late"] == number_vi(Decimal(province))
    assert table["totals"]["portal_overdue"] == number_vi(Decimal(portal))
    assert ("(*) số liệu chưa nộp" in table["source"]) == any(r["final"] is False for r in compared)


def test_nothing_is_drafted_without_portal_figures():
    assert late_section({"period": {"label": "Tháng 06 năm 2026"}, "late_dossiers": None}) == ""
    assert late_table({"late_dossiers": None}) is None
    assert late_section({"period": {"label": "Tháng 06 năm 2026"}}) == ""  # a snapshot made before the comparison
