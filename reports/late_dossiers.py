"""Late dossiers as the province's one-stop system and the national portal count them, side by side (seed 000, 2.2):
"tổng số hồ sơ trễ hạn thể hiện trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh là 20 hồ sơ (…). Tuy
nhiên, tổng số hồ sơ quá hạn thể hiện trên Cổng dịch vụ công Quốc gia là 68 hồ sơ, cụ thể:" and a row per unit.

The province's figures are the one-stop offices' own counts: the `mot-cua` scorecards of the same units and period
(GQ2, dossiers resolved late; GQ3, those in progress within time of those in progress). The portal's are its
published `dvc-progress-tree` counts, read from the kept responses (`portal_progress_get`). Both go into the
report's snapshot and everything printed is drawn from it: nothing is said without the portal's figures, a
unit without the province's figures is left out of the comparison (and counted), and a gap is named only when
the two differ.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from indicators.formatting import number_vi, signed_vi
from indicators.models import Entry, Period, Scheme, Scorecard
from indicators.portal.selectors import portal_progress_get
from indicators.selectors import FINAL_STATUSES
from reports.data import report_data_build
from reports.narrative import lower_first, names, two
from units.collation import vietnamese_key
from units.constants import Level
from units.models import AdministrativeUnit
from units.selectors import unit_children

Data = dict[str, Any]
ONESTOP_SCHEME = "mot-cua"
RESOLVED_LATE, IN_PROGRESS = "GQ2", "GQ3"  # the one-stop office's counts behind "trễ hạn"
PROGRESS_GROUP = "TDGQ"  # the group the portal's counts belong to, where the monthly report prints them
PROVINCE_SYSTEM = "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh"
PORTAL = "Cổng Dịch vụ công quốc gia"
LEVEL_WORDS = {Level.PROVINCE: "cấp tỉnh", Level.DISTRICT: "cấp huyện", Level.COMMUNE: "cấp xã"}
NAMED = 5  # units named in a sentence before "và … đơn vị khác"


def _text(value: Decimal) -> str:
    """A count as the snapshot keeps it: "41", never "41.00"."""
    return format(value.normalize(), "f")


def _onestop(units: list[AdministrativeUnit], period: Period) -> dict[int, Data]:
    """Per unit, its one-stop office's late dossiers for the period: resolved late, and in progress beyond time."""
    cards = {
        card.pk: card
        for card in Scorecard.objects.filter(scheme__code=ONESTOP_SCHEME, period=period, unit__in=units).only(
            "pk", "unit_id", "status"
        )
    }
    found: dict[int, Data] = {}
    entries = Entry.objects.filter(
        scorecard__in=list(cards),
        indicator__code__in=(RESOLVED_LATE, IN_PROGRESS),
        numerator__isnull=False,
        denominator__isnull=False,
    ).values_list("scorecard_id", "indicator__code", "numerator", "denominator")
    for card_id, code, numerator, denominator in entries:
        card = cards[card_id]
        item = found.setdefault(card.unit_id, {"final": card.status in FINAL_STATUSES})
        if code == RESOLVED_LATE:
            item["resolved"] = numerator
        else:  # GQ3 counts those in progress within time: the rest are beyond it
            item["pending"] = denominator - numerator
    return {unit_id: item for unit_id, item in found.items() if "resolved" in item}


def late_dossiers_build(*, unit: AdministrativeUnit, period: Period, order: list[str]) -> Data | None:
    """The snapshot's comparison: a row per unit (the body itself, then its children in `order`, the report's
    order of names) with the portal's counts and, where kept, the province's; None without portal figures."""
    units = [unit, *unit_children(unit=unit)]
    portal = portal_progress_get(units=units, period=period)
    if not portal:
        return None
    onestop = _onestop(units, period)
    place = {name: index for index, name in enumerate(order)}
    units.sort(key=lambda u: (u.pk != unit.pk, place.get(u.full_name, len(place)), vietnamese_key(u.name)))
    rows = []
    for item in units:
        figures = portal.get(item.pk)
        if figures is None:
            continue
        own = onestop.get(item.pk)
        pending = own.get("pending") if own else None
        late = None if own is None else own["resolved"] + (pending or 0)
        rows.append(
            {
                "name": item.full_name,
                "own": item.pk == unit.pk,
                "level": item.level,
                "portal_received": _text(figures.received),
                "portal_overdue": _text(figures.overdue),
                "portal_ratio": None if figures.ratio is None else _text(figures.ratio),
                "resolved_late": None if own is None else _text(own["resolved"]),
                "pending_late": None if pending is None else _text(pending),
                "late": None if late is None else _text(late),
                "final": None if own is None else own["final"],
            }
        )
    files = {(f.file, f.sha256): f.received_at for f in portal.values()}
    return {
        "rows": rows,
        "portal_files": [
            {"name": name, "sha256": sha, "received_on": day.date().isoformat()}
            for (name, sha), day in sorted(files.items(), key=lambda kv: kv[1])
        ],
    }


def report_data_with_late(*, unit: AdministrativeUnit, scheme: Scheme, period: Period) -> Data:
    """The ordinary snapshot (`reports.data`) with the late dossiers of both systems, for the notices that discuss
    them (the monthly report, the province's notice)."""
    data = report_data_build(unit=unit, scheme=scheme, period=period)
    data["late_dossiers"] = late_dossiers_build(unit=unit, period=period, order=[r["name"] for r in data["rows"]])
    return data


# --- wording, from the snapshot only -----------------------------------------------------------------------------


def _count(value: int | Decimal) -> str:
    """ "04 hồ sơ", "20 hồ sơ", "1.222 hồ sơ", as seed 000 counts."""
    number = Decimal(value)
    return f"{two(int(number)) if number < 10 else number_vi(number)} hồ sơ"


def _compared(late: Data) -> list[Data]:
    return [row for row in late["rows"] if row["late"] is not None]


def late_totals(late: Data) -> Data:
    """The sums the sentence and the table's last row print: over the units with both figures, or (when no unit has
    the province's) the portal's alone."""
    compared = _compared(late)
    rows = compared or late["rows"]

    def total(key: str) -> Decimal | None:
        values = [Decimal(row[key]) for row in rows if row[key] is not None]
        return sum(values, Decimal(0)) if values else None

    return {
        "compared": len(compared),
        "portal_only": len(late["rows"]) - len(compared),
        "late": total("late") if compared else None,
        "resolved_late": total("resolved_late") if compared else None,
        "pending_late": total("pending_late") if compared else None,
        "portal_overdue": total("portal_overdue"),
    }


def _by_level(rows: list[Data]) -> str:
    """ "cấp huyện 16 hồ sơ, cấp xã 04 hồ sơ": the province's late dossiers per tier, as seed 000 splits them."""
    sums: dict[int, Decimal] = {}
    for row in rows:
        sums[row["level"]] = sums.get(row["level"], Decimal(0)) + Decimal(row["late"])
    return ", ".join(f"{LEVEL_WORDS.get(level, 'đơn vị')} {_count(sums[level])}" for level in sorted(sums))


def _gap(row: Data) -> Decimal:
    return Decimal(row["portal_overdue"]) - Decimal(row["late"])


def _more_or_less(gap: Decimal) -> str:
    return f"{'nhiều hơn' if gap > 0 else 'ít hơn'} {_count(abs(gap))}"


def _some(items: list[str]) -> str:
    if len(items) <= NAMED:
        return names(items)
    return f"{', '.join(items[:NAMED])} và {two(len(items) - NAMED)} đơn vị khác"


def late_section(data: Data) -> str:
    """The drafted text before the table (the user edits it); "" when the portal published nothing for the period."""
    late = data.get("late_dossiers")
    if not late or not late["rows"]:
        return ""
    period = lower_first(data["period"]["label"])
    totals = late_totals(late)
    portal = f"tổng số hồ sơ quá hạn thể hiện trên {PORTAL} là **{_count(totals['portal_overdue'])}**"
    if not totals["compared"]:
        return (
            f"Trong {period}, {portal}; chưa có số liệu hồ sơ trễ hạn của {PROVINCE_SYSTEM} (số liệu của Bộ phận một "
            "cửa các đơn vị) để đối chiếu, cụ thể:"
        )
    compared = _compared(late)
    own = (
        f"Trong {period}, tổng số hồ sơ trễ hạn thể hiện trên {PROVINCE_SYSTEM} là **{_count(totals['late'])}** "
        f"({_by_level(compared)})."
    )
    gap = totals["portal_overdue"] - totals["late"]
    if gap:
        lines = [f"{own} Tuy nhiên, {portal} ({_more_or_less(gap)}), cụ thể:"]
    else:
        lines = [f"{own} Số hồ sơ quá hạn thể hiện trên {PORTAL} cũng là **{_count(totals['late'])}**, cụ thể:"]
    differing = sorted((row for row in compared if _gap(row)), key=lambda row: (-abs(_gap(row)), row["name"]))
    if differing:
        items = [f"{row['name']} (trên Cổng {_more_or_less(_gap(row))})" for row in differing]
        lines.append(f"- Đơn vị có số liệu hai hệ thống chênh lệch: {_some(items)}.")
    if totals["portal_only"]:
        missing = [row["name"] for row in late["rows"] if row["late"] is None]
        lines.append(
            f"- {two(totals['portal_only'])} đơn vị chưa có số liệu trên {PROVINCE_SYSTEM} nên không đưa vào so sánh: "
            f"{_some(missing)}."
        )
    return "\n".join(lines)


def late_label(data: Data) -> str | None:
    """The editor's label of the section, None when the report has none."""
    return "Hồ sơ trễ hạn: Hệ thống tỉnh và Cổng DVCQG" if late_section(data) else None


def _n(value: str | Decimal | None, places: int | None = None) -> str:
    return "-" if value is None else number_vi(Decimal(value), places)


def late_table(data: Data) -> Data | None:
    """What the template prints under the section: the rows (only those compared, when any are), the totals, the
    group the table belongs under, and where each figure comes from."""
    late = data.get("late_dossiers")
    if not late or not late["rows"]:
        return None
    totals = late_totals(late)
    rows = _compared(late) if totals["compared"] else late["rows"]
    groups = [g["code"] for g in data.get("groups", [])]
    drafts = any(row["final"] is False for row in rows)
    files = "; ".join(
        f"tệp {f['name']} nhận ngày {'/'.join(reversed(f['received_on'].split('-')))} (SHA-256 {f['sha256'][:12]}…)"
        for f in late["portal_files"]
    )
    return {
        "compared": bool(totals["compared"]),
        "group": PROGRESS_GROUP if PROGRESS_GROUP in groups else None,
        "rows": [
            {
                "number": number,
                "name": row["name"] + ("*" if row["final"] is False else ""),
                "own": row["own"],
                "ratio": _n(row["portal_ratio"]),
                "late": _n(row["late"]),
                "resolved_late": _n(row["resolved_late"]),
                "pending_late": _n(row["pending_late"]),
                "portal_overdue": _n(row["portal_overdue"]),
                "gap": signed_vi(_gap(row)) if row["late"] is not None else "-",
            }
            for number, row in enumerate(rows, start=1)
        ],
        "totals": {key: _n(totals[key]) for key in ("late", "resolved_late", "pending_late", "portal_overdue")}
        | {"gap": signed_vi(totals["portal_overdue"] - totals["late"]) if totals["compared"] else "-"},
        "source": (
            f"Nguồn: {PROVINCE_SYSTEM} – số liệu Bộ phận một cửa các đơn vị (bộ số liệu {ONESTOP_SCHEME})"
            + ("; (*) số liệu chưa nộp" if drafts else "")
            + f". {PORTAL} – {files}."
        ),
    }
