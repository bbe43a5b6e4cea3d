"""Drafted Vietnamese text for each report kind, written from the data snapshot the way the seed reports write it.

Only phrasing lives here: every figure comes from the snapshot (`reports.data`), which comes from the league table.
The drafts are a starting point the user edits before issuing; `**…**` marks bold, a line starting "- " or "+ " is
a list paragraph. A sentence is drafted only when the data supports it: totals are the converted ones (on the
scheme's 100), a raw figure is printed as achieved/applicable maximum, nothing "meets its target" unless a target
and the figures say so, and the legal basis, the scheme's name and where results come from are the scheme's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from indicators.formatting import number_vi
from indicators.scoring import change_against_previous

Data = dict[str, Any]


def two(number: int | None) -> str:
    """Counts and ranks as the reports print them: 01, 08, 12, 23."""
    return "" if number is None else f"{number:02d}"


def date_line(place: str, day: date | None) -> str:
    """ "Lấp Vò, ngày 05 tháng 01 năm 2024": days below 10 and months 1–2 take a leading zero (Decree 30/2020)."""
    if day is None:
        return f"{place}, ngày\u2003\u2003tháng\u2003\u2003năm\u2003\u2003"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def points_change(delta: str | Decimal | None, *, unit: str = "điểm") -> str:
    """ "tăng 4,06 điểm", "giảm 1,63 điểm", "giữ nguyên điểm số"."""
    if delta is None:
        return ""
    value = Decimal(delta)
    if value == 0:
        return "giữ nguyên điểm số"
    return f"{'tăng' if value > 0 else 'giảm'} {number_vi(abs(value))} {unit}"


def rank_change(delta_rank: int | None) -> str:
    """ "tăng 14 bậc" (delta_rank is positive when the unit moved up), "giảm 3 bậc", "giữ nguyên thứ hạng"."""
    if delta_rank is None:
        return ""
    if delta_rank == 0:
        return "giữ nguyên thứ hạng"
    return f"{'tăng' if delta_rank > 0 else 'giảm'} {abs(delta_rank)} bậc"


def score_of(value: str | None, maximum: str | None = "100") -> str:
    """ "82,07/100 điểm"."""
    return f"{number_vi(Decimal(value))}/{number_vi(Decimal(maximum))} điểm" if value is not None else "–"


def raw_note(row: dict[str, Any] | None) -> str:
    """ "điểm đạt được 80/85" when the scheme converts (applicable maximum not 100), else ""."""
    if not row or row.get("achieved") is None or not row.get("applicable_max"):
        return ""
    if Decimal(row["applicable_max"]) == 100:
        return ""
    return f"điểm đạt được {number_vi(Decimal(row['achieved']))}/{number_vi(Decimal(row['applicable_max']))}"


def total_of(row: dict[str, Any]) -> str:
    """ "**94,12/100 điểm** (Xã Luân Giói; điểm đạt được 80/85)": the converted total, bold, then the unit and the
    raw figure when the scheme converts."""
    note = raw_note(row)
    return f"**{score_of(row['total'])}** ({row['name']}{'; ' + note if note else ''})"


def provisional(row: dict[str, Any] | None) -> str:
    """ " (phiếu chưa nộp, thứ hạng tạm thời)" beside a rank taken by a scorecard not yet handed in."""
    return " (phiếu chưa nộp, thứ hạng tạm thời)" if row and row.get("rank") and not row.get("final", True) else ""


def completeness_sentence(data: Data) -> str:
    """How many of the children's scorecards are handed in and approved (the basis of every rank printed)."""
    completeness = data.get("completeness")
    return completeness["sentence"] if completeness else ""


def scheme_of(data: Data) -> dict[str, str]:
    """The scheme as reports cite it; snapshots made before these fields existed read as Decision 766."""
    scheme = data.get("scheme", {})
    return {
        "report_name": scheme.get("report_name") or scheme.get("name", "Bộ Chỉ số phục vụ người dân, doanh nghiệp"),
        "legal_basis": scheme.get("legal_basis", ""),
        "result_source": scheme.get("result_source", ""),
    }


def decision_of(data: Data) -> str:
    """ "Quyết định số 459/QĐ-UBND": the legal basis without its date and issuer, for subjects."""
    return scheme_of(data)["legal_basis"].split(" ngày ")[0]


def class_counts_sentence(counts: list[dict[str, Any]]) -> str:
    """ "01 xã xếp loại “Xuất sắc”; 07 xã, 01 thị trấn xếp loại “Tốt” và 01 xã xếp loại “Trung bình”"."""
    parts = []
    for item in counts:
        if not item["count"]:
            continue
        units = ", ".join(f"{two(n)} {word}" for word, n in item["by_kind"])
        parts.append(f"{units} xếp loại “{item['label']}”")
    if len(parts) > 1:
        return "; ".join(parts[:-1]) + " và " + parts[-1]
    return parts[0] if parts else ""


def names(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " và " + items[-1] if len(items) > 1 else "".join(items)


def missing_own_sentence(data: Data) -> str:
    """The sentence of its own when the body has no result: "Chưa có kết quả của huyện X trong tháng 01 năm 2024."""
    unit, period = data["unit"], data["period"]
    source = scheme_of(data)["result_source"]
    where = f" {source}" if source else ""
    return f"Chưa có kết quả của {lower_first(unit['name'])} trong {lower_first(period['label'])}{where}."


def own_sentence(data: Data) -> str:
    """The body's total, its change and its rank: "… đạt **82,07/100 điểm** (giảm 1,63 điểm), xếp hạng 08/12 …"."""
    own, unit, period = data["own"], data["unit"], data["period"]
    subject = f"{lower_first(period['label'])} {lower_first(unit['name'])}"
    if own is None or own["total"] is None:
        return missing_own_sentence(data)
    change = points_change(own["delta_points"])
    note = raw_note(own)
    text = f"{subject} đạt **{score_of(own['total'])}**"
    if change or note:
        text += f" ({'; '.join(part for part in (note, change) if part)})"
    if own["rank"]:
        text += f", xếp hạng {two(own['rank'])}/{two(own['rank_of'])} {own['siblings']}{provisional(own)}"
    if own["class"]:
        text += f", xếp loại “{own['class']}”"
    return text


def group_causes(data: Data, index: int) -> str:
    """Units below target in a group, then the causes entered with their scores (one paragraph each)."""
    group = data["groups"][index]
    below = next((b["units"] for b in data["below_target"] if b["group"] == group["code"]), [])
    lines = []
    if below:
        lines.append(f"- Các đơn vị có chỉ số chưa đạt chỉ tiêu: {names(below)}.")
    for source in [data["own"], *data["rows"]]:
        if source and group["code"] in source["causes"]:
            for cause in source["causes"][group["code"]].splitlines():
                cause = cause.strip().lstrip("-+ ").rstrip(".")
                if cause:
                    lines.append(f"- {cause} ({source['name']}).")
    if not lines:
        lines.append(_group_points_line(data, index))
    return "\n".join(lines)


def _group_points_line(data: Data, index: int) -> str:
    """What the group's figures alone support: every unit at the maximum, or the lowest ones with points/max.

    Never "đạt chỉ tiêu": group points say nothing about targets (a group may have none), so only the points speak.
    """
    scored = [r for r in data["rows"] if r["cells"][index]["points"] is not None and r["cells"][index]["max"]]
    if not scored:
        return "- Chưa có số liệu của các đơn vị trực thuộc cho nhóm này."
    short = [r for r in scored if Decimal(r["cells"][index]["points"]) < Decimal(r["cells"][index]["max"])]
    if not short:
        return "- Các đơn vị đều đạt điểm tối đa của nhóm."
    short.sort(key=lambda r: Decimal(r["cells"][index]["points"]) / Decimal(r["cells"][index]["max"]))
    items = [f"{r['name']} ({score_of(r['cells'][index]['points'], r['cells'][index]['max'])})" for r in short[:3]]
    return f"- {len(short):02d}/{len(scored):02d} đơn vị chưa đạt điểm tối đa của nhóm; thấp nhất: {names(items)}."


def movers_sentence(data: Data, *, since: str) -> str:
    if not data["losses"]:
        return f"Không có đơn vị nào giảm điểm so với {since}."
    items = [f"{row['name']} (giảm {number_vi(abs(Decimal(row['delta_points'])))} điểm)" for row in data["losses"]]
    return f"Các đơn vị giảm điểm nhiều nhất so với {since}: {names(items)}."


def draft_monthly(data: Data, *, body: str) -> dict[str, str]:
    """Seed 000: the district's result, the communes' range and classes, then per group the causes."""
    period = lower_first(data["period"]["label"])
    unit = lower_first(data["unit"]["name"])
    kind = data["unit"]["kind_word"]
    previous = lower_first(data["period"]["previous_label"] or "kỳ trước")
    scheme = scheme_of(data)
    sections = {
        "intro": (f"{body} báo cáo kết quả thực hiện {scheme['report_name']} trên địa bàn {kind} {period} như sau:"),
    }
    own = data["own"]
    if own is None or own["total"] is None:
        sections["own_result"] = missing_own_sentence(data)
    else:
        source = f" {scheme['result_source']}" if scheme["result_source"] else ""
        sections["own_result"] = (
            f"Theo kết quả thực hiện {scheme['report_name']}{source}, {own_sentence(data)}, cụ thể như sau:"
        )
    highest, lowest = data["highest"], data["lowest"]
    basis = completeness_sentence(data)
    if highest and lowest:
        sections["children_result"] = (
            f"{basis} Điểm số cao nhất là {total_of(highest)}, điểm thấp nhất là {total_of(lowest)}, "
            f"được xếp loại gồm: {class_counts_sentence(data['class_counts'])}, cụ thể:"
        ).strip()
    else:
        sections["children_result"] = (
            f"Chưa có kết quả của các đơn vị trực thuộc {unit} trong {period}. {basis}".strip()
        )
    short_of_target = bool(data["below_target"])
    sections["assessment"] = (
        "Qua kết quả cho thấy, đây là sự cố gắng, quyết tâm cao của các đơn vị, nhất là đội ngũ cán bộ, công chức, "
        "viên chức trực tiếp thực hiện nhiệm vụ tiếp nhận, giải quyết, trả kết quả thủ tục hành chính."
    )
    if short_of_target:
        sections["assessment"] += " Nhưng bên cạnh kết quả đạt được, vẫn còn một số chỉ số chưa đạt chỉ tiêu được giao."
    for index, group in enumerate(data["groups"]):
        sections[f"causes_{group['code']}"] = group_causes(data, index)
    sections["movers"] = movers_sentence(data, since=previous)
    solutions = [
        "- Thủ trưởng các cơ quan, đơn vị, Chủ tịch Ủy ban nhân dân các xã, thị trấn tiếp tục chỉ đạo rà soát các "
        "tiêu chí của Bộ Chỉ số"
        + (", khắc phục ngay các chỉ số chưa đạt chỉ tiêu được giao." if short_of_target else ", giữ vững kết quả.")
    ]
    if data["losses"]:
        solutions.append(
            "- Các đơn vị giảm điểm so với kỳ trước phân tích nguyên nhân, có giải pháp khắc phục trong kỳ tới."
        )
    sections["solutions"] = "\n".join(solutions)
    sections["recommendations"] = (
        "Đề nghị các sở, ngành tỉnh tiếp tục hỗ trợ đồng bộ dữ liệu hồ sơ thủ tục hành chính lên Cổng Dịch vụ công "
        "quốc gia."
    )
    sections["closing"] = f"Trên đây là báo cáo kết quả thực hiện {scheme['report_name']} {period} của {body}./."
    return sections


def draft_weekly(data: Data, *, body: str) -> dict[str, str]:
    """Seed 001: the district's total, rank and class this week, then requests to the units that slipped."""
    period = data["period"]["label"]
    own = data["own"]
    scheme = scheme_of(data)
    if own and own["total"] is not None:
        note = raw_note(own)
        total = f"**1. Tổng số điểm {data['unit']['kind_word']} đạt: {score_of(own['total'])}"
        if note:
            total += f" ({note})"
        if own["rank"]:
            total += f", xếp hạng {two(own['rank'])}/{two(own['rank_of'])} {own['siblings']}{provisional(own)}"
        if own["class"]:
            total += f", xếp loại “{own['class']}”"
        total += "**"
        if scheme["legal_basis"]:
            total += f" so với thang điểm được quy định tại {scheme['legal_basis']}."
        else:
            total += "."
    else:
        total = f"**1. {missing_own_sentence(data)}**"
    requests = []
    lowest_band = data["class_counts"][-1]["label"] if data["class_counts"] else ""
    for row in data["rows"]:
        if row["class"] and row["class"] == lowest_band:
            requests.append(
                f"+ **{row['name']}** xếp loại “**{row['class']}**”, đề nghị tập trung chủ động đẩy nhanh tiến độ "
                "thực hiện và rà soát các tiêu chí khó khăn, vướng mắc để có kết quả tốt hơn trong thời gian tới."
            )
    for loss in data["losses"]:
        requests.append(
            f"+ **{loss['name']}** trong tuần này giảm (**{number_vi(Decimal(loss['delta_points']))} điểm**) so với "
            "tuần trước, đề nghị rà soát và khắc phục các tiêu chí làm ảnh hưởng mất điểm."
        )
    for item in data["below_target"]:
        group = next(g for g in data["groups"] if g["code"] == item["group"])
        requests.append(
            f"* **{group['name']}:** {names(item['units'])} rà soát, đẩy mạnh các chỉ số chưa đạt chỉ tiêu."
        )
    return {
        "intro": f"{body} báo cáo kết quả {lower_first(scheme['report_name'])} trong **{period}**, như sau:",
        "own_result": (
            f"{total} Kết quả xếp loại của các đơn vị, địa phương tại Phụ lục kèm theo. {completeness_sentence(data)}"
        ).strip(),
        "requests": "\n".join(requests) or "Các đơn vị tiếp tục duy trì kết quả đạt được.",
        "closing": (
            "Thủ trưởng các cơ quan, đơn vị, địa phương tiếp tục chỉ đạo rà soát các tiêu chí của Bộ chỉ số, "
            "chấn chỉnh và thực hiện tốt các tiêu chí theo quy định./."
        ),
    }


def draft_commune(data: Data, *, body: str) -> dict[str, str]:
    """Seed 002: each group against last month, then the total, rank and places gained."""
    own, previous = data["own"], data["own_previous"]
    since = lower_first(data["period"]["previous_label"] or "kỳ trước")
    lines = []
    if own:
        for index, group in enumerate(data["groups"]):
            cell = own["cells"][index]
            before = previous["cells"][index]["points"] if previous else None
            delta = change_against_previous(cell["points"], before)
            change = points_change(delta)
            tail = f", {change} so với {since}" if change else ""
            lines.append(
                f"1.{index + 1}. Điểm số trục nội dung {group['name']} đạt **{score_of(cell['points'], cell['max'])}"
                f"{tail}.**"
            )
        total = f"Điểm tổng hợp đạt **{score_of(own['total'])}"
        if raw_note(own):
            total += f" ({raw_note(own)})"
        if own["delta_points"] is not None:
            total += f", {points_change(own['delta_points'])}"
        if own["rank"]:
            total += f"; xếp hạng {two(own['rank'])}/{two(own['rank_of'])} {own['siblings']}{provisional(own)}"
        if own["delta_rank"]:
            total += f" và {rank_change(own['delta_rank'])} trên bảng xếp hạng"
        total += f" so với {since}.**"
        lines.append(f"1.{len(data['groups']) + 1}. {total}")
    else:
        lines.append(missing_own_sentence(data))
    name = lower_first(data["unit"]["name"])
    scheme = scheme_of(data)
    basis = (
        f"Thực hiện {scheme['legal_basis']} về {lower_first(scheme['report_name'])}. " if scheme["legal_basis"] else ""
    )
    return {
        "addressees": "- Các bộ phận chuyên môn thuộc Ủy ban nhân dân;\n- Bộ phận Tiếp nhận và trả kết quả.",
        "intro": (
            f"{basis}{body} thông báo kết quả đánh giá của {name} {lower_first(data['period']['label'])}, như sau:"
        ),
        "groups": "\n".join(lines),
        "requests": (
            "Đối với các chỉ số giảm điểm, các bộ phận chuyên môn phân tích, đánh giá và có biện pháp khắc phục "
            "kịp thời."
        ),
        "closing": (
            f"{body} yêu cầu các bộ phận chuyên môn và Bộ phận Tiếp nhận và trả kết quả có giải pháp khắc phục những "
            f"nội dung giảm điểm so với {since}; thông báo công khai đến các cơ quan, đơn vị, nhân dân được biết./."
        ),
    }
