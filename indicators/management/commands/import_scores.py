"""`import_scores FILE --scheme CODE --period KEY [--parent UNIT] [--dry-run]`: load a score table."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.formatting import number_vi, signed_vi
from indicators.imports.services import ScoresImportError, scores_import
from indicators.management.commands._common import period_arg, scheme_arg, unit_arg


class Command(BaseCommand):
    help = "Nhập bảng điểm (.xlsx, .csv hoặc văn bản phân cách bằng tab) của một kỳ cho các đơn vị."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--scheme", required=True, help="Mã bộ chỉ số, ví dụ qd766.")
        parser.add_argument("--period", required=True, help="Mã kỳ: 2024-01, 2023-W49, 2024-Q1, 2024-H1, 2024.")
        parser.add_argument("--parent", help="Đơn vị cấp trên của các dòng: mã (875) hoặc tên (Lấp Vò).")
        parser.add_argument("--dry-run", action="store_true", help="Kiểm tra và xem trước, không ghi gì.")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không thấy tệp {path}.")
        scheme = scheme_arg(options["scheme"])
        period = period_arg(options["period"])
        parent = unit_arg(options["parent"], period=period)
        try:
            report = scores_import(path=path, scheme=scheme, period=period, parent=parent, dry_run=options["dry_run"])
        except ScoresImportError as exc:
            for warning in exc.warnings:
                self.stderr.write(f"Lưu ý: {warning}")
            raise CommandError(
                f"Tệp {path.name} có {len(exc.errors)} lỗi, chưa ghi gì vào cơ sở dữ liệu:\n- "
                + "\n- ".join(exc.errors)
            ) from None
        for warning in report.warnings:
            self.stderr.write(f"Lưu ý: {warning}")
        for row in report.rows:
            card = row.scorecard
            gap = f"; chênh lệch với tổng các nhóm {signed_vi(card.published_gap)}" if card.published_gap else ""
            band = card.classification.label if card.classification else "chưa xếp loại"
            self.stdout.write(
                f"Dòng {row.number}: {row.unit.full_name} — {number_vi(card.total)} điểm, {band}{gap}"
                + ("" if row.changed else " (không đổi)")
            )
        verb = "Sẽ ghi" if report.dry_run else "Đã ghi"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(report.rows)} dòng cho {period.label} ({scheme.code}); "
                f"{report.changed_count} phiếu điểm thay đổi."
                + (" Chạy thử: không có gì được lưu." if report.dry_run else "")
            )
        )
