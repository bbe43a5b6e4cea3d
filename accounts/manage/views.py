"""Account pages for managers (/tai-khoan/quan-ly/): the list of their units' people, creating an account,
adding and removing memberships, locking and unlocking, and sending the password mail.

A user who manages no accounts gets 403; an account or membership outside the manager's reach is not in their
querysets at all, so it answers 404. The views only find rows and show results; the rules are in
`accounts.manage.selectors` and the writes in `accounts.manage.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.manage import selectors, services
from accounts.manage.forms import AccountCreateForm, AccountFilterForm, MembershipAddForm
from units.collation import vietnamese_key

PAGE = 300


def _require_manager(request: HttpRequest) -> None:
    if not selectors.is_account_manager(user=request.user):
        raise PermissionDenied(_("Trang quản lý tài khoản dành cho người được quản trị viên giao quản lý tài khoản."))


def _account(request: HttpRequest, pk: int) -> Any:
    _require_manager(request)
    account = selectors.account_get_for_manager(user=request.user, pk=pk)
    if account is None:
        raise Http404(_("Không có tài khoản này trong phạm vi bạn quản lý."))
    return account


def _name_key(account: Any) -> tuple:
    """Vietnamese lists order people by given name, then family name."""
    return vietnamese_key(account.last_name), vietnamese_key(account.first_name), account.username


@login_required
@require_http_methods(["GET"])
def account_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = AccountFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if form.is_bound else {}
    accounts = selectors.account_list_for_manager(user=request.user, filters=filters)
    total = accounts.count()
    rows = sorted(accounts[:PAGE], key=_name_key)
    return render(request, "accounts/manage_list.html", {"form": form, "rows": rows, "total": total, "page": PAGE})


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    data = request.POST if request.method == "POST" else None
    form = AccountCreateForm(data, user=request.user, initial={"unit": request.GET.get("don_vi")})
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            account = services.account_create(
                username=fields["username"],
                full_name=fields["full_name"],
                email=fields["email"],
                unit=fields["unit"],
                role=fields["role"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã tạo tài khoản %(username)s.") % {"username": account.get_username()})
            if fields["send_mail"]:
                _send_password_mail(request, account)
            return redirect("account-detail", pk=account.pk)
    return render(request, "accounts/manage_create.html", {"form": form})


def _detail_page(request: HttpRequest, account: Any, add_form: MembershipAddForm) -> HttpResponse:
    memberships = [
        (m, selectors.membership_remove_block_reason(user=request.user, membership=m)) for m in account.visible
    ]
    return render(
        request,
        "accounts/manage_detail.html",
        {
            "account": account,
            "memberships": memberships,
            "add_form": add_form,
            "block_reason": selectors.account_block_reason(user=request.user, account=account),
            "events": selectors.account_history(user=request.user, account=account)[:100],
        },
    )


@login_required
@require_http_methods(["GET"])
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    return _detail_page(request, account, MembershipAddForm(user=request.user))


@login_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A refused membership shows the page again with the form and the message beside its field."""
    account = _account(request, pk)
    form = MembershipAddForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            membership = services.membership_add(
                account=account, unit=form.cleaned_data["unit"], role=form.cleaned_data["role"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except services.AccountRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Đã thêm vai trò “%(role)s” tại %(unit)s.")
                % {"role": membership.get_role_display(), "unit": membership.unit.full_name},
            )
            return redirect("account-detail", pk=account.pk)
    return _detail_page(request, account, form)


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    account = _account(request, pk)
    membership = get_object_or_404(
        selectors.memberships_in_reach(user=request.user).select_related("unit", "user"),
        pk=membership_pk,
        user=account,
    )
    try:
        services.membership_remove(membership=membership, by=request.user)
    except services.AccountRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Đã gỡ vai trò “%(role)s” tại %(unit)s.")
            % {"role": membership.get_role_display(), "unit": membership.unit.full_name},
        )
    return redirect("account-detail", pk=account.pk)


@login_required
@require_POST
def account_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    account = _account(request, pk)
    try:
        services.account_active_set(account=account, active=active, by=request.user)
    except services.AccountRefused as exc:
        messages.error(request, str(exc))
    else:
        text = (
            _("Đã mở khóa tài khoản %(username)s.")
            if active
            else _("Đã khóa tài khoản %(username)s: người này không đăng nhập được nữa.")
        )
        messages.success(request, text % {"username": account.get_username()})
    return redirect("account-detail", pk=account.pk)


@login_required
@require_POST
def account_password_mail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    _send_password_mail(request, account)
    return redirect("account-detail", pk=account.pk)


def _send_password_mail(request: HttpRequest, account: Any) -> None:
    try:
        services.account_password_mail_send(account=account, by=request.user)
    except (services.AccountRefused, services.AccountMailError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Đã gửi e-mail đặt mật khẩu tới %(email)s; đường dẫn trong thư dùng được một lần, trong 3 giờ.")
            % {"email": account.email},
        )
