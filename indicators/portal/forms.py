"""Forms of the portal pages: uploading saved responses, choosing a province and period to reconcile."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import Scheme
from indicators.periods import PeriodKeyError, period_parse
from indicators.portal.parsing import MAX_FILE_BYTES

SUFFIXES = (".json", ".zip", ".txt")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once: the portal's answers come one endpoint and one page per file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        return [single(item, initial) for item in files if item] or [single(None, initial)]


def _period_key(value: str) -> str:
    try:
        return period_parse(value).key
    except PeriodKeyError as exc:
        raise forms.ValidationError(str(exc)) from None


class PortalUploadForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("Kỳ"), max_length=10, help_text=gettext_lazy("Ví dụ 2026-10 (tháng), 2026-Q3 (quý), 2026.")
    )
    province = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Tỉnh"), empty_label=None)
    files = MultipleFileField(
        label=gettext_lazy("Các tệp đã lưu từ Cổng"),
        help_text=gettext_lazy("Câu trả lời JSON của Cổng DVCQG (mỗi điểm truy vấn, mỗi trang một tệp) hoặc tệp .zip."),
    )

    def __init__(self, *args: Any, provinces: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces.order_by("name")

    def clean_period(self) -> str:
        return _period_key(self.cleaned_data["period"])

    def clean_files(self) -> list[Any]:
        uploads = self.cleaned_data["files"]
        for upload in uploads:
            name = upload.name or ""
            if not name.lower().endswith(SUFFIXES):
                raise forms.ValidationError(
                    _("Tệp “%(name)s” không phải .json hoặc .zip đã lưu từ Cổng.") % {"name": name}
                )
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    _("Tệp “%(name)s” nặng hơn %(limit)d MB.") % {"name": name, "limit": MAX_FILE_BYTES // 1048576}
                )
        return uploads


class ReconcileForm(forms.Form):
    province = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Tỉnh"), empty_label=None)
    period = forms.CharField(label=gettext_lazy("Kỳ"), max_length=10)
    scheme = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Bộ chỉ số"), required=False, empty_label=gettext_lazy("Theo kỳ (mặc định)")
    )

    def __init__(self, *args: Any, provinces: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces.order_by("name")
        self.fields["scheme"].queryset = Scheme.objects.order_by("valid_from", "code")

    def clean_period(self) -> str:
        return _period_key(self.cleaned_data["period"])
