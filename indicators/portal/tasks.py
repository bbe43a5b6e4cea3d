"""Celery tasks (thin): fetch every configured province nightly, for the current and the last closed month,
quarter and year (year and quarter figures asked during the period are "to date" and change)."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from indicators.portal.fetching import portal_fetch
from indicators.services import period_get_or_create
from units.models import AdministrativeUnit
from units.selectors import unit_get_by_code_or_name


def nightly_period_keys(today: date) -> list[str]:
    """Current and last closed month, quarter and year."""
    month_prev = (today.year - (today.month == 1), 12 if today.month == 1 else today.month - 1)
    quarter = (today.month - 1) // 3 + 1
    quarter_prev = (today.year - (quarter == 1), 4 if quarter == 1 else quarter - 1)
    return [
        f"{today.year}-{today.month:02d}",
        f"{month_prev[0]}-{month_prev[1]:02d}",
        f"{today.year}-Q{quarter}",
        f"{quarter_prev[0]}-Q{quarter_prev[1]}",
        f"{today.year}",
        f"{today.year - 1}",
    ]


@shared_task
def portal_fetch_province(province_id: int, period_key: str) -> str:
    province = AdministrativeUnit.objects.get(pk=province_id)
    record, _report = portal_fetch(province=province, period=period_get_or_create(key=period_key))
    return record.status


@shared_task
def portal_fetch_nightly() -> int:
    """Queue one fetch per configured province and period; each runs on its own, one after another."""
    count = 0
    for value in settings.PORTAL_PROVINCES:
        province = unit_get_by_code_or_name(value=value)
        for key in nightly_period_keys(timezone.localdate()):
            portal_fetch_province.delay(province.pk, key)
            count += 1
    return count
