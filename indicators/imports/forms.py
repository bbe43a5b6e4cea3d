"""The upload form of the browser import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.imports.reading import MAX_FILE_BYTES
from indicators.models import Scheme
from indicators.periods import PeriodKeyError, period_parse

IMPORT_SUFFIXES = (".xlsx", ".csv", ".tsv", ".txt")


class ScoresUploadForm(forms.Form):
    """Scheme, period and parent of an uploaded table; the parent choices are the units the user may import for."""

    scheme = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Bộ chỉ số"), empty_label=None)
    period = forms.CharField(
        label=gettext_lazy("Kỳ"), max_length=10, help_text=gettext_lazy("Ví dụ 2024-01 (tháng), 2023-W49 (tuần).")
    )
    parent = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Đơn vị cấp trên của các dòng"), empty_label=None)
    file = forms.FileField(
        label=gettext_lazy("Tệp bảng điểm"), help_text=gettext_lazy("Tệp .xlsx hoặc .csv, tối đa 5 MB.")
    )

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = Scheme.objects.order_by("valid_from", "code")
        self.fields["parent"].queryset = parents.order_by("level", "name")
        self.fields["parent"].label_from_instance = lambda unit: f"{unit.full_name} ({unit.code})"

    def clean_period(self) -> str:
        try:
            return period_parse(self.cleaned_data["period"]).key
        except PeriodKeyError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if not name.lower().endswith(IMPORT_SUFFIXES):
            raise forms.ValidationError(
                _("Tệp “%(name)s” không phải .xlsx hoặc .csv. Tệp .xls cũ: mở bằng Excel và lưu lại dạng .xlsx.")
                % {"name": name}
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Tệp nặng hơn %(limit)d MB; hãy chỉ để lại bảng điểm của một kỳ.")
                % {"limit": MAX_FILE_BYTES // 1_000_000}
            )
        return upload
