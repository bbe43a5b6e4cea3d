"""Forms for reports: creating a draft, editing its header and text, confirming a signature with the password,
uploading a PDF to verify, a certificate. Every text and upload has a bound, so no request can cost minutes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from indicators.constants import PeriodKind
from indicators.models import Period, Scheme
from reports.constants import (
    HEADER_TEXT_MAX_CHARS,
    SECTION_MAX_CHARS,
    SECTION_MAX_LINES,
    BodyKind,
    ReportKind,
)
from reports.kinds import KINDS
from reports.models import Report, SigningCertificate
from reports.services import HEADER_FIELDS
from reports.signing import SigningError, pkcs12_inspect
from scorecard_site.uploads import upload_size_validator

VERIFY_MAX_BYTES = 20 * 1024 * 1024  # a signed report is under a megabyte; scanned attachments can be larger
CERTIFICATE_MAX_BYTES = 1024 * 1024  # a PKCS#12 is a few kilobytes
IMAGE_MAX_BYTES = 2 * 1024 * 1024


def period_choices_grouped(periods) -> list[tuple[str, Any]]:
    """Periods grouped by year (newest first) and kind (months, quarters, halves, years, then weeks), so a month is
    not hunted for among 52 weeks."""
    order = [PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR, PeriodKind.WEEK]
    groups: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for period in periods.order_by("-start"):
        groups.setdefault((-period.start.year, order.index(period.kind)), []).append((period.pk, period.label))
    return [
        ("", "---------"),
        *((f"{PeriodKind(order[kind]).label} – năm {-year}", items) for (year, kind), items in sorted(groups.items())),
    ]


class ReportCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=None)
    body_kind = forms.ChoiceField(label=_("Cơ quan ban hành"), choices=BodyKind.choices, initial=BodyKind.COMMITTEE)
    scheme = forms.ModelChoiceField(label=_("Bộ chỉ số"), queryset=Scheme.objects.all())
    period = forms.ModelChoiceField(label=_("Kỳ"), queryset=Period.objects.filter(scorecards__isnull=False).distinct())
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ReportKind.choices)

    def __init__(self, *args: Any, units=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["period"].choices = period_choices_grouped(self.fields["period"].queryset)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        period, kind = data.get("period"), data.get("kind")
        if period and kind and period.kind not in KINDS[kind].period_kinds:
            self.add_error("period", _("Loại báo cáo này không dùng cho kỳ đã chọn."))
        return data


class ReportEditForm(forms.ModelForm):
    """The header fields and one text area per drafted section, labelled as the kind labels them."""

    class Meta:
        model = Report
        fields = list(HEADER_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "parent_body_name": forms.Textarea(attrs={"rows": 2}),
            "issuing_body_name": forms.Textarea(attrs={"rows": 2}),
            "subject": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = KINDS[self.instance.kind].labels(self.instance.frozen_data)
        for name in ("subject", "legal_basis", "recipients"):
            self.fields[name].max_length = HEADER_TEXT_MAX_CHARS
            self.fields[name].validators.append(MaxLengthValidator(HEADER_TEXT_MAX_CHARS))
        sections = self.instance.sections
        # In the document's order (the kind's labels), not the stored JSON's: PostgreSQL's jsonb reorders keys.
        for key in [*(k for k in labels if k in sections), *(k for k in sections if k not in labels)]:
            self.fields[f"section_{key}"] = forms.CharField(
                label=labels.get(key, key),
                initial=sections[key],
                required=False,
                max_length=SECTION_MAX_CHARS,
                widget=forms.Textarea(attrs={"rows": max(3, min(12, sections[key].count("\n") + 2))}),
                error_messages={
                    "max_length": _("Phần “%(label)s” dài %%(show_value)d ký tự, quá giới hạn %%(limit_value)d ký tự.")
                    % {"label": labels.get(key, key)}
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, value in list(data.items()):
            if name.startswith("section_") and value and value.count("\n") >= SECTION_MAX_LINES:
                self.add_error(
                    name,
                    _("Phần “%(label)s” có %(lines)d dòng, quá giới hạn %(limit)d dòng.")
                    % {"label": self.fields[name].label, "lines": value.count("\n") + 1, "limit": SECTION_MAX_LINES},
                )
        return data

    def sections(self) -> dict[str, str]:
        return {
            name.removeprefix("section_"): v for name, v in self.cleaned_data.items() if name.startswith("section_")
        }

    def header(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in HEADER_FIELDS if name in self.cleaned_data}


class SignConfirmForm(forms.Form):
    """The signer confirms with their own login password; wrong passwords count towards the login lockout."""

    password = forms.CharField(
        label=_("Mật khẩu đăng nhập của bạn (xác nhận ký số)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        user = self.request.user
        confirmed = authenticate(self.request, username=user.get_username(), password=password)
        if confirmed is None or confirmed.pk != user.pk:
            raise forms.ValidationError(_("Mật khẩu không đúng: ký số cần mật khẩu đăng nhập của chính bạn."))
        return password


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF cần kiểm tra"), validators=[upload_size_validator(VERIFY_MAX_BYTES)])


class SigningCertificateForm(forms.ModelForm):
    """Upload a PKCS#12 and its password; the password is checked, encrypted and never shown again."""

    pkcs12_file = forms.FileField(
        label=_("Tệp chứng thư số (.p12, .pfx)"),
        required=False,
        validators=[upload_size_validator(CERTIFICATE_MAX_BYTES)],
    )
    password = forms.CharField(
        label=_("Mật khẩu tệp chứng thư"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Chỉ dùng để mở tệp; được lưu ở dạng mã hóa và không bao giờ hiển thị lại."),
    )

    timestamp_url = forms.URLField(
        label=_("Máy chủ dấu thời gian (TSA)"),
        required=False,
        assume_scheme="https",
        help_text=_("Để trống: chữ ký PAdES B-B; có: PAdES B-T."),
    )

    class Meta:
        model = SigningCertificate
        fields = ["issuing_unit", "body_kind", "label", "signature_image", "seal_image", "timestamp_url", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("signature_image", "seal_image"):
            self.fields[name].validators.append(upload_size_validator(IMAGE_MAX_BYTES))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("pkcs12_file")
        if upload is None and not self.instance.pk:
            self.add_error("pkcs12_file", _("Cần tải lên tệp chứng thư số."))
        if upload is not None:
            content = upload.read()
            try:
                pkcs12_inspect(content, data.get("password") or "")
            except SigningError as exc:
                self.add_error("password", str(exc))
            data["pkcs12_bytes"] = content
        return data
