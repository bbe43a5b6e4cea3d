"""The upload form of the browser import."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.imports.reading import MAX_FILE_BYTES
from indicators.models import Period, Scheme
from indicators.periods import PeriodKeyError, period_label, period_parse
from indicators.selectors import scheme_in_force

IMPORT_SUFFIXES = (".xlsx", ".csv", ".tsv", ".txt")


PICKER_YEARS = 3  # months, quarters, halves and years offered back from this year
PICKER_WEEKS = 26


def _plain(text: str) -> str:
    """Lower case, single spaces, no leading zeros: "Tháng 01  năm 2024" and "tháng 1 năm 2024" compare equal."""
    return re.sub(r"\b0+(\d)", r"\1", " ".join((text or "").lower().split()))


def period_choices(
    *, today: date | None = None, extra: list[str] | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The picker's options, newest first, grouped by kind; `extra` keys (periods that exist) are added."""

    today = today or timezone.localdate()
    years = range(today.year, today.year - PICKER_YEARS, -1)
    months = [f"{y}-{m:02d}" for y in years for m in range(12, 0, -1) if (y, m) <= (today.year, today.month)]
    monday = today - timedelta(days=today.weekday())
    weeks = []
    for n in range(PICKER_WEEKS):
        iso = (monday - timedelta(weeks=n)).isocalendar()
        weeks.append(f"{iso.year}-W{iso.week:02d}")
    quarters = [f"{y}-Q{q}" for y in years for q in range(4, 0, -1) if (y, 3 * q - 2) <= (today.year, today.month)]
    halves = [f"{y}-H{h}" for y in years for h in (2, 1) if (y, 6 * h - 5) <= (today.year, today.month)]
    groups = {"month": months, "week": weeks, "quarter": quarters, "half": halves, "year": [str(y) for y in years]}
    for key in extra or []:
        kind = "week" if "-W" in key else "quarter" if "-Q" in key else "half" if "-H" in key else "month"
        kind = "year" if key.isdigit() else kind
        if key not in groups[kind]:
            groups[kind].append(key)
    names = {"month": "Tháng", "week": "Tuần", "quarter": "Quý", "half": "6 tháng", "year": "Năm"}
    return [
        (names[kind], [(key, period_label(key)) for key in sorted(keys, reverse=True)]) for kind, keys in groups.items()
    ]


def period_from_text(text: str) -> str:
    """A period key from a key ("2024-12") or from its Vietnamese name ("Tháng 12 năm 2024", "Quý IV năm 2024",
    "Tuần 1 tháng 12 năm 2023"); PeriodKeyError, naming the text as typed, otherwise."""

    text = (text or "").strip()
    try:
        return period_parse(text).key
    except PeriodKeyError:
        pass
    year = re.search(r"(\d{4})\s*$", text)
    if year:
        y = int(year.group(1))
        keys = [f"{y}-{m:02d}" for m in range(1, 13)] + [f"{y}-Q{q}" for q in range(1, 5)]
        keys += [f"{y}-H1", f"{y}-H2", str(y)]
        keys += [(date(y, 1, 4) + timedelta(weeks=w)).strftime("%G-W%V") for w in range(-1, 54)]
        wanted = _plain(text)
        for key in keys:
            if _plain(period_label(key)) == wanted:
                return key
    raise PeriodKeyError(
        _("Không hiểu kỳ “%(text)s”. Hãy chọn kỳ trong danh sách, ví dụ “Tháng 12 năm 2024”.") % {"text": text}
    )


class ScoresUploadForm(forms.Form):
    """Scheme, period and parent of an uploaded table; the parent choices are the units the user may import for."""

    scheme = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Bộ chỉ số"), empty_label=None)
    period = forms.CharField(
        label=gettext_lazy("Kỳ"),
        max_length=40,
        widget=forms.Select,
        help_text=gettext_lazy("Chọn kỳ của bảng điểm: tháng, tuần, quý, 6 tháng hoặc năm."),
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
        existing = list(Period.objects.order_by("-start").values_list("key", flat=True)[:200])
        self.fields["period"].widget.choices = period_choices(extra=existing)
        if not self.is_bound:
            today = timezone.localdate()
            last_month = today.replace(day=1) - timedelta(days=1)
            self.fields["period"].initial = f"{last_month.year}-{last_month.month:02d}"
            # The national scheme in force, not whichever scheme is oldest (the one-stop office's counts are).
            in_force = scheme_in_force(on=last_month)
            self.fields["scheme"].initial = in_force.pk if in_force else None

    def clean_period(self) -> str:
        try:
            return period_from_text(self.cleaned_data["period"])
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
