"""Account managers' writes: create an account, add or remove a membership, lock or unlock an account, and
send the mail that lets its owner choose a password.

Each write checks the manager's reach through `accounts.manage.selectors` (the views only find the rows) and
records an audit event, kind "account", with the value before and after and the account's id in `details`, in
the same transaction as the change. Rights an administrator grants (signing, managing accounts, reopening) are
never given here: a membership created by a manager carries none of them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts.constants import Role
from accounts.manage import selectors
from accounts.models import Membership
from audit.constants import EventKind
from audit.services import audit_record
from units.models import AdministrativeUnit

logger = logging.getLogger(__name__)
User = get_user_model()


class AccountRefused(Exception):
    """A change the manager may not make on this account; the message says why and who may."""


class AccountMailError(Exception):
    """The mail server refused or could not be reached; nothing was recorded."""


def _membership_text(membership: Membership) -> str:
    return f"{membership.get_role_display()} – {membership.unit.full_name}"


def _active_text(active: bool) -> str:
    return _("Đang hoạt động") if active else _("Đã khóa")


def _target(field: str) -> str:
    """What an event's row says was changed, in the change log and on the account's page."""
    return {
        "account": _("Tạo tài khoản"),
        "membership": _("Phân quyền"),
        "is_active": _("Khóa, mở khóa"),
        "password_mail": _("E-mail đặt mật khẩu"),
    }[field]


def _record(*, by: Any, account: Any, unit: AdministrativeUnit | None, field: str, before: str, after: str) -> None:
    audit_record(
        kind=EventKind.ACCOUNT,
        user=by,
        unit=unit,
        field=field,
        target=f"{_target(field)} – {account.get_username()}",
        before=before,
        after=after,
        details={"user_id": account.pk, "username": account.get_username()},
    )


def _home_unit(account: Any) -> AdministrativeUnit | None:
    """The unit an account-wide event is filed under: its most local membership, seen by every manager above."""
    memberships = [m for m in Membership.objects.filter(user=account).select_related("unit") if m.unit_id]
    memberships.sort(key=lambda m: (-m.unit.level, m.unit.path))
    return memberships[0].unit if memberships else None


def _grant_errors(*, by: Any, unit: AdministrativeUnit, role: str) -> dict[str, str]:
    """{field: message} when the unit is out of the manager's reach or the role may not be given there."""
    if not selectors.managed_units_for_user(user=by).filter(pk=unit.pk).exists():
        return {"unit": _("%(unit)s không thuộc phạm vi bạn quản lý.") % {"unit": unit.full_name}}
    reason = selectors.role_block_reason(user=by, unit=unit, role=role)
    return {"role": reason} if reason else {}


@transaction.atomic
def account_create(*, username: str, full_name: str, email: str, unit: AdministrativeUnit, role: str, by: Any) -> Any:
    """A new active account with one membership; its password is random and unknown to anyone, so the owner
    sets their own through the mail (`account_password_mail_send`) or "Quên mật khẩu"."""
    username, email, full_name = username.strip(), email.strip(), " ".join(full_name.split())
    errors = _grant_errors(by=by, unit=unit, role=role)
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("Tên đăng nhập “%(username)s” đã có người dùng; hãy chọn tên khác.") % {
            "username": username
        }
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = _(
            "Địa chỉ e-mail %(email)s đã dùng cho một tài khoản khác; mỗi người dùng một địa chỉ riêng để nhận "
            "e-mail đặt mật khẩu."
        ) % {"email": email}
    if errors:
        raise ValidationError(errors)
    first, _space, last = full_name.rpartition(" ")
    account = User(username=username, email=email, first_name=first, last_name=last, is_active=True)
    account.set_password(get_random_string(40))
    account.save()
    membership = Membership.objects.create(user=account, unit=unit, role=role)
    _record(
        by=by,
        account=account,
        unit=unit,
        field="account",
        before="",
        after=_("%(name)s, %(email)s, đang hoạt động") % {"name": full_name, "email": email},
    )
    _record(by=by, account=account, unit=unit, field="membership", before="", after=_membership_text(membership))
    return account


@transaction.atomic
def membership_add(*, account: Any, unit: AdministrativeUnit, role: str, by: Any) -> Membership:
    """Give the account a role in a unit of the manager's reach (the account must already be in it)."""
    if not selectors.memberships_in_reach(user=by).filter(user=account).exists():
        raise PermissionDenied(_("Tài khoản này không thuộc phạm vi bạn quản lý."))
    if account.is_superuser or account.is_staff:
        raise AccountRefused(_("Tài khoản quản trị chỉ được thay đổi trong trang Quản trị."))
    errors = _grant_errors(by=by, unit=unit, role=role)
    if errors:
        raise ValidationError(errors)
    if Membership.objects.filter(user=account, unit=unit, role=role).exists():
        raise ValidationError(
            {
                "unit": _("%(username)s đã có vai trò “%(role)s” tại %(unit)s.")
                % {"username": account.get_username(), "role": Role(role).label, "unit": unit.full_name}
            }
        )
    membership = Membership.objects.create(user=account, unit=unit, role=role)
    _record(by=by, account=account, unit=unit, field="membership", before="", after=_membership_text(membership))
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: Any) -> None:
    """Take a role away; refused for rights an administrator granted and for the account's last membership."""
    if not selectors.memberships_in_reach(user=by).filter(pk=membership.pk).exists():
        raise PermissionDenied(_("Phân quyền này không thuộc phạm vi bạn quản lý."))
    reason = selectors.membership_remove_block_reason(user=by, membership=membership)
    if reason:
        raise AccountRefused(reason)
    text, account, unit = _membership_text(membership), membership.user, membership.unit
    membership.delete()
    _record(by=by, account=account, unit=unit, field="membership", before=text, after="")


@transaction.atomic
def account_active_set(*, account: Any, active: bool, by: Any) -> Any:
    """Lock (the person can no longer log in; their API tokens die) or unlock an account."""
    if account.pk == by.pk and not active:
        raise AccountRefused(_("Bạn không tự khóa tài khoản của mình được."))
    reason = selectors.account_block_reason(user=by, account=account)
    if reason:
        raise AccountRefused(reason)
    if account.is_active == active:
        return account
    before = _active_text(account.is_active)
    account.is_active = active
    account.save(update_fields=["is_active"])
    if not active:
        Token.objects.filter(user=account).delete()
    _record(
        by=by, account=account, unit=_home_unit(account), field="is_active", before=before, after=_active_text(active)
    )
    return account


@transaction.atomic
def account_password_mail_send(*, account: Any, by: Any) -> None:
    """Mail the account's owner a one-time link to choose a password (Django's reset token, valid
    PASSWORD_RESET_TIMEOUT); the link goes to the address on the account, never to the manager."""
    reason = selectors.account_block_reason(user=by, account=account)
    if reason:
        raise AccountRefused(reason)
    if not account.is_active:
        raise AccountRefused(_("Tài khoản đang bị khóa; hãy mở khóa trước khi gửi e-mail đặt mật khẩu."))
    if not account.email:
        raise AccountRefused(_("Tài khoản chưa có địa chỉ e-mail; quản trị viên cần bổ sung trước."))
    _record(
        by=by,
        account=account,
        unit=_home_unit(account),
        field="password_mail",
        before="",
        after=_("Đã gửi e-mail đặt mật khẩu tới %(email)s") % {"email": account.email},
    )
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
            "token": default_token_generator.make_token(account),
        },
    )
    context = {
        "account": account,
        "by": by,
        "link": f"{settings.SITE_URL.rstrip('/')}{path}",
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject = " ".join(render_to_string("accounts/password_mail_subject.txt", context).split())
    body = render_to_string("accounts/password_mail.txt", context)
    try:
        send_mail(subject, body, None, [account.email])
    except Exception as exc:  # the event above is rolled back with the transaction
        logger.exception("password mail to user %s failed", account.pk)
        raise AccountMailError(
            _("Chưa gửi được e-mail tới %(email)s (máy chủ thư không trả lời); hãy thử lại sau.")
            % {"email": account.email}
        ) from exc
