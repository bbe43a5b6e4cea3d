"""`portal_reconcile --period KEY --province UNIT [--scheme CODE] --format csv|table`: computed against the portal's
published points, per unit and group."""

from __future__ import annotations

import csv

from django.core.management.base import BaseCommand

from indicators.management.commands._common import period_arg, scheme_arg, scheme_for_period_arg, unit_arg
from indicators.portal.selectors import portal_reconcile_rows
from scorecard_site.spreadsheets import SafeCsvWriter, csv_value

CSV_COLUMNS = ["unit_code", "unit_name", "portal_code", "group", "computed", "published", "difference"]


class Command(BaseCommand):
    help = "Đối chiếu điểm tính được với điểm Cổng DVCQG công bố, theo đơn vị và nhóm chỉ số."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", required=True)
        parser.add_argument("--province", required=True)
        parser.add_argument("--scheme", help="Mặc định: bộ chỉ số quốc gia có hiệu lực của kỳ.")
        parser.add_argument("--format", choices=["csv", "table"], default="table")

    def handle(self, *args, **options) -> None:
        period = period_arg(options["period"], create=False)
        scheme = scheme_arg(options["scheme"]) if options["scheme"] else scheme_for_period_arg(period)
        rows = portal_reconcile_rows(province=unit_arg(options["province"]), period=period, scheme=scheme)
        if options["format"] == "csv":
            writer = SafeCsvWriter(csv.writer(self.stdout, lineterminator="\n"))
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                writer.writerow(
                    [
                        row.unit.code,
                        row.unit.full_name,
                        row.portal_code,
                        row.group,
                        csv_value(row.computed),
                        csv_value(row.published),
                        csv_value(row.difference),
                    ]
                )
            return
        differ = [r for r in rows if r.difference]
        self.stdout.write(f"{len(rows)} dòng (đơn vị × nhóm), {len(differ)} dòng chênh lệch ({scheme.code}).")
        for row in differ:
            self.stdout.write(f"{row.unit.full_name:<40} {row.group:<6} {row.computed} ≠ {row.published}")
