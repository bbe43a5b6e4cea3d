"""What the navigation needs to know about the user: whether to show "Nhập điểm", "Duyệt" and "Tài khoản"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts import selectors
from accounts.constants import REVIEW_ROLES
from accounts.manage.selectors import is_account_manager


def user_roles(request: HttpRequest) -> dict[str, Any]:
    """Read from the user's memberships (one cached query, none for a superuser), and only if a page asks."""
    user = getattr(request, "user", None)

    def can_enter() -> bool:
        return selectors.is_administrator(user=user) or bool(selectors.memberships_for_user(user=user))

    def can_review() -> bool:
        return selectors.is_administrator(user=user) or any(
            m.role in REVIEW_ROLES for m in selectors.memberships_for_user(user=user)
        )

    def is_admin() -> bool:
        return bool(getattr(user, "is_staff", False)) and selectors.is_administrator(user=user)

    def can_manage_accounts() -> bool:
        return is_account_manager(user=user)

    return {
        "nav_can_enter": SimpleLazyObject(can_enter),
        "nav_can_manage_accounts": SimpleLazyObject(can_manage_accounts),
        "nav_can_review": SimpleLazyObject(can_review),
        "nav_is_admin": SimpleLazyObject(is_admin),
    }
