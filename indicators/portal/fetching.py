"""Fetching a province's period from the portal: the national summary (for the province's rootDepartmentId),
then each group's endpoint page by page; everything fetched goes through `portal_import`, like an upload."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from indicators.constants import PeriodKind
from indicators.models import Period
from indicators.periods import period_parse
from indicators.portal.client import PortalClient, PortalRefused
from indicators.portal.constants import (
    DATE_BODY_ENDPOINTS,
    DEFAULT_PAGE_SIZE,
    ENDPOINT_GROUPS,
    PAGE_SIZE,
    SUMMARY,
)
from indicators.portal.matching import provinces_matcher
from indicators.portal.models import PortalFetch
from indicators.portal.parsing import PortalFileError, response_parse
from indicators.portal.services import PortalImportError, PortalImportReport, portal_import
from units.models import AdministrativeUnit


class PortalFetchError(Exception):
    """Fetching stopped (refused, unreadable answer, province not in the summary); nothing was imported."""


def period_body(period: Period) -> dict[str, Any]:
    """The portal's timeType body for a month, quarter or year (it offers no week or half-year)."""
    spec = period_parse(period.key)
    if spec.kind == PeriodKind.MONTH:
        return {"timeType": "month", "year": spec.year, "month": spec.number}
    if spec.kind == PeriodKind.QUARTER:
        return {"timeType": "quarter", "year": spec.year, "quarter": spec.number}
    if spec.kind == PeriodKind.YEAR:
        return {"timeType": "year", "year": spec.year}
    raise PortalFetchError(f"Cổng DVCQG chỉ công bố theo tháng, quý và năm; không có {period.label.lower()}.")


def endpoint_body(endpoint: str, period: Period, root: str, page: int) -> dict[str, Any]:
    paging = {"rootDepartmentId": root, "currentPage": page, "pageSize": PAGE_SIZE.get(endpoint, DEFAULT_PAGE_SIZE)}
    if endpoint in DATE_BODY_ENDPOINTS:
        return {**paging, "fromDate": period.start.isoformat(), "toDate": period.end.isoformat()}
    return {**period_body(period), **paging}


def _root_id(content: bytes, province: AdministrativeUnit) -> str:
    summary = response_parse(content, SUMMARY)
    matcher = provinces_matcher()
    for row in summary.rows:
        result = matcher.match(row.name)
        if result.unit is not None and result.unit.pk == province.pk and result.status == "exact":
            return row.portal_id
    raise PortalFetchError(f"Bảng tổng hợp toàn quốc của Cổng không có {province.full_name}.")


def responses_fetch(
    *, client: PortalClient, province: AdministrativeUnit, period: Period, progress: Any = None
) -> list[tuple[str, bytes]]:
    """Every response for the province and period: the summary, then each endpoint's pages in turn; `progress`
    (a callable) hears after each answer, so the status page shows how far a fetch got."""
    progress = progress or (lambda text: None)
    summary = client.post(SUMMARY, {**period_body(period), "departmentType": "ADMINISTRATIVE_UNIT"})
    files = [(f"{SUMMARY}-{period.key}.json", summary)]
    root = _root_id(summary, province)
    for endpoint in ENDPOINT_GROUPS:
        page, total = 1, 1
        while page <= total:
            content = client.post(endpoint, endpoint_body(endpoint, period, root, page))
            parsed = response_parse(content, endpoint)
            total = parsed.total_pages
            files.append((f"{endpoint}-{period.key}-p{page}.json", content))
            progress(f"Đã lấy {endpoint} trang {page}/{total}.")
            page += 1
    return files


def portal_fetch(
    *, province: AdministrativeUnit, period: Period, client: PortalClient | None = None, user: Any = None
) -> tuple[PortalFetch, PortalImportReport | None]:
    """Fetch and import one province's period; the outcome (and any refusal) is kept for the status page."""
    client = client or PortalClient()
    record = PortalFetch.objects.create(province=province, period=period)
    report = None
    try:

        def progress(text: str) -> None:
            PortalFetch.objects.filter(pk=record.pk).update(requests=client.requests_sent, message=text)

        files = responses_fetch(client=client, province=province, period=period, progress=progress)
        report = portal_import(files=files, period=period, province=province, user=user, source="fetch")
    except (PortalRefused, PortalFileError, PortalFetchError, PortalImportError) as exc:
        record.status = PortalFetch.FAILED
        record.message = str(exc)
    else:
        record.status = PortalFetch.DONE
        record.message = (
            f"{len(files)} trang, {len(report.units)} đơn vị, {report.changed_count} phiếu điểm thay đổi"
            + (f"; tạo mới: {', '.join(report.created)}" if report.created else "")
            + "."
        )
    record.requests = client.requests_sent
    record.finished_at = timezone.now()
    record.save()
    return record, report
