"""`load_demo [--reset]`: a populated app for a newcomer (real units, a year of scorecards)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.demo import demo_users_create
from indicators.demo import demo_entry_periods_create, demo_load
from indicators.demo_operations import OPERATIONS_PERIOD, demo_operations_load

DEMO_ADMIN = ("admin", "admin766")


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: đơn vị hành chính thật của Đồng Tháp, Điện Biên và phiếu điểm năm 2024."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reset", action="store_true", help="Xóa phiếu điểm mẫu cũ và tạo lại.")

    def handle(self, *args, **options) -> None:
        summary = demo_load(reset=options["reset"])
        if summary.skipped and not summary.scorecards:
            self.stdout.write("Dữ liệu mẫu đã có sẵn (dùng --reset để tạo lại).")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp {summary.units} đơn vị, {summary.periods} kỳ, {summary.scorecards} phiếu điểm năm 2024."
                )
            )
        username, password = DEMO_ADMIN
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(f"Quản trị: http://127.0.0.1:8000/admin/ — tài khoản {username} / mật khẩu {password}")
        opened = demo_entry_periods_create()
        if opened:
            self.stdout.write(f"Đã mở nhập điểm tháng này và tháng trước cho Huyện Lấp Vò ({opened} phiếu điểm).")
        if demo_operations_load():
            self.stdout.write(
                f"Đã nạp số liệu Bộ phận một cửa Xã Bình Thành {OPERATIONS_PERIOD} (bộ chỉ số mot-cua): "
                f"render_report --unit 30193 --scheme mot-cua --period {OPERATIONS_PERIOD} --kind operations"
            )
        self.stdout.write(
            "Tài khoản thử nhập điểm và duyệt (đăng nhập tại http://127.0.0.1:8000/tai-khoan/dang-nhap/):"
        )
        for user in demo_users_create():
            kept = "" if user.created else " (đã có sẵn: giữ mật khẩu hiện tại)"
            self.stdout.write(f"  {user.username:<16} / {user.password}  – {user.role}, {user.unit}{kept}")
