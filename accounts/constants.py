"""Roles a user holds in a unit, kept in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a membership lets a user do in its unit and the units below it."""

    COMMUNE_OFFICER = "commune_officer", _("Cán bộ nhập điểm cấp xã")
    DISTRICT_STAFF = "district_staff", _("Chuyên viên cấp huyện")
    PROVINCE_STAFF = "province_staff", _("Chuyên viên cấp tỉnh")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


# Roles that review (approve, return) the scorecards of the units below their own.
REVIEW_ROLES = (Role.DISTRICT_STAFF, Role.PROVINCE_STAFF)

# How far up a role reaches, for "a manager grants no role above their own".
ROLE_RANK: dict[str, int] = {
    Role.COMMUNE_OFFICER: 1,
    Role.DISTRICT_STAFF: 2,
    Role.PROVINCE_STAFF: 3,
    Role.ADMINISTRATOR: 4,
}
