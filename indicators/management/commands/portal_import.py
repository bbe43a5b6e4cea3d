"""`portal_import FILE [FILE …] --period KEY [--scheme CODE] [--province UNIT] [--dry-run]`: saved portal responses
(or zips of them) into scorecards, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.management.commands._common import period_arg, scheme_arg, unit_arg
from indicators.portal.services import PortalImportError, portal_import


def report_write(stdout, report) -> None:
    """The summary both portal commands print."""
    label = "Chạy thử (không ghi gì)" if report.dry_run else "Đã nhập"
    province = report.province.full_name if report.province else "toàn quốc"
    stdout.write(
        f"{label}: {len(report.files)} tệp, {province}, {report.period.label}, bộ chỉ số {report.scheme.code}: "
        f"{len(report.units)} đơn vị, {report.changed_count} phiếu điểm thay đổi."
    )
    for response in report.files:
        stdout.write(
            f"  {response.name}: {response.endpoint}, trang {response.page}/{response.total_pages}, "
            f"SHA-256 {response.sha256}"
        )
    if report.created:
        stdout.write("Đơn vị mới tạo: " + "; ".join(report.created))
    for warning in report.warnings:
        stdout.write(f"Lưu ý: {warning}")


class Command(BaseCommand):
    help = "Nhập dữ liệu Bộ chỉ số 766 đã lưu từ Cổng Dịch vụ công quốc gia (JSON hoặc .zip)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+")
        parser.add_argument("--period", required=True)
        parser.add_argument("--scheme", help="Mặc định: bộ chỉ số quốc gia có hiệu lực của kỳ.")
        parser.add_argument("--province", help="Mã hoặc tên tỉnh (mặc định: theo nội dung tệp).")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options) -> None:
        files = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Không có tệp {name}.")
            files.append((path.name, path.read_bytes()))
        period = period_arg(options["period"])
        scheme = scheme_arg(options["scheme"]) if options["scheme"] else None
        try:
            report = portal_import(
                files=files,
                period=period,
                scheme=scheme,
                province=unit_arg(options["province"]),
                dry_run=options["dry_run"],
                source="command",
            )
        except PortalImportError as exc:
            raise CommandError("Không nhập được, chưa ghi gì:\n" + "\n".join(exc.errors)) from None
        report_write(self.stdout, report)
