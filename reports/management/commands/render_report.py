"""`render_report`: a unit's report over its children as a PDF file, drafted and rendered as the web page does.

    python manage.py render_report --unit 875 --scheme qd766 --period 2024-01 --kind monthly --out bao-cao.pdf
    python manage.py render_report ... --issue --sign lapvo.p12 --password-env P12_PASSWORD

Without --issue the file is a draft (no number, marked "Dự thảo") and nothing is kept; --issue gives the next
number of the body and keeps the report; --sign (implies --issue) adds a PAdES signature.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators.formatting import number_vi
from indicators.management.commands._common import period_arg, scheme_arg, unit_arg
from reports import services, signatures
from reports.constants import BodyKind, ReportKind
from reports.signing import SigningError


class Command(BaseCommand):
    help = "Tạo báo cáo PDF của một đơn vị (theo các đơn vị trực thuộc) cho một kỳ."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="Mã hoặc tên đơn vị ban hành, ví dụ 875 hoặc “Lấp Vò”.")
        parser.add_argument("--scheme", required=True, help="Mã bộ chỉ số, ví dụ qd766.")
        parser.add_argument("--period", required=True, help="Mã kỳ: 2024-01, 2023-W49, ...")
        parser.add_argument("--kind", choices=[k.value for k in ReportKind], default=ReportKind.MONTHLY)
        parser.add_argument("--body", choices=[b.value for b in BodyKind], default=BodyKind.COMMITTEE)
        parser.add_argument("--out", required=True, help="Tệp PDF ghi ra.")
        parser.add_argument("--signer", default="", help="Họ tên người ký in ở khối chữ ký.")
        parser.add_argument("--issue", action="store_true", help="Ban hành: cấp số và lưu báo cáo.")
        parser.add_argument(
            "--confirm-incomplete",
            action="store_true",
            help="Ban hành dù số liệu chưa được duyệt hết (được ghi vào báo cáo và lịch sử).",
        )
        parser.add_argument("--sign", metavar="FILE.p12", help="Ký số bằng tệp PKCS#12 (kèm --password-env).")
        parser.add_argument("--password-env", metavar="VAR", help="Tên biến môi trường chứa mật khẩu tệp PKCS#12.")

    def handle(self, *args: Any, **options: Any) -> None:
        scheme, period = scheme_arg(options["scheme"]), period_arg(options["period"], create=False)
        unit = unit_arg(options["unit"], period=period)
        pkcs12 = password = None
        if options["sign"]:
            if not options["password_env"] or options["password_env"] not in os.environ:
                raise CommandError("Cần --password-env VAR, với VAR là biến môi trường chứa mật khẩu tệp PKCS#12.")
            pkcs12, password = Path(options["sign"]).read_bytes(), os.environ[options["password_env"]]
        keep = options["issue"] or bool(pkcs12)
        started = time.perf_counter()
        try:
            with transaction.atomic():
                report = services.report_draft(
                    issuing_unit=unit, scheme=scheme, period=period, kind=options["kind"], body_kind=options["body"]
                )
                if options["signer"]:
                    report.signer_name = options["signer"]
                    report.save(update_fields=["signer_name"])
                if keep:
                    # The task the web page queues runs after commit; here the same render runs in-process.
                    report = services.report_issue(
                        report=report, in_process=True, confirm_incomplete=options["confirm_incomplete"]
                    )
                services.report_render(report=report)
                if pkcs12:
                    report = signatures.report_sign(report=report, pkcs12=pkcs12, password=password)
                content = services.report_file_bytes(report)
                if not keep:  # a draft from the command line is only the file
                    report.pdf.delete(save=False)
                    transaction.set_rollback(True)
        except (services.ReportError, SigningError) as exc:
            raise CommandError(str(exc)) from None
        Path(options["out"]).write_bytes(content)
        self.stdout.write(
            f"Đã ghi {options['out']}: {report.number_text}, {number_vi(len(content))} byte, "
            f"{number_vi(time.perf_counter() - started, 2)} giây{', đã ký số' if pkcs12 else ''}."
        )
