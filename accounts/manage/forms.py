"""Forms of the account pages: they check what was typed (and name the field in Vietnamese); who may grant what
is the services' rule, whose refusals come back onto the same fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.constants import Role
from accounts.manage.selectors import managed_units_for_user
from units.collation import vietnamese_key
from units.models import AdministrativeUnit

GRANTABLE_ROLES = [(value, label) for value, label in Role.choices if value != Role.ADMINISTRATOR]
ACTIVE_CHOICES = [("", _("Mọi trạng thái")), ("1", _("Đang hoạt động")), ("0", _("Đã khóa"))]


def units_in_tree_order(units: list[AdministrativeUnit]) -> list[AdministrativeUnit]:
    """Each parent before its children, siblings in Vietnamese alphabetical order, bodies after territories."""
    by_pk = {u.pk: u for u in units}

    def key(unit: AdministrativeUnit) -> list[Any]:
        chain = [by_pk.get(int(pk)) for pk in unit.path.strip("/").split("/")]
        return [(u.is_department, vietnamese_key(u.name)) for u in chain if u is not None]

    return sorted(units, key=key)


def unit_field(user: Any, *, required: bool, empty_label: str) -> forms.ModelChoiceField:
    """The units the user manages, indented under their parents; anything else is refused by the queryset."""
    queryset = managed_units_for_user(user=user)
    units = units_in_tree_order(list(queryset.only("pk", "name", "kind", "code", "path")))
    top = min((u.path.count("/") for u in units), default=0)
    field = forms.ModelChoiceField(
        queryset=queryset,
        required=required,
        label=_("Đơn vị"),
        error_messages={
            "required": _("Hãy chọn đơn vị."),
            "invalid_choice": _("Đơn vị đã chọn không thuộc phạm vi bạn quản lý; hãy chọn đơn vị trong danh sách."),
        },
    )
    field.choices = [("", empty_label)] + [
        (u.pk, f"{'— ' * (u.path.count('/') - top)}{u.full_name} ({u.code})") for u in units
    ]
    return field


def role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Vai trò"),
        choices=GRANTABLE_ROLES,
        error_messages={
            "required": _("Hãy chọn vai trò."),
            "invalid_choice": _("Vai trò “%(value)s” không được cấp ở đây; hãy chọn vai trò trong danh sách."),
        },
    )


class AccountCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Chữ, số và @ . + - _ (không dấu cách), ví dụ canbo.binhthanh."),
        error_messages={
            "required": _("Hãy nhập tên đăng nhập."),
            "max_length": _("Tên đăng nhập dài tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
            "invalid": _("Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _ (không có dấu cách)."),
        },
    )
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        error_messages={
            "required": _("Hãy nhập họ và tên."),
            "max_length": _("Họ và tên dài tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
        },
    )
    email = forms.EmailField(
        label=_("Địa chỉ e-mail"),
        max_length=254,
        help_text=_("Thư đặt mật khẩu được gửi tới địa chỉ này."),
        error_messages={
            "required": _("Hãy nhập địa chỉ e-mail: người dùng đặt mật khẩu qua thư gửi tới địa chỉ này."),
            "invalid": _("“%(value)s” không phải địa chỉ e-mail hợp lệ; ví dụ đúng: canbo@binhthanh.gov.vn."),
            "max_length": _("Địa chỉ e-mail dài tối đa %(limit_value)d ký tự."),
        },
    )
    send_mail = forms.BooleanField(label=_("Gửi ngay e-mail đặt mật khẩu"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, required=True, empty_label=str(_("Chọn đơn vị…")))
        self.fields["role"] = role_field()
        self.order_fields(["username", "full_name", "email", "unit", "role", "send_mail"])

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split(" ")) < 2:
            raise ValidationError(_("Hãy nhập đủ họ và tên, ví dụ “Nguyễn Thị Lan”."))
        return name


class MembershipAddForm(forms.Form):
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, required=True, empty_label=str(_("Chọn đơn vị…")))
        self.fields["role"] = role_field()


class AccountFilterForm(forms.Form):
    """The list's filters; an unknown value is ignored rather than refused, as in the other lists."""

    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), choices=ACTIVE_CHOICES, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don_vi"] = unit_field(user, required=False, empty_label=str(_("Mọi đơn vị")))
        self.order_fields(["don_vi", "q", "trang_thai"])

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        active = {"1": True, "0": False}.get(data.get("trang_thai") or "")
        return {"unit": data.get("don_vi"), "query": data.get("q", ""), "active": active}
