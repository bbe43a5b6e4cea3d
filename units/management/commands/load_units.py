"""`manage.py load_units --province "Đồng Tháp" --edition legacy`: load one province's official units.

Thin wrapper around `units.loaders.province_load`; safe to run again (only differences are written).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from units.constants import EDITION_SHORT, Edition, Level
from units.loaders import LoadResult, MergeResult, province_load
from units.sources import ProvinceNotFound

LEVEL_WORDS: dict[int, str] = {
    Level.PROVINCE: "đơn vị cấp tỉnh",
    Level.DISTRICT: "đơn vị cấp huyện",
    Level.COMMUNE: "đơn vị cấp xã",
}


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính của một tỉnh từ gói vietnamadminunits (chạy lại không thay đổi gì)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            required=True,
            help="Tên hoặc mã tỉnh: “Đồng Tháp”, “dong thap”, “Tỉnh Đồng Tháp”, “87”. Có thể lặp lại.",
        )
        parser.add_argument(
            "--edition",
            required=True,
            choices=[Edition.LEGACY.value, Edition.Y2025.value],
            help="legacy: danh mục trước 01/7/2025; 2025: danh mục từ 01/7/2025.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for province in options["province"]:
            try:
                result = province_load(province=province, edition=options["edition"])
            except ProvinceNotFound as error:
                raise CommandError(str(error)) from error
            self.stdout.write(self.style.SUCCESS(summary(result)))
            for merge in result.merges:
                self.stdout.write(merge_summary(merge))
            if options["verbosity"] >= 2:
                for warning in result.warnings:
                    self.stdout.write(self.style.WARNING(warning))


def summary(result: LoadResult) -> str:
    """The summary line: units per level, then how many were created, updated and left unchanged."""
    levels = ", ".join(
        f"{result.by_level[level]} {LEVEL_WORDS[level]}" for level in sorted(result.by_level) if result.by_level[level]
    )
    return _(
        "Đã nạp %(province)s (%(edition)s): %(levels)s; thêm mới %(created)d, cập nhật %(updated)d, "
        "không đổi %(unchanged)d."
    ) % {
        "province": result.province.full_name,
        "edition": EDITION_SHORT[result.edition],
        "levels": levels,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


def merge_summary(merge: MergeResult) -> str:
    """One line on the old -> new links, naming the old provinces still to load."""
    line = _("Liên kết sáp nhập vào %(province)s: thêm mới %(created)d, đã có %(existing)d.") % {
        "province": merge.new_province,
        "created": merge.created,
        "existing": merge.existing,
    }
    if merge.provinces_missing:
        line += " " + _("Chưa nạp danh mục trước 2025 của: %(names)s (%(count)d liên kết chờ).") % {
            "names": ", ".join(merge.provinces_missing),
            "count": merge.legacy_missing,
        }
    return line
