"""Importing the portal's responses for one period: recognise each file, match the units, store the raw counts as
entries and the portal's scores beside them as published figures, keep the bytes as evidence; all or nothing.

`portal_fetch` (fetching.py) hands what it fetched to `portal_import` too, so a fetch and an upload of the same
responses store the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from indicators.constants import ScorecardStatus
from indicators.models import GroupScore, Period, Scheme
from indicators.portal.constants import GROUP_CODES, KIND_PROVINCE, SUMMARY
from indicators.portal.matching import (
    Resolved,
    body_create,
    children_resolve,
    known_units,
    province_create,
    province_resolve,
    provinces_matcher,
)
from indicators.portal.models import PublishedFigure
from indicators.portal.parsing import ParsedResponse, PortalFileError, files_expand, response_parse
from indicators.portal.writing import Card, ImportedUnit, card_collect, cards_write
from indicators.schemes import scheme_spec_load
from indicators.selectors import scheme_for_period
from indicators.services import scorecards_recompute
from units.models import AdministrativeUnit

LOCKED = (ScorecardStatus.SUBMITTED, ScorecardStatus.APPROVED)


class PortalImportError(Exception):
    """The responses cannot be imported; nothing was written. Each message names the file, unit or value."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class PortalImportReport:
    period: Period
    scheme: Scheme
    province: AdministrativeUnit | None
    files: list[ParsedResponse]
    units: list[ImportedUnit]
    created: list[str]  # units the import created (provincial bodies, provinces), by name
    warnings: list[str]
    dry_run: bool

    @property
    def changed_count(self) -> int:
        return sum(1 for u in self.units if u.changed)

    @property
    def groups(self) -> list[str]:
        return [g for g in GROUP_CODES if any(f.group == g for f in self.files)] or (
            list(GROUP_CODES) if any(f.endpoint == SUMMARY for f in self.files) else []
        )


def responses_read(files: list[tuple[str, bytes]]) -> list[ParsedResponse]:
    """Every file (zips expanded) parsed, the same bytes counted once; every unreadable file is an error."""
    errors: list[str] = []
    parsed: dict[str, ParsedResponse] = {}
    try:
        expanded = files_expand(files)
    except PortalFileError as exc:
        raise PortalImportError([str(exc)]) from None
    for name, content in expanded:
        try:
            response = response_parse(content, name)
        except PortalFileError as exc:
            errors.append(str(exc))
            continue
        parsed.setdefault(response.sha256, response)
    if not expanded:
        errors.append("Chưa chọn tệp nào.")
    if errors:
        raise PortalImportError(errors)
    return list(parsed.values())


def _pages_check(responses: list[ParsedResponse]) -> list[str]:
    """A paginated answer must be complete: a missing page would silently drop units."""
    pages: dict[str, set[int]] = defaultdict(set)
    totals: dict[str, int] = {}
    for response in responses:
        pages[response.endpoint].add(response.page)
        totals[response.endpoint] = max(totals.get(response.endpoint, 1), response.total_pages)
    return [
        f"{endpoint}: thiếu trang {', '.join(str(p) for p in sorted(set(range(1, totals[endpoint] + 1)) - got))} "
        f"(Cổng trả {totals[endpoint]} trang); hãy tải đủ các trang."
        for endpoint, got in pages.items()
        if set(range(1, totals[endpoint] + 1)) - got
    ]


def _province_of(responses: list[ParsedResponse], province: AdministrativeUnit | None, errors: list[str]) -> Any:
    """The one province the endpoint files are about (named in them or given), checked against each file."""
    rows = [r.province for r in responses if r.endpoint != SUMMARY and r.province is not None]
    if not rows:
        if province is None and any(r.endpoint != SUMMARY for r in responses):
            errors.append("Các tệp không ghi tỉnh nào; hãy chọn tỉnh (--province).")
        return province
    known = known_units([r.portal_id for r in rows])
    matcher = provinces_matcher()
    found = {}
    for row in rows:
        unit, problem = province_resolve(row, known, matcher)
        if unit is None:
            errors.append(f"Tỉnh “{row.written}”: {problem}")
        else:
            found[unit.pk] = (unit, row)
    if len(found) > 1:
        errors.append("Các tệp thuộc nhiều tỉnh: " + ", ".join(u.full_name for u, _ in found.values()) + ".")
    elif found and province is not None and province.pk not in found:
        unit = next(iter(found.values()))[0]
        errors.append(f"Đã chọn {province.full_name} nhưng các tệp là của {unit.full_name}.")
    return next(iter(found.values()))[0] if len(found) == 1 else province


def portal_import(
    *,
    files: list[tuple[str, bytes]],
    period: Period,
    scheme: Scheme | None = None,
    province: AdministrativeUnit | None = None,
    dry_run: bool = False,
    user: Any = None,
    source: str = "upload",
) -> PortalImportReport:
    """Import saved portal responses (any evaluation endpoint, the national summary, zips) for one period.

    Raises PortalImportError listing every problem before anything is kept. Scorecards already submitted or
    approved are never changed by an import. A dry run does everything, recompute included, then rolls back.
    """
    responses = responses_read(files)
    scheme = scheme or scheme_for_period(period=period)
    spec = scheme_spec_load(scheme)
    indicators = {i.code: i for items in spec.indicators_by_group.values() for i in items}
    groups = {g.code: g for g in spec.groups}
    maps = (indicators, groups)
    errors = _pages_check(responses)
    province = _province_of(responses, province, errors)
    if errors:
        raise PortalImportError(errors)
    warnings = [
        f"Bộ chỉ số {scheme.code} không có nhóm {r.group}; tệp {r.name} chỉ được lưu làm bằng chứng."
        for r in responses
        if r.group and r.group not in groups
    ]
    report = PortalImportReport(period, scheme, province, responses, [], [], warnings, dry_run)
    with transaction.atomic():
        cards: dict[int, Card] = {}
        children_rows = {r.portal_id: r for resp in responses if resp.endpoint != SUMMARY for r in resp.rows}
        file_of = {r.portal_id: resp.name for resp in responses for r in resp.rows}
        resolved: list[Resolved] = []
        if province is not None and children_rows:
            resolved, problems = children_resolve(province=province, rows=list(children_rows.values()), file_of=file_of)
            errors.extend(problems)
        summary_units: dict[str, AdministrativeUnit] = {}
        summary_rows = [r for resp in responses if resp.endpoint == SUMMARY for r in resp.rows]
        if summary_rows:
            known, matcher = known_units([r.portal_id for r in summary_rows]), provinces_matcher()
            for row in summary_rows:
                unit, problem = province_resolve(row, known, matcher)
                if unit is None and problem.startswith("Không tìm thấy"):
                    unit = province_create(row=row)
                    if unit is not None:
                        report.created.append(unit.full_name)
                if unit is None:
                    errors.append(f"{SUMMARY}: tỉnh “{row.written}”: {problem}")
                else:
                    summary_units[row.portal_id] = unit
        if errors:
            raise PortalImportError(errors)
        for item in resolved:
            if item.unit is None:
                item.unit = body_create(province=province, row=item.row)
                report.created.append(item.unit.full_name)
        by_portal = {item.row.portal_id: item for item in resolved}
        for response in responses:
            own = [(response.province, province, "province")] if response.province and province else []
            rows = (
                [(r, by_portal[r.portal_id].unit, by_portal[r.portal_id].how) for r in response.rows]
                if (response.endpoint != SUMMARY)
                else [(r, summary_units[r.portal_id], "province") for r in response.rows]
            )
            for row, unit, how in own + rows:
                card = cards.setdefault(unit.pk, Card(unit=unit, row=row, how=how))
                card_collect(card, row, response, maps, errors)
        if errors:
            raise PortalImportError(errors)
        cards_write(report=report, cards=cards, responses=responses, maps=maps, user=user, source=source)
        if errors := [u for u in report.units if u.changed and u.scorecard.status in LOCKED]:
            raise PortalImportError(
                [
                    f"Phiếu điểm {u.unit.full_name} – {period.label.lower()} đã "
                    f"{u.scorecard.get_status_display().lower()}; nhập từ Cổng không ghi đè. Hãy mở lại phiếu trước."
                    for u in errors
                ]
            )
        if report.changed_count or dry_run:
            scorecards_recompute(scheme=scheme, period=period)
        _read_back(report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _read_back(report: PortalImportReport) -> None:
    """Computed and published group points of every imported card, after the recompute."""
    ids = [u.scorecard.pk for u in report.units]
    computed: dict[int, dict[str, Any]] = defaultdict(dict)
    for card_id, code, points in GroupScore.objects.filter(scorecard__in=ids).values_list(
        "scorecard_id", "group__code", "points"
    ):
        computed[card_id][code] = points
    published: dict[int, dict[str, Any]] = defaultdict(dict)
    for card_id, code, points in PublishedFigure.objects.filter(
        scorecard__in=ids, level=PublishedFigure.GROUP
    ).values_list("scorecard_id", "code", "points"):
        published[card_id][code] = points
    for item in report.units:
        item.scorecard.refresh_from_db()
        item.computed = computed[item.scorecard.pk]
        item.published = published[item.scorecard.pk]
    report.units.sort(key=lambda u: (u.how != KIND_PROVINCE, u.unit.kind, u.unit.name))
