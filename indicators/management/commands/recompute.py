"""`recompute --scheme CODE --period KEY [--parent UNIT]`: recompute totals, classes, ranks and changes.

`recompute --pending` runs, in this process, every request the queue still holds (pending, or abandoned by a
killed worker): what to run after the broker or the workers were down.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from indicators.management.commands._common import period_arg, scheme_arg, unit_arg
from indicators.recompute_queue import recompute_run_unfinished
from indicators.services import scorecards_recompute


class Command(BaseCommand):
    help = "Tính lại tổng điểm, xếp loại, xếp hạng và mức tăng/giảm của một kỳ (hoặc mọi kỳ đang chờ: --pending)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scheme")
        parser.add_argument("--period")
        parser.add_argument("--parent", help="Chỉ tính lại các đơn vị thuộc đơn vị này.")
        parser.add_argument(
            "--pending", action="store_true", help="Tính lại ngay mọi kỳ đang chờ hoặc bị gián đoạn (không cần worker)."
        )

    def handle(self, *args, **options) -> None:
        if options["pending"]:
            if options["scheme"] or options["period"] or options["parent"]:
                raise CommandError("--pending không dùng cùng --scheme, --period hay --parent.")
            done = recompute_run_unfinished()
            for request, count in done:
                self.stdout.write(f"Đã tính lại {count} phiếu điểm của {request.period.label} ({request.scheme.code}).")
            self.stdout.write(self.style.SUCCESS(f"Không còn kỳ nào chờ tính lại ({len(done)} kỳ vừa tính)."))
            return
        if not options["scheme"] or not options["period"]:
            raise CommandError("Cần --scheme và --period (hoặc --pending).")
        scheme = scheme_arg(options["scheme"])
        period = period_arg(options["period"], create=False)
        count = scorecards_recompute(scheme=scheme, period=period, parent=unit_arg(options["parent"], period=period))
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại {count} phiếu điểm của {period.label} ({scheme.code})."))
