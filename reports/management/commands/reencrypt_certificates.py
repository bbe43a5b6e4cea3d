"""`manage.py reencrypt_certificates`: certificate passwords under the current FIELD_ENCRYPTION_KEY.

Set FIELD_ENCRYPTION_KEY="<new>,<old>" (new first), run this, then drop the old key; rows written under the
SECRET_KEY-derived key of earlier versions are moved over the same way.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reports.signatures import certificates_reencrypt


class Command(BaseCommand):
    help = "Mã hóa lại mật khẩu chứng thư ký số bằng khóa FIELD_ENCRYPTION_KEY hiện tại."

    def handle(self, *args: Any, **options: Any) -> None:
        done, unreadable = certificates_reencrypt()
        self.stdout.write(f"Đã mã hóa lại {done} chứng thư.")
        if unreadable:
            raise CommandError(
                "Không giải mã được bằng khóa nào đang có (cần nhập lại chứng thư): " + "; ".join(unreadable)
            )
