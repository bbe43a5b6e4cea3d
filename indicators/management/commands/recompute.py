"""`recompute --scheme CODE --period KEY [--parent UNIT]`: recompute totals, classes, ranks and changes."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from indicators.management.commands._common import period_arg, scheme_arg, unit_arg
from indicators.services import scorecards_recompute


class Command(BaseCommand):
    help = "Tính lại tổng điểm, xếp loại, xếp hạng và mức tăng/giảm của một kỳ."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scheme", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument("--parent", help="Chỉ tính lại các đơn vị thuộc đơn vị này.")

    def handle(self, *args, **options) -> None:
        scheme = scheme_arg(options["scheme"])
        period = period_arg(options["period"], create=False)
        count = scorecards_recompute(scheme=scheme, period=period, parent=unit_arg(options["parent"], period=period))
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại {count} phiếu điểm của {period.label} ({scheme.code})."))
