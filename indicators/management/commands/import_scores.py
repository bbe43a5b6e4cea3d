"""`import_scores FILE --scheme CODE --period KEY [--parent UNIT] [--dry-run] [--by USER] [--reason TEXT]`.

Loads a score table. Every change is recorded with who made it: the user named by `--by`, else the OS user
running the command. Locked scorecards (submitted, approved, closed period) are refused unless `--reason` is given
(and, with `--by`, that user may reopen them).
"""

from __future__ import annotations

import getpass
from pathlib import Path

from django.contrib.auth import get_user_model
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
        parser.add_argument("--by", help="Tài khoản người nhập, ghi vào lịch sử (mặc định: người dùng hệ điều hành).")
        parser.add_argument(
            "--reason", default="", help="Lý do nhập đè phiếu đã nộp, đã duyệt hoặc của kỳ đã khóa (ghi vào lịch sử)."
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không thấy tệp {path}.")
        scheme = scheme_arg(options["scheme"])
        period = period_arg(options["period"])
        parent = unit_arg(options["parent"], period=period)
        user, actor = None, f"{_os_user()} (dòng lệnh)"
        if options["by"]:
            user = get_user_model().objects.filter(username=options["by"], is_active=True).first()
            if user is None:
                raise CommandError(f"Không có tài khoản “{options['by']}” đang hoạt động.")
        try:
            report = scores_import(
                path=path,
                scheme=scheme,
                period=period,
                parent=parent,
                dry_run=options["dry_run"],
                user=user,
                reopen_reason=options["reason"],
                actor=actor,
            )
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


def _os_user() -> str:
    """Who runs the command, for the change log; a container without a passwd entry still gets a name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "không rõ"
