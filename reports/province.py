"""The province's notice over its two cohorts (since 1/7/2025): communes (xã, phường, đặc khu) and provincial bodies
(sở, ban, ngành), ranked apart — seed 001's weekly shape at province level.

Everything comes from the ordinary snapshot (`reports.data`), whose rows carry their cohort; this module only splits
the rows into the two ranked tables, counts classes per cohort and drafts sentences naming units, so the notice and
the league table cannot disagree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from indicators.formatting import number_vi, signed_vi
from reports.narrative import lower_first, names, score_of, two
from units.constants import COHORT_BODIES, COHORT_UNITS

Data = dict[str, Any]
COHORT_ORDER = (COHORT_UNITS, COHORT_BODIES)


def _cohorts(data: Data) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(cohort, its label, its rows) for each cohort present, communes first."""
    result = []
    for cohort in COHORT_ORDER:
        rows = [row for row in data["rows"] if row.get("cohort", COHORT_UNITS) == cohort]
        if rows:
            result.append((cohort, rows[0].get("cohort_label") or "đơn vị", rows))
    return result


def _band_order(data: Data) -> list[str]:
    return [item["label"] for item in data.get("class_counts", [])]


def class_counts_phrase(rows: list[dict[str, Any]], bands: list[str]) -> str:
    """ "02 đơn vị xếp loại “Xuất sắc”, 09 đơn vị xếp loại “Tốt”" for one cohort, in the scheme's band order."""
    parts = []
    for band in bands:
        count = sum(1 for row in rows if row["class"] == band)
        if count:
            parts.append(f"{two(count)} đơn vị xếp loại “{band}”")
    return ", ".join(parts)


def _fallen(rows: list[dict[str, Any]], limit: int = 5) -> list[dict[str, Any]]:
    moved = [row for row in rows if row["delta_points"] is not None and Decimal(row["delta_points"]) < 0]
    return sorted(moved, key=lambda row: Decimal(row["delta_points"]))[:limit]


def _cohort_sentence(label: str, rows: list[dict[str, Any]], bands: list[str]) -> str:
    scored = [row for row in rows if row["total"] is not None]
    if not scored:
        return f"- Chưa có kết quả của các {label} trong kỳ."
    best = max(scored, key=lambda row: Decimal(row["converted_total"] or row["total"]))
    worst = min(scored, key=lambda row: Decimal(row["converted_total"] or row["total"]))
    return (
        f"- **{two(len(rows))} {label}:** {class_counts_phrase(scored, bands)}; cao nhất là {best['name']} "
        f"({score_of(best['converted_total'] or best['total'])}), thấp nhất là {worst['name']} "
        f"({score_of(worst['converted_total'] or worst['total'])})."
    )


def draft_province(data: Data, *, body: str) -> dict[str, str]:
    """The cohorts' classes and extremes, the units that fell most, and requests to the units named."""
    period = data["period"]["label"]
    bands = _band_order(data)
    lowest = bands[-1] if bands else ""
    results, fallen, requests = [], [], []
    for _cohort, label, rows in _cohorts(data):
        results.append(_cohort_sentence(label, rows, bands))
        for row in _fallen(rows):
            fallen.append(f"{row['name']} (giảm {number_vi(abs(Decimal(row['delta_points'])))} điểm)")
        for row in rows:
            if row["class"] and row["class"] == lowest:
                requests.append(
                    f"+ **{row['name']}** xếp loại “**{row['class']}**”, đề nghị rà soát các tiêu chí khó khăn, "
                    "vướng mắc để có kết quả tốt hơn trong kỳ tới."
                )
        for row in _fallen(rows):
            requests.append(
                f"+ **{row['name']}** giảm **{number_vi(abs(Decimal(row['delta_points'])))} điểm** so với kỳ trước, "
                "đề nghị rà soát và khắc phục các tiêu chí làm mất điểm."
            )
    since = lower_first(data["period"].get("previous_label") or "kỳ trước")
    return {
        "intro": (
            f"{body} thông báo kết quả xếp hạng các xã, phường và các sở, ban, ngành theo Bộ chỉ số phục vụ người dân, "
            f"doanh nghiệp **{lower_first(period)}** (mỗi nhóm xếp hạng riêng), như sau:"
        ),
        "results": "\n".join(results) or "Chưa có kết quả của các đơn vị trong kỳ.",
        "movers": (
            f"Các đơn vị giảm điểm nhiều nhất so với {since}: {names(fallen)}."
            if fallen
            else f"Không có đơn vị nào giảm điểm so với {since}."
        ),
        "requests": "\n".join(dict.fromkeys(requests)) or "Các đơn vị tiếp tục duy trì kết quả đạt được.",
        "closing": (
            "Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường tiếp tục chỉ đạo rà soát các tiêu chí của Bộ "
            "chỉ số, chấn chỉnh và thực hiện tốt các tiêu chí theo quy định./."
        ),
    }


def province_labels(data: Data) -> dict[str, str]:
    return {
        "intro": "Mở đầu",
        "results": "1. Kết quả xếp loại từng nhóm",
        "movers": "2. Đơn vị giảm điểm",
        "requests": "3. Đề nghị",
        "closing": "Kết thúc",
    }


def province_subject(data: Data) -> str:
    return (
        "Kết quả xếp hạng các xã, phường và các sở, ban, ngành theo Bộ chỉ số phục vụ người dân, doanh nghiệp "
        f"{lower_first(data['period']['label'])}"
    )


def province_context(data: Data) -> dict[str, Any]:
    """Two ranked tables, each with its own "03/15" ranks and class counts."""
    bands = _band_order(data)
    tables = []
    for _cohort, label, rows in _cohorts(data):
        tables.append(
            {
                "label": label,
                "size": len(rows),
                "class_counts": class_counts_phrase([r for r in rows if r["total"] is not None], bands),
                "rows": [
                    {
                        "rank": f"{two(row['rank'])}/{two(row['rank_of'])}" if row["rank"] else "-",
                        "name": row["name"],
                        "total": number_vi(Decimal(row["converted_total"] or row["total"]), 2)
                        if row["total"] is not None
                        else "-",
                        "class": row["class"] or "-",
                        "change": signed_vi(Decimal(row["delta_points"])) if row["delta_points"] is not None else "-",
                        "rank_change": row["delta_rank"] if row["delta_rank"] else "",
                    }
                    for row in rows
                ],
            }
        )
    return {"cohort_tables": tables}
