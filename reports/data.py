"""What a report prints, as a JSON snapshot built from the dashboards' one league-table selector only.

Totals, ranks, classes, changes and units below target are read from the stored figures the dashboards show (never
recomputed here), so a report and the league table cannot disagree. The snapshot is stored on the report and
frozen when it is issued: tables, charts and drafted text are all drawn from it, never from live data again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from indicators.constants import DraftRanking
from indicators.dashboards.selectors import LeagueRow, LeagueTable, league_row_get, league_table_get
from indicators.models import GroupNote, Indicator, Period, Scheme, Scorecard
from indicators.selectors import FINAL_STATUSES, completeness_for
from units.constants import BODY_KINDS, KIND_PREFIX, UnitKind, cohort_label
from units.models import AdministrativeUnit

# How a kind of unit is counted in sentences ("07 xã, 01 thị trấn"); departments are "đơn vị".
KIND_WORD = {kind: (prefix.lower() or "đơn vị") for kind, prefix in KIND_PREFIX.items()}
KIND_ORDER = [k.value for k in UnitKind]


def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _row(row: LeagueRow, causes: dict[tuple[int, int], str]) -> dict[str, Any]:
    """One unit as reports print it. `total` is the converted total (on the scheme's 100): the figure shown, ranked
    and classed; `achieved` over `applicable_max` is the raw figure, printed only as such, never over 100."""
    card = row.card
    # The change is between converted totals (indicators.ranking), so last period's is converted too.
    previous_total = (
        card.converted_total - card.delta_points
        if card.converted_total is not None and card.delta_points is not None
        else None
    )
    return {
        "name": card.unit.full_name,
        "kind": card.unit.kind,
        "status": card.status,
        "final": card.status in FINAL_STATUSES,
        "total": _d(card.converted_total),
        "converted_total": _d(card.converted_total),
        "achieved": _d(card.total),
        "applicable_max": _d(card.applicable_max),
        "class": card.classification.label if card.classification_id else "",
        "previous_class": card.previous_classification.label if card.previous_classification else "",
        "rank": card.rank,
        "rank_of": card.rank_of,
        "cohort": row.cohort,
        "cohort_label": row.cohort_label,
        "delta_points": _d(card.delta_points),
        "delta_rank": card.delta_rank,
        "previous_total": _d(previous_total),
        "cells": [
            {"points": _d(cell.points), "max": _d(cell.maximum), "below": list(cell.below_target)} for cell in row.cells
        ],
        "causes": {
            cell.group.code: causes[(card.pk, cell.group.pk)]
            for cell in row.cells
            if (card.pk, cell.group.pk) in causes
        },
    }


def _causes(cards: list[Scorecard]) -> dict[tuple[int, int], str]:
    notes = GroupNote.objects.filter(scorecard__in=[c.pk for c in cards]).exclude(cause="")
    return {(n.scorecard_id, n.group_id): n.cause.strip() for n in notes}


def _class_counts(table: LeagueTable) -> list[dict[str, Any]]:
    """Per class, best first: how many units of each kind ("07 xã, 01 thị trấn")."""
    result = []
    for band, count in table.class_counts:
        kinds: dict[str, int] = {}
        for row in table.rows:
            if row.card.classification_id == band.pk:
                kinds[row.card.unit.kind] = kinds.get(row.card.unit.kind, 0) + 1
        ordered = sorted(kinds.items(), key=lambda item: KIND_ORDER.index(item[0]))
        result.append({"label": band.label, "count": count, "by_kind": [[KIND_WORD[k], n] for k, n in ordered]})
    return result


def siblings_label(unit: AdministrativeUnit) -> str:
    """What a rank is "out of": "huyện, thành phố", "xã, thị trấn" (the kinds among the unit's siblings)."""
    if unit.parent_id is None:  # the national league table of provinces (the portal's summary): "08/34 tỉnh, thành phố"
        return "tỉnh, thành phố" if unit.kind in (UnitKind.PROVINCE, UnitKind.CENTRAL_CITY) else KIND_WORD[unit.kind]
    if unit.kind in BODY_KINDS:  # ranked in their own cohort: "xếp hạng 03/15 sở, ban, ngành"
        return cohort_label(kind=unit.kind, edition=unit.edition)
    kinds = set(
        AdministrativeUnit.objects.filter(parent_id=unit.parent_id)
        .exclude(kind__in=BODY_KINDS)
        .values_list("kind", flat=True)
    )
    return ", ".join(KIND_WORD[k] for k in KIND_ORDER if k in kinds)


def _own(unit: AdministrativeUnit, scheme: Scheme, period: Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    row = league_row_get(scheme=scheme, period=period, unit=unit)
    if row is None:
        return None
    data = _row(row, _causes([row.card]))
    data["siblings"] = siblings_label(unit)
    return data


def report_data_build(*, unit: AdministrativeUnit, scheme: Scheme, period: Period) -> dict[str, Any]:
    """The snapshot: the unit's own result (and last period's), its children's league table and its summaries."""
    table = league_table_get(scheme=scheme, period=period, parent=unit)
    cards = [row.card for row in table.rows]
    causes = _causes(cards)
    rows = [_row(row, causes) for row in table.rows]
    ranked = [
        r
        for r in rows
        if r["total"] is not None
        and r["kind"] not in BODY_KINDS
        and (r["final"] or scheme.draft_ranking != DraftRanking.EXCLUDE)
    ]
    previous = period.previous
    with_target = set(
        Indicator.objects.filter(group__scheme=scheme, target__isnull=False).values_list("group__code", flat=True)
    )
    return {
        "scheme": {
            "code": scheme.code,
            "name": scheme.name,
            "report_name": scheme.report_name or scheme.name,
            "legal_basis": scheme.legal_basis,
            "result_source": scheme.result_source,
            "draft_ranking": scheme.draft_ranking,
        },
        "completeness": completeness_for(scheme=scheme, period=period, parent=unit).as_dict(),
        "period": {
            "key": period.key,
            "kind": period.kind,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "previous_key": previous.key if previous else None,
            "previous_label": previous.label if previous else None,
        },
        "unit": {
            "name": unit.full_name,
            "short_name": unit.name,
            "kind": unit.kind,
            "kind_word": KIND_WORD[unit.kind],
            "children_word": siblings_label(cards[0].unit) if cards else "",
        },
        "groups": [
            {
                "code": g.code,
                "name": g.name,
                "short_name": g.short_name or g.name,
                "max": _d(g.max_points),
                "has_target": g.code in with_target,
            }
            for g in table.groups
        ],
        "own": _own(unit, scheme, period),
        "own_previous": _own(unit, scheme, previous),
        "rows": rows,
        "highest": max(ranked, key=lambda r: Decimal(r["total"]), default=None),
        "lowest": min(ranked, key=lambda r: Decimal(r["total"]), default=None),
        "class_counts": _class_counts(table),
        "gains": [{"name": r.card.unit.full_name, "delta_points": _d(r.card.delta_points)} for r in table.gains],
        "losses": [{"name": r.card.unit.full_name, "delta_points": _d(r.card.delta_points)} for r in table.losses],
        "below_target": [
            {"group": group.code, "units": [r.card.unit.full_name for r in units]}
            for group, units in table.below_target
        ],
    }
