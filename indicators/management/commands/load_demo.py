"""`load_demo [--reset] [--base-url URL]`: a populated app for a newcomer.

The district era's 2024 history (legacy Đồng Tháp and Điện Biên) and today's two-tier province (2025 Đồng Tháp,
its communes and sở, ban, ngành, from July 2025 to the current month), with one demo user per role in each.
"""

from __future__ import annotations

import os
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.demo import demo_users_create
from indicators.demo import DEMO_PROVINCES, demo_entry_periods_create, demo_load
from indicators.demo_operations import OPERATIONS_PERIOD, demo_operations_load
from indicators.demo_today import demo_outside_validity_remove, demo_today_load
from indicators.periods import period_label
from units.models import AdministrativeUnit
from units.selectors import unit_descendants

DEMO_ADMIN = ("admin", "admin766")


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: đơn vị hành chính thật của Đồng Tháp, Điện Biên (trước sắp xếp, phiếu điểm năm 2024) và "
        "Tỉnh Đồng Tháp mới (từ 01/7/2025: xã, phường và sở, ban, ngành, phiếu điểm đến tháng hiện tại)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reset", action="store_true", help="Xóa phiếu điểm mẫu cũ và tạo lại.")
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Địa chỉ máy chủ in trong hướng dẫn (make demo PORT=8080 truyền http://127.0.0.1:8080).",
        )

    def handle(self, *args, **options) -> None:
        base = options["base_url"].rstrip("/")
        started = time.perf_counter()
        summary = demo_load(reset=options["reset"])
        if summary.skipped and not summary.scorecards:
            self.stdout.write("Dữ liệu mẫu trước sắp xếp đã có sẵn (dùng --reset để tạo lại).")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Trước sắp xếp: {summary.units} đơn vị, {summary.periods} kỳ, "
                    f"{summary.scorecards} phiếu điểm năm 2024."
                )
            )
        demo_entry_periods_create()
        today = demo_today_load(reset=options["reset"])
        first, last = (period_label(key) for key in today.months)
        if today.skipped:
            self.stdout.write(f"Dữ liệu mẫu {today.province.full_name} (danh mục 2025) đã có sẵn.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Từ 01/7/2025: {today.province.full_name} với {today.units - today.bodies - 1} xã, phường và "
                    f"{today.bodies} sở, ban, ngành; {today.periods} kỳ ({first} – {last} và các tuần gần nhất), "
                    f"{today.scorecards} phiếu điểm. {last} đang mở nhập điểm."
                )
            )
        legacy_units = [
            unit
            for name, _scheme in DEMO_PROVINCES
            for province in AdministrativeUnit.objects.filter(edition="legacy", level=1, name=name)
            for unit in unit_descendants(unit=province, include_self=True)
        ]
        removed = demo_outside_validity_remove(units=legacy_units + list(unit_descendants(unit=today.province)))
        if removed:
            self.stdout.write(f"Đã xóa {removed} phiếu điểm mẫu cũ nằm ngoài thời gian hiệu lực của đơn vị.")

        if demo_operations_load():
            # A line that runs as printed, from the checkout, with the settings this demo was loaded with.
            inside = sys.executable.startswith(os.getcwd() + os.sep)
            python = os.path.relpath(sys.executable) if inside else sys.executable
            self.stdout.write(
                f"Số liệu Bộ phận một cửa Xã Bình Thành {period_label(OPERATIONS_PERIOD).lower()} (bộ chỉ số "
                f"mot-cua); báo cáo PDF:\n  {'DEBUG=1 ' if settings.DEBUG else ''}{python} manage.py render_report "
                f"--unit 30193 --scheme mot-cua --period {OPERATIONS_PERIOD} --kind operations "
                "--out bao-cao-mot-cua.pdf"
            )
        username, password = DEMO_ADMIN
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(f"Quản trị: {base}/admin/ — tài khoản {username} / mật khẩu {password}")
        self.stdout.write(f"Tài khoản thử nhập điểm và duyệt (đăng nhập tại {base}/tai-khoan/dang-nhap/):")
        for user in demo_users_create():
            kept = "" if user.created else " (đã có sẵn: giữ mật khẩu hiện tại)"
            self.stdout.write(f"  {user.username:<18} / {user.password}  – {user.role}, {user.unit}{kept}")
        self.stdout.write(f"Mở {base}/ (bảng xếp hạng) — nạp xong sau {time.perf_counter() - started:.0f} giây.")
