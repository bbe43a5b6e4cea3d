"""Serializers of scorecards and their entries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.models import SCORECARD_DERIVED_FIELDS, Entry, GroupScore, Scheme, Scorecard
from indicators.schemes import scheme_spec_load
from indicators.scoring import SchemeSpec
from indicators.values import MAX_CAUSE, MAX_VERSION, EntryKey, EntryTextError, EntryValue, entry_parse
from units.api.serializers import UnitSerializer

_NUMBER = {"max_digits": 16, "decimal_places": None, "required": False, "allow_null": True, "default": None}


class EntrySerializer(serializers.Serializer):
    """One value: `points`, or `numerator` and `denominator`, or `not_applicable`, for an indicator or group code."""

    code = serializers.CharField(max_length=20)
    points = serializers.DecimalField(**_NUMBER)
    numerator = serializers.DecimalField(**_NUMBER)
    denominator = serializers.DecimalField(**_NUMBER)
    not_applicable = serializers.BooleanField(required=False, default=False)


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string", "maxLength": 40, "example": "1.222"}],
        "nullable": True,
        "description": "Số như ứng dụng hiển thị hoặc JSON: 12,5; 12.5; 1.222; 0.",
    }
)
class EnteredNumberField(serializers.Field):
    """A number as sent (JSON number or text such as "1.222" or "45,5"), kept as sent: `indicators.values` parses
    it with the same rule as the form and the importer once the indicator, and so its bounds, is known."""

    default_error_messages = {"invalid": "Giá trị phải là một số hoặc chuỗi số (ví dụ 12,5), không phải %(kind)s."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, allow_null=True, default=None, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            self.fail("invalid", kind=type(data).__name__)
        return data

    def to_representation(self, value: Any) -> Any:
        return value


class EntryInputSerializer(serializers.Serializer):
    """One value to store, addressed by indicator or group code; numbers as the app shows them are accepted."""

    code = serializers.CharField(max_length=20)
    points = EnteredNumberField()
    numerator = EnteredNumberField()
    denominator = EnteredNumberField()
    not_applicable = serializers.BooleanField(required=False, default=False)


class GroupScoreSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.code", read_only=True)

    class Meta:
        model = GroupScore
        fields = ["group", "points", "applicable_max", "below_target"]


class ScorecardSerializer(serializers.ModelSerializer):
    """A scorecard and its derived figures (written only by the recompute)."""

    unit = UnitSerializer(read_only=True)
    period = serializers.SlugRelatedField(slug_field="key", read_only=True)
    scheme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    classification = serializers.CharField(source="classification.label", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Scorecard
        fields = [
            "id",
            "unit",
            "period",
            "scheme",
            "status",
            "version",
            "published_total",
            "published_classification",
            *(name for name in SCORECARD_DERIVED_FIELDS if name != "previous_classification"),
            "updated_at",
        ]
        read_only_fields = fields


class ScorecardDetailSerializer(ScorecardSerializer):
    """A scorecard with what was entered (by code), its group scores and the causes written per group."""

    entries = serializers.SerializerMethodField()
    group_scores = GroupScoreSerializer(many=True, read_only=True)
    causes = serializers.SerializerMethodField()

    class Meta(ScorecardSerializer.Meta):
        fields = [*ScorecardSerializer.Meta.fields, "entries", "group_scores", "causes"]
        read_only_fields = fields

    @extend_schema_field(EntrySerializer(many=True))
    def get_entries(self, card: Scorecard) -> list[dict[str, Any]]:
        rows = Entry.objects.filter(scorecard=card).select_related("indicator", "group")
        data = [
            {
                "code": (e.indicator or e.group).code,
                "points": e.points,
                "numerator": e.numerator,
                "denominator": e.denominator,
                "not_applicable": e.not_applicable,
            }
            for e in rows
        ]
        return EntrySerializer(sorted(data, key=lambda d: d["code"]), many=True).data

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_causes(self, card: Scorecard) -> dict[str, str]:
        return {note.group.code: note.cause for note in card.group_notes.select_related("group") if note.cause}


class ScorecardWriteSerializer(serializers.Serializer):
    """What a client sends to change a scorecard: the version it read, the entries, and causes by group code."""

    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_VERSION,
        error_messages={
            code: _("Phiên bản “version” phải là số nguyên từ 1 đến %(max)d, là số đọc được từ phiếu điểm.")
            % {"max": MAX_VERSION}
            for code in ("invalid", "min_value", "max_value", "max_string_length")
        },
    )
    entries = EntryInputSerializer(many=True, required=False)
    causes = serializers.DictField(child=serializers.CharField(allow_blank=True, max_length=MAX_CAUSE), required=False)

    spec: SchemeSpec | None = None  # the scheme as loaded by `values_for`, passed on to `scorecard_save`

    def codes_by_key(self, scheme: Scheme) -> dict[EntryKey, str]:
        return (self.spec or scheme_spec_load(scheme)).code_by_key

    def values_for(self, scheme: Scheme) -> tuple[dict[EntryKey, EntryValue], dict[int, str]]:
        """The entries (parsed by the one rule) and causes keyed for `scorecard_save`; unknown codes and text
        that is not a number are a 400 naming them."""
        spec = self.spec = scheme_spec_load(scheme)
        keys = spec.key_by_code
        values: dict[EntryKey, EntryValue] = {}
        causes: dict[int, str] = {}
        unknown: list[str] = []
        unreadable: dict[str, str] = {}
        for item in self.validated_data.get("entries", []):
            key = keys.get(item["code"].strip().upper())
            if key is None:
                unknown.append(item["code"])
                continue
            try:
                value = entry_parse(
                    spec.target_of(key),
                    points=item["points"],
                    numerator=item["numerator"],
                    denominator=item["denominator"],
                    not_applicable=item["not_applicable"],
                )
            except EntryTextError as exc:
                unreadable[spec.code_by_key[key]] = str(exc)
                continue
            if value is not None:
                values[key] = value
        if unreadable:
            message = _("Có %(count)d giá trị không đọc được; chưa lưu gì.") % {"count": len(unreadable)}
            raise serializers.ValidationError({"detail": message, "entries": unreadable})
        for code, cause in self.validated_data.get("causes", {}).items():
            key = keys.get(code.strip().upper())
            if key is None or key[1] is None:
                unknown.append(code)
                continue
            causes[key[1]] = cause
        if unknown:
            raise serializers.ValidationError(
                {
                    "entries": [
                        _("Bộ chỉ số %(scheme)s không có chỉ số hoặc nhóm mã: %(codes)s.")
                        % {"scheme": scheme.code, "codes": ", ".join(unknown)}
                    ]
                }
            )
        return values, causes


class ScorecardCreateSerializer(ScorecardWriteSerializer):
    """A new scorecard for a unit the user enters scores for, in an existing period; entries optional."""

    version = None  # type: ignore[assignment]
    unit = serializers.IntegerField(min_value=1, max_value=2**62)
    period = serializers.CharField(max_length=10)
    scheme = serializers.CharField(max_length=40)


class ScorecardActionSerializer(serializers.Serializer):
    """A workflow step (submit, approve, return, reopen): the version read, and the comment or reason it needs."""

    version = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
