"""Serializers of scorecards and their entries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.models import (
    SCORECARD_DERIVED_FIELDS,
    Entry,
    GroupScore,
    Indicator,
    IndicatorGroup,
    Scheme,
    Scorecard,
)
from indicators.values import EntryKey, EntryValue
from units.api.serializers import UnitSerializer

_NUMBER = {"max_digits": 12, "decimal_places": None, "required": False, "allow_null": True, "default": None}


class EntrySerializer(serializers.Serializer):
    """One value: `points`, or `numerator` and `denominator`, or `not_applicable`, for an indicator or group code."""

    code = serializers.CharField(max_length=20)
    points = serializers.DecimalField(**_NUMBER)
    numerator = serializers.DecimalField(**_NUMBER)
    denominator = serializers.DecimalField(**_NUMBER)
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


def _codes(scheme: Scheme) -> dict[str, EntryKey]:
    """Indicator and group codes of a scheme → the keys `scorecard_save` takes."""
    keys: dict[str, EntryKey] = {
        code.upper(): (None, pk) for pk, code in IndicatorGroup.objects.filter(scheme=scheme).values_list("pk", "code")
    }
    for pk, code in Indicator.objects.filter(group__scheme=scheme).values_list("pk", "code"):
        keys[code.upper()] = (pk, None)
    return keys


class ScorecardWriteSerializer(serializers.Serializer):
    """What a client sends to change a scorecard: the version it read, the entries, and causes by group code."""

    version = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    entries = EntrySerializer(many=True, required=False)
    causes = serializers.DictField(child=serializers.CharField(allow_blank=True, max_length=5000), required=False)

    def codes_by_key(self, scheme: Scheme) -> dict[EntryKey, str]:
        return {key: code for code, key in _codes(scheme).items()}

    def values_for(self, scheme: Scheme) -> tuple[dict[EntryKey, EntryValue], dict[int, str]]:
        """The validated entries and causes keyed for `scorecard_save`; unknown codes are a 400 naming them."""
        keys = _codes(scheme)
        values: dict[EntryKey, EntryValue] = {}
        causes: dict[int, str] = {}
        unknown: list[str] = []
        for item in self.validated_data.get("entries", []):
            key = keys.get(item["code"].strip().upper())
            if key is None:
                unknown.append(item["code"])
                continue
            values[key] = EntryValue(
                points=item["points"],
                numerator=item["numerator"],
                denominator=item["denominator"],
                not_applicable=item["not_applicable"],
            )
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
