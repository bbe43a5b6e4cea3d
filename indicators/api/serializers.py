"""Schemes, periods, scorecards and rankings as the API shows them, and the shape of scorecard writes.

Serializers only translate: entries are addressed by indicator or group code (`CKMB1`, `CKMB`) and become the
`EntryKey → EntryValue` mapping that `indicators.entry.services.scorecard_save` takes; that service decides
what is valid.
"""

from __future__ import annotations

from rest_framework import serializers

from indicators.models import (
    ClassificationBand,
    Indicator,
    IndicatorGroup,
    Period,
    Scheme,
)


class BandSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClassificationBand
        fields = ["code", "label", "min_score"]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "max_points",
            "method",
            "target",
            "formula",
            "levels",
            "zero_denominator",
            "allows_not_applicable",
            "order",
        ]


class GroupSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = IndicatorGroup
        fields = ["id", "code", "name", "short_name", "max_points", "order", "indicators"]


class SchemeSerializer(serializers.ModelSerializer):
    groups = GroupSerializer(many=True, read_only=True)
    bands = BandSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = [
            "id",
            "code",
            "name",
            "legal_basis",
            "valid_from",
            "valid_to",
            "not_applicable_policy",
            "groups",
            "bands",
        ]


class PeriodSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    previous = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)

    class Meta:
        model = Period
        fields = ["id", "key", "label", "kind", "start", "end", "previous", "entry_deadline", "entry_closed"]
