"""Whose accounts a user manages: the scope of the account pages under /tai-khoan/quan-ly/.

A membership flagged `may_manage_accounts` (district or provincial staff; an administrator grants it) lets its
holder manage the accounts of its unit's subtree; administrators manage every account but administrators'.
A manager never sees a user without a membership in that subtree (404) nor a membership outside it, grants no role
above their own, and acts on a whole account (lock, reset mail) only when every membership of it lies in their
reach: a district cannot lock out a person whom another unit also relies on.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.constants import REVIEW_ROLES, ROLE_RANK, Role
from accounts.models import Membership
from accounts.selectors import is_administrator, memberships_for_user
from audit.constants import EventKind
from audit.models import AuditEvent
from units.constants import Level
from units.matching import fold
from units.models import AdministrativeUnit

User = get_user_model()


def managing_memberships(*, user: Any) -> list[Membership]:
    """The user's memberships that manage accounts: staff memberships flagged by an administrator."""
    if not getattr(user, "is_active", False):
        return []
    return [
        m
        for m in memberships_for_user(user=user)
        if m.may_manage_accounts and m.role in REVIEW_ROLES and m.unit_id is not None
    ]


def is_account_manager(*, user: Any) -> bool:
    return is_administrator(user=user) or bool(managing_memberships(user=user))


def _paths(user: Any) -> list[str] | None:
    """Paths of the managed subtrees; None for an administrator (everything)."""
    if is_administrator(user=user):
        return None
    return [m.unit.path for m in managing_memberships(user=user)]


def _under(paths: list[str], field: str) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def managed_units_for_user(*, user: Any) -> QuerySet[AdministrativeUnit]:
    """Units whose people the user manages: each managing membership's unit and everything below it."""
    paths = _paths(user)
    if paths is None:
        return AdministrativeUnit.objects.all()
    return AdministrativeUnit.objects.filter(_under(paths, "path"))


def role_ceiling(*, user: Any, unit: AdministrativeUnit) -> int:
    """The highest role rank the user may grant in `unit` (their own role there); 0 outside their reach."""
    if is_administrator(user=user):
        return ROLE_RANK[Role.PROVINCE_STAFF]
    ranks = [ROLE_RANK[m.role] for m in managing_memberships(user=user) if unit.path.startswith(m.unit.path)]
    return max(ranks, default=0)


def role_fits_unit(*, role: str, unit: AdministrativeUnit) -> bool:
    """Officers enter for a commune or a body (a district's department, a province's sở); staff work for their
    district or province; the administrator role belongs to no unit."""
    if role == Role.COMMUNE_OFFICER:
        return unit.level == Level.COMMUNE or unit.is_department
    if role == Role.DISTRICT_STAFF:
        return unit.level == Level.DISTRICT and not unit.is_department
    if role == Role.PROVINCE_STAFF:
        return unit.level == Level.PROVINCE and not unit.is_department
    return False


def roles_grantable(*, user: Any, unit: AdministrativeUnit) -> list[str]:
    """Roles the user may give someone in `unit`: fitting the unit, never above the user's own."""
    ceiling = role_ceiling(user=user, unit=unit)
    return [role for role in Role.values if ROLE_RANK[role] <= ceiling and role_fits_unit(role=role, unit=unit)]


def role_block_reason(*, user: Any, unit: AdministrativeUnit, role: str) -> str | None:
    """Why the user may not give `role` in `unit`, naming both; None when they may."""
    if role == Role.ADMINISTRATOR:
        return _("Vai trò quản trị hệ thống chỉ được cấp trong trang Quản trị.")
    if ROLE_RANK.get(role, 99) > role_ceiling(user=user, unit=unit):
        return _("Bạn không được cấp vai trò “%(role)s”, cao hơn vai trò của bạn.") % {"role": Role(role).label}
    if not role_fits_unit(role=role, unit=unit):
        return _("Vai trò “%(role)s” không dùng cho %(unit)s; %(hint)s") % {
            "role": Role(role).label,
            "unit": unit.full_name,
            "hint": _role_hint(unit),
        }
    return None


def _role_hint(unit: AdministrativeUnit) -> str:
    if unit.level == Level.COMMUNE or unit.is_department:
        return _("hãy chọn “%(role)s”.") % {"role": Role.COMMUNE_OFFICER.label}
    if unit.level == Level.DISTRICT:
        return _("hãy chọn “%(role)s”.") % {"role": Role.DISTRICT_STAFF.label}
    return _("hãy chọn “%(role)s”.") % {"role": Role.PROVINCE_STAFF.label}


def memberships_in_reach(*, user: Any) -> QuerySet[Membership]:
    """Memberships the user may see: those on a unit they manage (never an administrator's, which has none)."""
    paths = _paths(user)
    queryset = Membership.objects.filter(unit__isnull=False)
    if paths is not None:
        queryset = queryset.filter(_under(paths, "unit__path"))
    return queryset


def account_list_for_manager(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Any]:
    """Users with a membership in the user's reach, each with only those memberships prefetched (as `visible`).

    `filters`: `unit` (its subtree), `query` (username, name or e-mail; case and diacritics ignored), `active`
    (True, False or None)."""
    filters = filters or {}
    reach = memberships_in_reach(user=user)
    if filters.get("unit") is not None:
        reach = reach.filter(unit__path__startswith=filters["unit"].path)
    queryset = User.objects.filter(pk__in=reach.values("user_id"))
    if filters.get("active") is not None:
        queryset = queryset.filter(is_active=filters["active"])
    wanted = fold((filters.get("query") or "").strip())
    if wanted:
        rows = queryset.values_list("pk", "username", "first_name", "last_name", "email")
        queryset = queryset.filter(pk__in=[row[0] for row in rows if wanted in fold(" ".join(row[1:]))])
    visible = memberships_in_reach(user=user).select_related("unit").order_by("unit__path", "role")
    return queryset.prefetch_related(Prefetch("memberships", visible, to_attr="visible")).order_by("username")


def account_get_for_manager(*, user: Any, pk: int) -> Any | None:
    """One user in the manager's reach with `visible` memberships, or None (the page answers 404)."""
    return account_list_for_manager(user=user).filter(pk=pk).first()


def account_block_reason(*, user: Any, account: Any) -> str | None:
    """Why the user may not lock, unlock or send a password mail to `account` as a whole; None when they may."""
    memberships = _all(account)
    if account.is_superuser or account.is_staff or any(m.role == Role.ADMINISTRATOR for m in memberships):
        return _("Tài khoản quản trị chỉ được thay đổi trong trang Quản trị.")
    admin = is_administrator(user=user)
    if not any(m.unit_id for m in memberships):
        return _("Tài khoản này không thuộc phạm vi bạn quản lý.")
    for membership in memberships:
        if ROLE_RANK[membership.role] > role_ceiling(user=user, unit=membership.unit):
            return _(
                "Tài khoản này còn được phân quyền ở đơn vị ngoài phạm vi bạn quản lý hoặc với vai trò cao hơn "
                "vai trò của bạn; hãy nhờ cấp trên chung hoặc quản trị viên."
            )
        if not admin and (membership.may_sign or membership.may_manage_accounts):
            return _(
                "Tài khoản này có quyền do quản trị viên cấp (người ký hoặc quản lý tài khoản); chỉ quản trị viên "
                "khóa, mở khóa hoặc gửi e-mail đặt mật khẩu cho tài khoản này."
            )
    return None


def membership_remove_block_reason(*, user: Any, membership: Membership) -> str | None:
    """Why the user may not remove this (visible) membership; None when they may."""
    if ROLE_RANK[membership.role] > role_ceiling(user=user, unit=membership.unit):
        return _("Bạn không được gỡ vai trò “%(role)s”, cao hơn vai trò của bạn.") % {
            "role": membership.get_role_display()
        }
    if not is_administrator(user=user) and (membership.may_sign or membership.may_manage_accounts):
        return _(
            "Phân quyền này có quyền do quản trị viên cấp (người ký hoặc quản lý tài khoản); chỉ quản trị viên gỡ."
        )
    if not Membership.objects.filter(user_id=membership.user_id).exclude(pk=membership.pk).exists():
        return _(
            "Đây là phân quyền cuối cùng của tài khoản %(username)s; nếu người này thôi làm việc, hãy khóa tài khoản."
        ) % {"username": membership.user.get_username()}
    return None


def _all(account: Any) -> list[Membership]:
    """Every membership of the account, inside the manager's reach or not (read only to refuse, never shown)."""
    return list(Membership.objects.filter(user=account).select_related("unit"))


def account_history(*, user: Any, account: Any) -> QuerySet[AuditEvent]:
    """Changes made to the account and its memberships on units in the user's reach, newest first."""
    events = AuditEvent.objects.filter(kind=EventKind.ACCOUNT, details__user_id=account.pk)
    paths = _paths(user)
    if paths is not None:
        events = events.filter(_under(paths, "unit__path"))
    return events.select_related("unit").order_by("-created_at", "-pk")
