"""The one-stop office's six-month report (seed 004): the raw dossier counts of one unit, not a league table.

The snapshot holds, per indicator of the `mot-cua` scheme, the stored numerator and denominator with the rate and the
province's target (a floor or a ceiling); the drafted text says each figure the way seed 004 writes it ("Đã tiếp
nhận 1.222 hồ sơ", "41 hồ sơ, chiếm tỷ lệ 3,4% (vượt 0,4% so với tỷ lệ Chủ tịch UBND tỉnh giao là 3%)"). Every
number printed comes from the stored entries; sentences whose counts were not entered are left out.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from indicators.constants import ScorecardStatus, TargetDirection
from indicators.formatting import number_vi
from indicators.models import Entry, Indicator, Period, Scheme, Scorecard
from reports.narrative import lower_first
from units.models import AdministrativeUnit

Data = dict[str, Any]
HUNDRED = Decimal(100)


def _rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return None if not denominator else numerator * HUNDRED / denominator


def operations_data_build(*, unit: AdministrativeUnit, scheme: Scheme, period: Period) -> Data:
    """The unit's own counts for the period, keyed by indicator code, with targets and their direction."""
    card = Scorecard.objects.filter(unit=unit, scheme=scheme, period=period).first()
    entries = {e.indicator_id: e for e in Entry.objects.filter(scorecard=card)} if card else {}
    counts: dict[str, Any] = {}
    for indicator in (
        Indicator.objects.filter(group__scheme=scheme).select_related("group").order_by("group__order", "order")
    ):
        entry = entries.get(indicator.pk)
        if entry is None or entry.numerator is None or entry.denominator is None:
            continue
        rate = _rate(entry.numerator, entry.denominator)
        counts[indicator.code] = {
            "name": indicator.name,
            "group": indicator.group.code,
            "numerator": str(entry.numerator),
            "denominator": str(entry.denominator),
            "rate": None if rate is None else str(rate),
            "target": None if indicator.target is None else str(indicator.target),
            "direction": indicator.target_direction,
        }
    state = card.get_status_display().lower() if card else "chưa có"
    return {
        "scheme": {"code": scheme.code, "name": scheme.name, "legal_basis": scheme.legal_basis},
        "period": {
            "key": period.key,
            "kind": period.kind,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "unit": {"name": unit.full_name, "short_name": unit.name, "kind": unit.kind},
        "status": card.status if card else None,
        # Issuing asks for a confirmation unless the counts are approved (reports.audit.issue_basis_check).
        "completeness": {
            "all_approved": bool(card) and card.status == ScorecardStatus.APPROVED,
            "sentence": f"Số liệu: phiếu của {unit.full_name} {state}.",
        },
        "counts": counts,
    }


# --- wording ----------------------------------------------------------------------------------------------------


def _count(value: str | Decimal) -> str:
    return number_vi(Decimal(value).quantize(Decimal(1)), 0)


def _percent(value: str | Decimal | None, places: int = 2) -> str:
    if value is None:
        return "–"
    step = Decimal(1).scaleb(-places)
    return f"{number_vi(Decimal(value).quantize(step, rounding=ROUND_HALF_UP).normalize(), None)}%"


def _places(item: dict[str, Any]) -> int:
    """A ceiling is compared at one decimal, as seed 004 prints it ("3,4%, vượt 0,4%"), a floor at two."""
    return 1 if item["direction"] == TargetDirection.CEILING else 2


def _judged(item: dict[str, Any]) -> tuple[Decimal, Decimal, bool]:
    """The rate at its printed precision, the target, and whether it is on the wrong side of the target; judged on
    the printed rate so a sentence never says "vượt 0%"."""
    rate = Decimal(item["rate"]).quantize(Decimal(1).scaleb(-_places(item)), rounding=ROUND_HALF_UP)
    target = Decimal(item["target"])
    missed = rate > target if item["direction"] == TargetDirection.CEILING else rate < target
    return rate, target, missed


def rate_against_target(item: dict[str, Any]) -> str:
    """ "3,4% (vượt 0,4% so với tỷ lệ Chủ tịch UBND tỉnh giao là 3%)", "96,64% (chưa đạt, thấp hơn 1,36% so với
    chỉ tiêu 98%)", "100% (đạt chỉ tiêu 95%)"; just the rate where there is no target."""
    places = _places(item)
    if item.get("target") is None or item.get("rate") is None:
        return _percent(item.get("rate"), places)
    rate, target, missed = _judged(item)
    gap, text = _percent(abs(rate - target), places), _percent(rate, places)
    if item["direction"] == TargetDirection.CEILING:
        if missed:
            return f"{text} (vượt {gap} so với tỷ lệ Chủ tịch UBND tỉnh giao là {_percent(target)})"
        return f"{text} (trong giới hạn tỷ lệ Chủ tịch UBND tỉnh giao là {_percent(target)})"
    if missed:
        return f"{text} (chưa đạt, thấp hơn {gap} so với chỉ tiêu {_percent(target)})"
    return f"{text} (đạt chỉ tiêu {_percent(target)})"


def _share(counts: dict[str, Any], code: str, label: str, *, places: int = 2) -> str | None:
    item = counts.get(code)
    if item is None:
        return None
    return f"- {label}: {_count(item['numerator'])} hồ sơ, chiếm tỷ lệ {_percent(item['rate'], places)}."


def _received(counts: dict[str, Any]) -> list[str]:
    first = next((counts[c] for c in ("TN1", "TN2", "TN3") if c in counts), None)
    if first is None:
        return ["Chưa có số liệu tiếp nhận hồ sơ trong kỳ."]
    lines = [f"Đã tiếp nhận {_count(first['denominator'])} hồ sơ. Trong đó có:"]
    for code, label in (("TN1", "Tiếp nhận trực tuyến"), ("TN2", "Tiếp nhận trực tiếp")):
        line = _share(counts, code, label)
        if line:
            lines.append(line)
    if "TN3" in counts:
        lines.append(f"- Từ kỳ trước chuyển sang: {_count(counts['TN3']['numerator'])} hồ sơ.")
    return lines


def _resolved(counts: dict[str, Any]) -> list[str]:
    on_time, late, pending = counts.get("GQ1"), counts.get("GQ2"), counts.get("GQ3")
    base = on_time or late
    lines = []
    if base is not None:
        lines.append(f"- Đã giải quyết: {_count(base['denominator'])} hồ sơ. Trong đó:")
        if on_time is not None:
            lines.append(
                f"+ Giải quyết đúng hạn/trước hạn: {_count(on_time['numerator'])} hồ sơ, đạt tỷ lệ "
                f"{rate_against_target(on_time)}."
            )
        if late is not None:
            lines.append(
                f"+ Giải quyết quá hạn: {_count(late['numerator'])} hồ sơ, chiếm tỷ lệ {rate_against_target(late)}."
            )
    if pending is not None:
        lines.append(
            f"- Đang giải quyết: {_count(pending['denominator'])} hồ sơ "
            f"(trong hạn: {_count(pending['numerator'])} hồ sơ)."
        )
    return lines or ["Chưa có số liệu kết quả giải quyết trong kỳ."]


def _online(counts: dict[str, Any]) -> list[str]:
    lines = []
    parts = [counts[c] for c in ("TT1", "TT2") if c in counts]
    if parts:
        numerator = sum(Decimal(p["numerator"]) for p in parts)
        denominator = sum(Decimal(p["denominator"]) for p in parts)
        details = []
        for code, label in (("TT1", "một phần"), ("TT2", "toàn trình")):
            if code in counts:
                item = counts[code]
                details.append(
                    f"có {_count(item['numerator'])}/{_count(item['denominator'])} hồ sơ DVC trực tuyến {label} "
                    "được nộp trực tuyến"
                )
        lines.append(
            f"- Tỷ lệ nộp hồ sơ trực tuyến đạt {_percent(_rate(numerator, denominator))}. Cụ thể: "
            + "; ".join(details)
            + "."
        )
    if "TT3" in counts:
        item = counts["TT3"]
        lines.append(f"- Tỷ lệ thanh toán trực tuyến đạt {rate_against_target(item)}.")
    digitised = []
    for code, label in (
        ("SH1", "có số hóa đầy đủ thành phần hồ sơ khi tiếp nhận"),
        ("SH2", "có số hóa kết quả giải quyết"),
    ):
        if code in counts:
            item = counts[code]
            missing = Decimal(item["denominator"]) - Decimal(item["numerator"])
            digitised.append(
                f"+ Có {_count(item['numerator'])}/{_count(item['denominator'])} hồ sơ {label} (đạt "
                f"{_percent(item['rate'])}), có {_count(missing)} hồ sơ chưa thực hiện số hóa."
            )
    if digitised:
        lines.append("- Tỷ lệ số hóa cụ thể:")
        lines.extend(digitised)
    return lines or ["Chưa có số liệu dịch vụ công trực tuyến, thanh toán trực tuyến và số hóa trong kỳ."]


def _satisfaction(counts: dict[str, Any]) -> list[str]:
    lines = []
    answers = [
        (c, w) for c, w in (("HL1", "rất hài lòng"), ("HL2", "hài lòng"), ("HL3", "không hài lòng")) if c in counts
    ]
    if answers:
        total = counts[answers[0][0]]["denominator"]
        parts = []
        for code, word in answers:
            item = counts[code]
            if Decimal(item["numerator"]) == 0:
                parts.append(f"không có lượt đánh giá {word}")
            else:
                parts.append(
                    f"có {_count(item['numerator'])}/{_count(item['denominator'])} lượt đánh giá mức độ “{word}”, "
                    f"chiếm tỷ lệ {_percent(item['rate'])}"
                )
        lines.append(f"- Có {_count(total)} lượt khảo sát đánh giá, trong đó " + "; ".join(parts) + ".")
    if "HL4" in counts:
        item = counts["HL4"]
        received, handled = Decimal(item["denominator"]), Decimal(item["numerator"])
        if received == 0:
            lines.append("- Trong kỳ, không tiếp nhận phản ánh, kiến nghị liên quan đến giải quyết TTHC.")
        else:
            state = "Đã xử lý" if handled >= received else f"Đã xử lý {_count(handled)}/{_count(received)}"
            lines.append(
                f"- Trong kỳ, tiếp nhận {_count(received)} đơn phản ánh kiến nghị liên quan đến giải quyết TTHC. "
                f"Tình trạng giải quyết: {state}."
            )
    return lines or ["Chưa có số liệu khảo sát mức độ hài lòng trong kỳ."]


def _missed(counts: dict[str, Any]) -> list[str]:
    """Indicators on the wrong side of their target, for the assessment's "tồn tại" starter."""
    return [
        f"- {item['name']}: {rate_against_target(item)}."
        for item in counts.values()
        if item.get("target") is not None and item.get("rate") is not None and _judged(item)[2]
    ]


def draft_operations(data: Data, *, body: str) -> dict[str, str]:
    """Seed 004's sections; the counts are drafted, the prose sections start as prompts the office rewrites."""
    counts, period = data["counts"], lower_first(data["period"]["label"])
    missed = _missed(counts)
    return {
        "intro": (
            f"{body} báo cáo kết quả tình hình tiếp nhận hồ sơ, trả kết quả giải quyết TTHC trong {period} như sau:"
        ),
        "direction": (
            "- Tiếp tục thực hiện các văn bản về tổ chức và hoạt động của Bộ phận tiếp nhận và trả kết quả giải quyết "
            "TTHC theo cơ chế một cửa, một cửa liên thông.\n"
            "- Kịp thời niêm yết công khai, triển khai thực hiện các quyết định công bố danh mục TTHC, quy trình nội "
            "bộ giải quyết TTHC do UBND tỉnh ban hành."
        ),
        "received": "\n".join(_received(counts)),
        "resolved": "\n".join(_resolved(counts)),
        "online": "\n".join(_online(counts)),
        "satisfaction": "\n".join(_satisfaction(counts)),
        "assessment": (
            "**Nhận xét, đánh giá:** "
            + (
                "Các chỉ tiêu được giao đều đạt."
                if not missed and any(i.get("target") for i in counts.values())
                else "Nhìn chung công tác tiếp nhận, giải quyết TTHC được thực hiện theo quy định."
            )
        ),
        "shortcomings": "\n".join(
            ["Tuy nhiên, vẫn còn một số tồn tại hạn chế, cụ thể:", *missed]
            if missed
            else ["Không có tồn tại, hạn chế."]
        ),
        "tasks": (
            "1. Kịp thời niêm yết, công khai TTHC thuộc thẩm quyền và phạm vi giải quyết tại Bộ phận một cửa.\n"
            "2. Khắc phục tình trạng hồ sơ xử lý quá hạn; phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt chỉ tiêu "
            "được giao."
        ),
        "closing": (
            f"Trên đây là báo cáo tình hình tiếp nhận hồ sơ, trả kết quả giải quyết TTHC trong {period}, kính báo "
            "lãnh đạo UBND theo quy định./."
        ),
    }


def operations_labels(data: Data) -> dict[str, str]:
    return {
        "intro": "Mở đầu",
        "direction": "I. Công tác chỉ đạo, quá trình tổ chức thực hiện",
        "received": "II.1. Về việc tiếp nhận hồ sơ",
        "resolved": "II.2. Kết quả giải quyết",
        "online": "II.3. Dịch vụ công trực tuyến, thanh toán trực tuyến, số hóa",
        "satisfaction": "II.4. Mức độ đánh giá sự hài lòng",
        "assessment": "Nhận xét, đánh giá",
        "shortcomings": "Tồn tại, hạn chế",
        "tasks": "III. Nhiệm vụ thực hiện trong thời gian đến",
        "closing": "Kết thúc",
    }


def operations_subject(data: Data) -> str:
    return f"Tình hình tiếp nhận, trả kết quả giải quyết TTHC {lower_first(data['period']['label'])}"


def operations_context(data: Data) -> dict[str, Any]:
    """What the template prints beyond the sections: the period's dates for heading II."""
    start, end = data["period"]["start"], data["period"]["end"]
    return {"period_from": "/".join(reversed(start.split("-"))), "period_to": "/".join(reversed(end.split("-")))}
