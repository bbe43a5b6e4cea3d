"""`rankings --scheme CODE --period KEY --parent UNIT [--format csv|table]`: the league table of a parent's units."""

from __future__ import annotations

import csv

from django.core.management.base import BaseCommand

from indicators.dashboards.selectors import league_table_get
from indicators.formatting import number_vi, signed_vi
from indicators.management.commands._common import period_arg, scheme_arg, scheme_for_period_arg, unit_arg
from scorecard_site.spreadsheets import SafeCsvWriter, csv_value

CSV_COLUMNS = [
    "unit_code",
    "unit_name",
    "total",
    "converted_total",
    "rank",
    "rank_of",
    "classification",
    "delta_points",
    "delta_rank",
]


class Command(BaseCommand):
    help = "Bảng xếp hạng các đơn vị trực thuộc một đơn vị trong một kỳ."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scheme", help="Mặc định: bộ chỉ số quốc gia có hiệu lực của kỳ.")
        parser.add_argument("--period", required=True)
        parser.add_argument("--parent", required=True, help="Mã hoặc tên đơn vị cấp trên.")
        parser.add_argument("--format", choices=["csv", "table"], default="table")

    def handle(self, *args, **options) -> None:
        period = period_arg(options["period"], create=False)
        scheme = scheme_arg(options["scheme"]) if options["scheme"] else scheme_for_period_arg(period)
        parent = unit_arg(options["parent"], period=period)
        cards = [row.card for row in league_table_get(scheme=scheme, period=period, parent=parent).rows]
        if options["format"] == "csv":
            writer = SafeCsvWriter(csv.writer(self.stdout, lineterminator="\n"))
            writer.writerow(CSV_COLUMNS)
            for card in cards:
                writer.writerow(
                    [
                        card.unit.code,
                        card.unit.full_name,
                        csv_value(card.total),
                        csv_value(card.converted_total),
                        csv_value(card.rank),
                        csv_value(card.rank_of),
                        card.classification.label if card.classification else "",
                        csv_value(card.delta_points),
                        csv_value(card.delta_rank),
                    ]
                )
            return
        self.stdout.write(f"{period.label} – {parent.full_name} ({scheme.code})")
        for card in cards:
            rank = f"{card.rank:02d}/{card.rank_of:02d}" if card.rank else "  –  "
            band = card.classification.label if card.classification else ""
            self.stdout.write(
                f"{rank}  {card.unit.full_name:<32} {number_vi(card.converted_total, 2):>7}  {band:<11}"
                f" {signed_vi(card.delta_points):>7} {signed_vi(card.delta_rank):>4}"
            )
