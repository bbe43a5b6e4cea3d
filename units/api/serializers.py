"""Administrative units as the API shows them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from units.models import AdministrativeUnit


class UnitSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "name", "full_name", "kind", "level", "parent", "edition", "valid_from", "valid_to"]
        read_only_fields = fields


class UnitBriefSerializer(serializers.ModelSerializer):
    """The columns a league table reads, so a ranking of 700 rows loads nothing more per unit."""

    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "name", "full_name", "kind", "level", "parent"]
        read_only_fields = fields


class UnitTreeSerializer(UnitSerializer):
    """A unit with its children, nested all the way down (built from one query by the view)."""

    children = serializers.SerializerMethodField()

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "children"]
        read_only_fields = fields

    @extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/UnitTree"}})
    def get_children(self, unit: AdministrativeUnit) -> list[dict[str, Any]]:
        kids = self.context["children"].get(unit.pk, [])
        return [UnitTreeSerializer(kid, context=self.context).data for kid in kids]
