"""Demo users, one per role, over the demo units of Đồng Tháp, so a newcomer can try entry and review.

The first five work on the district era's 2024 history (legacy edition); the last three in today's two-tier
structure (2025 edition): a commune officer, a provincial body's officer and the province's staff, who review
and approve both cohorts directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.constants import Role
from accounts.models import Membership
from units.constants import Edition, UnitKind
from units.models import AdministrativeUnit

DEMO_PASSWORD = "demo-766"  # noqa: S105 - printed by load_demo and listed in the README; demo data only

# username, full name, role, unit (edition, code or a provincial body's name; None for the administrator), may reopen
DEMO_USERS: list[tuple[str, str, str, tuple[str, str] | None, bool]] = [
    ("canbo.binhthanh", "Nguyễn Thị Lan", Role.COMMUNE_OFFICER, (Edition.LEGACY, "30193"), False),
    ("canbo.tanmy", "Trần Văn Hùng", Role.COMMUNE_OFFICER, (Edition.LEGACY, "30175"), False),
    ("huyen.lapvo", "Lê Minh Tuấn", Role.DISTRICT_STAFF, (Edition.LEGACY, "875"), True),
    ("tinh.dongthap", "Phạm Thu Hà", Role.PROVINCE_STAFF, (Edition.LEGACY, "87"), False),
    ("quantri", "Quản trị hệ thống", Role.ADMINISTRATOR, None, True),
    # Today's structure: Xã Lấp Vò (30169) was formed from Thị trấn Lấp Vò, Vĩnh Thạnh, Bình Thành, Bình Thạnh Trung.
    ("canbo.xalapvo", "Võ Thị Mai", Role.COMMUNE_OFFICER, (Edition.Y2025, "30169"), False),
    ("canbo.sonoivu", "Đặng Quốc Bảo", Role.COMMUNE_OFFICER, (Edition.Y2025, "Sở Nội vụ"), False),
    ("tinh.dongthap2025", "Huỳnh Thanh Tâm", Role.PROVINCE_STAFF, (Edition.Y2025, "82"), True),
]
# Staff an administrator made account managers: they create their communes' officers at /tai-khoan/quan-ly/.
DEMO_ACCOUNT_MANAGERS = frozenset({"huyen.lapvo", "tinh.dongthap2025"})


def _unit(edition: str, code_or_body: str) -> AdministrativeUnit:
    """An official unit by code, or a provincial body (not in the official lists) by its name."""
    if code_or_body.isdigit():
        return AdministrativeUnit.objects.get(edition=edition, code=code_or_body)
    return AdministrativeUnit.objects.get(edition=edition, kind=UnitKind.PROVINCIAL_BODY, name=code_or_body)


def _role_text(role: str, unit: AdministrativeUnit | None) -> str:
    """The role as a person would say it: a body's officer enters for the body, not for a commune."""
    if role == Role.COMMUNE_OFFICER and unit is not None and unit.is_department:
        return "Cán bộ nhập điểm của sở, ban, ngành"
    return str(Role(role).label)


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
    for username, full_name, role, where, may_reopen in DEMO_USERS:
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
        unit = _unit(*where) if where else None
        Membership.objects.update_or_create(
            user=user,
            unit=unit,
            role=role,
            defaults={"may_reopen": may_reopen, "may_manage_accounts": username in DEMO_ACCOUNT_MANAGERS},
        )
        result.append(
            DemoUser(
                username=username,
                password=DEMO_PASSWORD,
                role=_role_text(role, unit),
                unit=_unit_text(unit),
                created=created,
            )
        )
    return result


def _unit_text(unit: AdministrativeUnit | None) -> str:
    """ "Xã Bình Thành (danh mục trước 2025)", "Sở Nội vụ, Tỉnh Đồng Tháp (danh mục 2025)"."""
    if unit is None:
        return "toàn hệ thống"
    name = f"{unit.full_name}, {unit.parent.full_name}" if unit.is_department and unit.parent_id else unit.full_name
    era = "danh mục 2025" if unit.edition == Edition.Y2025 else "danh mục trước 2025"
    return f"{name} ({era})"
