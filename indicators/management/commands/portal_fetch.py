"""`portal_fetch --province UNIT --period KEY`: ask the portal itself (politely), then import what it answered."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from indicators.management.commands._common import period_arg, unit_arg
from indicators.management.commands.portal_import import report_write
from indicators.portal.fetching import PortalFetchError, portal_fetch
from indicators.portal.models import PortalFetch


class Command(BaseCommand):
    help = "Lấy dữ liệu Bộ chỉ số 766 của một tỉnh từ Cổng Dịch vụ công quốc gia và nhập vào."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--province", required=True)
        parser.add_argument("--period", required=True)

    def handle(self, *args, **options) -> None:
        province = unit_arg(options["province"])
        try:
            record, report = portal_fetch(province=province, period=period_arg(options["period"]))
        except PortalFetchError as exc:
            raise CommandError(str(exc)) from None
        if record.status != PortalFetch.DONE:
            raise CommandError(f"Đã dừng sau {record.requests} yêu cầu: {record.message}")
        self.stdout.write(f"{record.requests} yêu cầu tới Cổng. {record.message}")
        report_write(self.stdout, report)
