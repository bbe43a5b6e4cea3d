"""Demo users, one per role, over the demo units of Đồng Tháp, so a newcomer can try entry and review."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.constants import Role
from accounts.models import Membership
from units.models import AdministrativeUnit

DEMO_PASSWORD = "demo-766"  # noqa: S105 - printed by load_demo and listed in the README; demo data only

# username, full name, role, unit code (legacy edition; None for the administrator), may reopen
DEMO_USERS = [
    ("canbo.binhthanh", "Nguyễn Thị Lan", Role.COMMUNE_OFFICER, "30193", False),
    ("canbo.tanmy", "Trần Văn Hùng", Role.COMMUNE_OFFICER, "30175", False),
    ("huyen.lapvo", "Lê Minh Tuấn", Role.DISTRICT_STAFF, "875", True),
    ("tinh.dongthap", "Phạm Thu Hà", Role.PROVINCE_STAFF, "87", False),
    ("quantri", "Quản trị hệ thống", Role.ADMINISTRATOR, None, True),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    unit: str
    created: bool


@transaction.atomic
def demo_users_create() -> list[DemoUser]:
    """Create the demo users and their memberships (idempotent; an existing user keeps its password)."""
    user_model = get_user_model()
    result = []
    for username, full_name, role, code, may_reopen in DEMO_USERS:
        first, _, last = full_name.rpartition(" ")
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,  # Vietnamese order: get_full_name() gives "Nguyễn Thị Lan"
                "last_name": last,
                "is_staff": role == Role.ADMINISTRATOR,
                "is_superuser": role == Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        unit = AdministrativeUnit.objects.get(edition="legacy", code=code) if code else None
        Membership.objects.update_or_create(user=user, unit=unit, role=role, defaults={"may_reopen": may_reopen})
        result.append(
            DemoUser(
                username=username,
                password=DEMO_PASSWORD,
                role=str(Role(role).label),
                unit=unit.full_name if unit else "toàn hệ thống",
                created=created,
            )
        )
    return result
