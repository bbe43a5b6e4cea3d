"""The scorecard entry form: one row per indicator (points, or numerator and denominator), a cause per group.

The form only turns typed text into `EntryValue`s and attaches messages to fields; what is allowed is decided by
`indicators.entry.services.values_check` (the importer's validator), and points come from the scoring engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.constants import PointsMethod
from indicators.entry.services import values_check
from indicators.formatting import entry_display, number_vi
from indicators.models import Scorecard
from indicators.scoring import GroupResult, IndicatorResult, SchemeSpec, round_points
from indicators.values import EntryKey, EntryValue, parse_number

NA_TEXTS = {"-", "–", "—", "x", "X"}


@dataclass
class IndicatorRow:
    """One indicator's inputs, last period's value and, once scored, its rate and points."""

    indicator: Any
    key: EntryKey
    prefix: str
    takes_rate: bool
    allows_na: bool
    applies: bool = True
    previous: str = ""
    error: str = ""
    result: IndicatorResult | None = None
    saved_by_other: str | None = None  # shown after a refused stale save when the stored value differs
    fields: dict[str, forms.BoundField] = field(default_factory=dict)

    @property
    def rate_text(self) -> str:
        """The rate the entered numerator and denominator give, in percent: "66,67"."""
        if self.result is None or self.result.rate is None:
            return ""
        return number_vi(round_points(self.result.rate))

    @property
    def points_text(self) -> str:
        """The points that follow, rounded for display only (sums use the unrounded value)."""
        if self.result is None:
            return ""
        if self.result.missing:
            return "–"
        return number_vi(round_points(self.result.points))

    @property
    def not_applicable(self) -> bool:
        return self.result is not None and not self.result.applicable


@dataclass
class GroupBlock:
    """A group with its rows (or a single group-level points field) and its cause."""

    group: Any
    by_group: bool
    rows: list[IndicatorRow]
    cause: forms.BoundField | None = None
    previous_points: str = ""
    result: GroupResult | None = None


def _number_field(label: str, disabled: bool, prefix: str) -> forms.CharField:
    """A text input (not type=number) so both "12,5" and "12.5" can be typed whatever the browser's locale."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=30,
        disabled=disabled,
        widget=forms.TextInput(
            attrs={
                "inputmode": "decimal",
                "autocomplete": "off",
                "size": 7,
                "aria-label": label,
                "aria-describedby": f"err-{prefix}",
            }
        ),
    )


class ScorecardEntryForm(forms.Form):
    """Fields are named i<indicator id>_points/_num/_den/_na, g<group id>_points and cause_<group id>."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        scorecard: Scorecard,
        spec: SchemeSpec,
        stored: dict[EntryKey, EntryValue],
        causes: dict[int, str],
        previous: dict[EntryKey, EntryValue] | None = None,
        previous_points: dict[int, Any] | None = None,
        read_only: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.scorecard = scorecard
        self.spec = spec
        self.read_only = read_only
        self.fields["version"].initial = scorecard.version
        self.valid_values: dict[EntryKey, EntryValue] = {}
        self.blocks: list[GroupBlock] = []
        previous = previous or {}
        previous_points = previous_points or {}
        level = scorecard.unit.level
        for group in spec.groups:
            indicators = list(spec.indicators_by_group.get(group.code, ()))
            group_key: EntryKey = (None, group.pk)  # type: ignore[attr-defined]
            by_group = not indicators or group_key in stored
            rows: list[IndicatorRow] = []
            if by_group:
                rows.append(self._row(group, group_key, f"g{group.pk}", False, False, stored, read_only))  # type: ignore[attr-defined]
                rows[-1].previous = entry_display(previous.get(group_key))
            else:
                for indicator in indicators:
                    key: EntryKey = (indicator.pk, None)  # type: ignore[attr-defined]
                    row = self._row(
                        indicator,
                        key,
                        f"i{indicator.pk}",  # type: ignore[attr-defined]
                        indicator.method != PointsMethod.DIRECT,
                        indicator.allows_not_applicable,  # type: ignore[attr-defined]
                        stored,
                        read_only,
                        applies=indicator.applies_to_level(level),  # type: ignore[attr-defined]
                    )
                    row.previous = entry_display(previous.get(key))
                    rows.append(row)
            cause_name = f"cause_{group.pk}"  # type: ignore[attr-defined]
            self.fields[cause_name] = forms.CharField(
                label=gettext_lazy("Nguyên nhân"),
                required=False,
                max_length=4000,
                disabled=read_only,
                initial=causes.get(group.pk, ""),  # type: ignore[attr-defined]
                widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
            )
            self.blocks.append(
                GroupBlock(
                    group=group,
                    by_group=by_group,
                    rows=rows,
                    previous_points=number_vi(previous_points.get(group.pk)),  # type: ignore[attr-defined]
                )
            )
        for block in self.blocks:
            block.cause = self[f"cause_{block.group.pk}"]
            for row in block.rows:
                row.fields = {
                    name: self[f"{row.prefix}_{name}"]
                    for name in ("points", "num", "den", "na")
                    if f"{row.prefix}_{name}" in self.fields
                }

    def _row(
        self,
        target: Any,
        key: EntryKey,
        prefix: str,
        takes_rate: bool,
        allows_na: bool,
        stored: dict[EntryKey, EntryValue],
        read_only: bool,
        applies: bool = True,
    ) -> IndicatorRow:
        row = IndicatorRow(
            indicator=target, key=key, prefix=prefix, takes_rate=takes_rate, allows_na=allows_na, applies=applies
        )
        if not applies:
            return row
        value = stored.get(key)
        code = target.code
        self.fields[f"{prefix}_points"] = _number_field(_("Điểm %(code)s") % {"code": code}, read_only, prefix)
        if takes_rate:
            self.fields[f"{prefix}_num"] = _number_field(_("Tử số %(code)s") % {"code": code}, read_only, prefix)
            self.fields[f"{prefix}_den"] = _number_field(_("Mẫu số %(code)s") % {"code": code}, read_only, prefix)
        if allows_na:
            self.fields[f"{prefix}_na"] = forms.BooleanField(
                label=_("Không áp dụng"),
                required=False,
                disabled=read_only,
                widget=forms.CheckboxInput(attrs={"aria-label": _("%(code)s không áp dụng") % {"code": code}}),
            )
        if value is not None:
            if value.not_applicable and allows_na:
                self.fields[f"{prefix}_na"].initial = True
            elif value.not_applicable:
                self.fields[f"{prefix}_points"].initial = "-"
            elif value.numerator is not None and takes_rate:
                self.fields[f"{prefix}_num"].initial = number_vi(value.numerator)
                self.fields[f"{prefix}_den"].initial = number_vi(value.denominator)
            else:
                self.fields[f"{prefix}_points"].initial = number_vi(value.points)
        return row

    @property
    def rows(self) -> list[IndicatorRow]:
        return [row for block in self.blocks for row in block.rows]

    def _parse(self, row: IndicatorRow, name: str, label: str) -> Any:
        """The number typed in one input, None if empty; records the error on the field and returns False."""
        text = (self.cleaned_data.get(f"{row.prefix}_{name}") or "").strip()
        if not text:
            return None
        if name == "points" and text in NA_TEXTS:
            return "na"
        try:
            return parse_number(text)
        except ValueError as exc:
            if name != "points" and text.endswith("%"):
                message = _("%(label)s: “%(text)s” là tỷ lệ phần trăm; hãy nhập số hồ sơ (số đếm), không nhập %%.")
            else:
                message = _("%(label)s: “%(text)s” %(reason)s; hãy nhập số, ví dụ 12,5 hoặc 12.5.")
            self._row_error(row, f"{row.prefix}_{name}", message % {"label": label, "text": text, "reason": exc})
            return False

    def _row_error(self, row: IndicatorRow, field_name: str, message: str) -> None:
        row.error = row.error or message
        self.fields[field_name].widget.attrs.update({"aria-invalid": "true", "class": "invalid"})
        self.add_error(field_name, message)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        values: dict[EntryKey, EntryValue] = {}
        where: dict[EntryKey, str] = {}
        for row in self.rows:
            if not row.applies:
                continue
            code = row.indicator.code
            points = self._parse(row, "points", _("Điểm %(code)s") % {"code": code})
            numerator = self._parse(row, "num", _("Tử số %(code)s") % {"code": code}) if row.takes_rate else None
            denominator = self._parse(row, "den", _("Mẫu số %(code)s") % {"code": code}) if row.takes_rate else None
            na_ticked = bool(cleaned.get(f"{row.prefix}_na"))
            if any(v is False for v in (points, numerator, denominator)):  # not `False in`: 0 == False
                continue
            typed = [v for v in (points, numerator, denominator) if v is not None and v != "na"]
            if na_ticked and typed:
                self._row_error(
                    row,
                    f"{row.prefix}_points",
                    _("%(code)s: đã đánh dấu “Không áp dụng” thì để trống điểm, tử số và mẫu số.") % {"code": code},
                )
                continue
            if na_ticked or points == "na":
                values[row.key] = EntryValue(not_applicable=True)
                where[row.key] = f"{row.prefix}_points"
            elif typed:
                values[row.key] = EntryValue(points=points, numerator=numerator, denominator=denominator)
                where[row.key] = self._field_for(row, numerator, denominator)
        problems = values_check(scorecard=self.scorecard, values=values)
        by_key = {row.key: row for row in self.rows}
        for key, message in problems.items():
            values.pop(key)
            self._row_error(by_key[key], where[key], message)
        self.valid_values = values
        return cleaned

    @staticmethod
    def _field_for(row: IndicatorRow, numerator: Any, denominator: Any) -> str:
        """The input a problem with this row's value points at: the denominator when it is the one missing
        or negative, the numerator for other rate problems, else the points."""
        if numerator is None and denominator is None:
            return f"{row.prefix}_points"
        if numerator is not None and (denominator is None or denominator < 0):
            return f"{row.prefix}_den"
        return f"{row.prefix}_num"

    def causes(self) -> dict[int, str]:
        return {block.group.pk: self.cleaned_data.get(f"cause_{block.group.pk}", "") for block in self.blocks}

    def attach_results(self, result: Any) -> None:
        """Put the scoring result (rates, points, group totals) beside the rows."""
        by_code = {g.group.code: g for g in result.groups}
        for block in self.blocks:
            block.result = by_code.get(block.group.code)
            items = {r.indicator.code: r for r in block.result.indicators} if block.result else {}
            for row in block.rows:
                row.result = items.get(row.indicator.code)

    def mark_saved_by_other(self, current: dict[EntryKey, EntryValue]) -> None:
        """After a refused stale save: show beside each row the value someone else stored, where it differs."""
        for row in self.rows:
            if row.applies and self.valid_values.get(row.key) != current.get(row.key):
                row.saved_by_other = entry_display(current.get(row.key)) or _("(trống)")


class CommentForm(forms.Form):
    """The comment a reviewer sends back with a returned scorecard, or the reason for reopening."""

    text = forms.CharField(
        label=gettext_lazy("Ý kiến"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={"required": gettext_lazy("Hãy ghi ý kiến hoặc lý do; nội dung được lưu vào lịch sử.")},
    )
