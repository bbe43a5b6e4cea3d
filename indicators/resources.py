"""django-import-export resources for schemes (groups, indicators) and, export only, scorecards.

Schemes are data an administrator edits; a spreadsheet round trip (export, edit, import with a dry run) is the
bulk form of that. Scorecards are only exported here: their entries and derived figures are written by the
workflow and recompute services, never by a row import.
"""

from __future__ import annotations

from typing import Any

from import_export import fields, resources, widgets

from indicators.models import Indicator, IndicatorGroup, Scheme, Scorecard
from scorecard_site.spreadsheets import FormulaSafeResourceMixin


class SchemeResource(FormulaSafeResourceMixin, resources.ModelResource):
    class Meta:
        model = Scheme
        import_id_fields = ("code",)
        fields = (
            "code",
            "name",
            "legal_basis",
            "report_name",
            "result_source",
            "draft_ranking",
            "valid_from",
            "valid_to",
            "not_applicable_policy",
        )
        export_order = fields
        skip_unchanged = True


class IndicatorGroupResource(FormulaSafeResourceMixin, resources.ModelResource):
    scheme = fields.Field(attribute="scheme", column_name="scheme", widget=widgets.ForeignKeyWidget(Scheme, "code"))

    class Meta:
        model = IndicatorGroup
        import_id_fields = ("scheme", "code")
        fields = ("scheme", "code", "name", "short_name", "aliases", "max_points", "order")
        export_order = fields
        skip_unchanged = True


class GroupWidget(widgets.ForeignKeyWidget):
    """The group by its code within the row's scheme (group codes repeat across schemes)."""

    def get_lookup_kwargs(self, value: Any, row: Any, **kwargs: Any) -> dict[str, Any]:
        return {"code": str(value).strip(), "scheme__code": (row or {}).get("scheme")}


class IndicatorResource(FormulaSafeResourceMixin, resources.ModelResource):
    scheme = fields.Field(attribute="group__scheme__code", column_name="scheme", readonly=True)
    group = fields.Field(attribute="group", column_name="group", widget=GroupWidget(IndicatorGroup, "code"))

    class Meta:
        model = Indicator
        import_id_fields = ("group", "code")
        fields = (
            "scheme",
            "group",
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
        )
        export_order = fields
        skip_unchanged = True


class ScorecardResource(FormulaSafeResourceMixin, resources.ModelResource):
    """Export only: one row per scorecard with its published and derived figures."""

    unit_code = fields.Field(attribute="unit__code", column_name="unit_code")
    unit = fields.Field(attribute="unit__full_name", column_name="unit")
    period = fields.Field(attribute="period__key", column_name="period")
    scheme = fields.Field(attribute="scheme__code", column_name="scheme")
    classification = fields.Field(attribute="classification__label", column_name="classification")

    class Meta:
        model = Scorecard
        fields = (
            "unit_code",
            "unit",
            "period",
            "scheme",
            "status",
            "published_total",
            "computed_total",
            "total",
            "converted_total",
            "published_gap",
            "classification",
            "rank",
            "rank_of",
            "delta_points",
            "delta_rank",
        )
        export_order = fields

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("unit", "period", "scheme", "classification")
