"""Reads for the portal pages, commands and reports: reconciliation rows (computed against published points per unit
and group), the portal's published dossier counts per unit (for reports comparing them with the province's
system), a province's national rank, and the last fetches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from indicators.constants import PointsMethod
from indicators.models import GroupScore, Indicator, IndicatorGroup, Period, Scheme, Scorecard
from indicators.portal.constants import PROGRESS_ENDPOINT
from indicators.portal.models import PortalFetch, PortalResponse, PortalUnit, PublishedFigure
from indicators.portal.parsing import PortalFileError, envelope_read
from units.constants import BODY_KINDS
from units.models import AdministrativeUnit


@dataclass
class ReconcileRow:
    unit: AdministrativeUnit
    portal_code: str
    group: str
    computed: Decimal | None
    published: Decimal | None
    published_only: bool  # the scheme takes the portal's score for this group (nothing to recompute)
    flags: list[str] = field(default_factory=list)  # the portal's data-quality messages for the group's metrics

    @property
    def difference(self) -> Decimal | None:
        if self.computed is None or self.published is None:
            return None
        return self.computed - self.published


def portal_reconcile_rows(*, province: AdministrativeUnit, period: Period, scheme: Scheme) -> list[ReconcileRow]:
    """Per unit (the province, its bodies, its communes) and group: computed and published points."""
    cards = list(
        Scorecard.objects.filter(period=period, scheme=scheme, unit__path__startswith=province.path)
        .filter(unit__in=AdministrativeUnit.objects.filter(pk=province.pk) | province.children.all())
        .select_related("unit")
    )
    ids = [c.pk for c in cards]
    groups = list(IndicatorGroup.objects.filter(scheme=scheme).order_by("order"))
    published_only = {
        g.code
        for g in groups
        if (methods := set(Indicator.objects.filter(group=g).values_list("method", flat=True)))
        and methods == {PointsMethod.PUBLISHED}
    }
    computed = {
        (s, c): p
        for s, c, p in GroupScore.objects.filter(scorecard__in=ids).values_list("scorecard", "group__code", "points")
    }
    published: dict[tuple[int, str], Decimal | None] = {}
    flags: dict[tuple[int, str], list[str]] = {}
    indicator_group = dict(Indicator.objects.filter(group__scheme=scheme).values_list("code", "group__code"))
    for figure in PublishedFigure.objects.filter(scorecard__in=ids):
        if figure.level == PublishedFigure.GROUP:
            published[(figure.scorecard_id, figure.code)] = figure.points
        elif figure.level == PublishedFigure.METRIC and figure.quality_status:
            group = indicator_group.get(figure.code, "")
            text = f"{figure.code}: {figure.quality_message or figure.quality_status}"
            flags.setdefault((figure.scorecard_id, group), []).append(text)
    codes = dict(PortalUnit.objects.filter(unit__in=[c.unit_id for c in cards]).values_list("unit", "portal_code"))
    order = {True: 0}
    cards.sort(
        key=lambda c: (c.unit_id != province.pk, order.get(c.unit.kind in BODY_KINDS, 1), c.unit.code, c.unit.name)
    )
    rows = []
    for card in cards:
        for group in groups:
            key = (card.pk, group.code)
            if key not in computed and key not in published:
                continue
            rows.append(
                ReconcileRow(
                    unit=card.unit,
                    portal_code=codes.get(card.unit_id, ""),
                    group=group.code,
                    computed=computed.get(key),
                    published=published.get(key),
                    published_only=group.code in published_only,
                    flags=flags.get(key, []),
                )
            )
    return rows


@dataclass(frozen=True)
class PortalProgress:
    """One unit's dossier counts as the portal published them for a period, and the response they were read from."""

    received: Decimal
    on_time: Decimal
    overdue: Decimal
    ratio: Decimal | None  # the portal's on-time rate (%)
    file: str
    sha256: str
    received_at: datetime


def _count(value: Any) -> Decimal | None:
    return None if value is None or isinstance(value, bool) else Decimal(str(value))


def portal_progress_get(*, units: Iterable[AdministrativeUnit], period: Period) -> dict[int, PortalProgress]:
    """Per unit, the portal's latest published dossier counts for the period (unit id → counts).

    Read from the kept raw responses (the evidence), not from entries: since 2026 an officer's scorecard and the
    portal's import share one scheme, so an entry may be either's; the response bytes are only the portal's.
    `overdue` is the portal's `totalOverdue` (finished and in progress), or received − on time when absent.
    """
    units = list(units)
    by_portal_id = dict(PortalUnit.objects.filter(unit__in=units).values_list("portal_id", "unit_id"))
    if not by_portal_id:
        return {}
    roots = {int(u.path.strip("/").split("/")[0]) for u in units if u.path.strip("/")}
    responses = PortalResponse.objects.filter(period=period, endpoint=PROGRESS_ENDPOINT).filter(
        Q(province_id__in=roots) | Q(province__isnull=True)
    )
    found: dict[int, PortalProgress] = {}
    for response in responses.order_by("-received_at", "-pk"):  # the latest figures of each unit win
        if len(found) == len(by_portal_id):
            break
        try:
            data = envelope_read(bytes(response.content), response.name)
        except PortalFileError:
            continue
        for raw in [data.get("parent"), *(data.get("children") or [])]:
            unit_id = by_portal_id.get(str(raw.get("departmentId"))) if isinstance(raw, dict) else None
            if unit_id is None or unit_id in found:
                continue
            received, on_time = _count(raw.get("totalReceived")), _count(raw.get("totalOnTime"))
            if received is None or on_time is None:
                continue
            overdue = _count(raw.get("totalOverdue"))
            found[unit_id] = PortalProgress(
                received=received,
                on_time=on_time,
                overdue=received - on_time if overdue is None else overdue,
                ratio=_count(raw.get("ratio")),
                file=response.name,
                sha256=response.sha256,
                received_at=response.received_at,
            )
    return found


def province_national_rank(*, province: AdministrativeUnit, period: Period, scheme: Scheme) -> str:
    """ "xếp hạng 08/34 tỉnh, thành phố" from the national league table, or "" when not ranked."""
    card = Scorecard.objects.filter(unit=province, period=period, scheme=scheme, rank__isnull=False).first()
    if card is None:
        return ""
    return f"xếp hạng {card.rank:02d}/{card.rank_of:02d} tỉnh, thành phố"


def portal_fetch_list(*, limit: int = 30) -> QuerySet[PortalFetch]:
    return PortalFetch.objects.select_related("province", "period").order_by("-started_at")[:limit]
