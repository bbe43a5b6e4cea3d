"""The one filterset for scorecard lists: the league table page, its export and (later) the API share it."""

from __future__ import annotations

import django_filters
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from indicators.constants import PeriodKind
from indicators.models import GroupScore, Scorecard
from units.constants import UnitKind

MAX_ID = 2**63 - 1

SORTABLE = {
    "rank": "rank",
    "unit": "unit__name",
    "total": "converted_total",
    "delta_points": "delta_points",
    "delta_rank": "delta_rank",
    "class": "converted_total",
}


class ScorecardFilterSet(django_filters.FilterSet):
    """Filters by scheme, period (key or kind), class, unit kind and parent; `sort` orders by any column."""

    scheme = django_filters.CharFilter(field_name="scheme__code", label=_("Bộ chỉ số"))
    period = django_filters.CharFilter(field_name="period__key", label=_("Kỳ"))
    period_kind = django_filters.ChoiceFilter(field_name="period__kind", choices=PeriodKind.choices, label=_("Loại kỳ"))
    classification = django_filters.MultipleChoiceFilter(
        field_name="classification__code",
        choices=[
            ("xuat_sac", "Xuất sắc"),
            ("tot", "Tốt"),
            ("kha", "Khá"),
            ("trung_binh", "Trung bình"),
            ("yeu", "Yếu"),
        ],
        label=_("Xếp loại"),
    )
    unit_kind = django_filters.MultipleChoiceFilter(
        field_name="unit__kind", choices=UnitKind.choices, label=_("Loại đơn vị")
    )
    # Bounded like a database key, so a stray huge number is a 400, not a database overflow.
    parent = django_filters.NumberFilter(
        field_name="unit__parent_id", label=_("Đơn vị cấp trên"), min_value=1, max_value=MAX_ID, decimal_places=0
    )
    sort = django_filters.CharFilter(method="sort_by", label=_("Sắp xếp"))

    class Meta:
        model = Scorecard
        fields: list[str] = []

    def sort_by(self, queryset: QuerySet[Scorecard], name: str, value: str) -> QuerySet[Scorecard]:
        """`rank`, `-total`, `unit`, `delta_points`, or `group:CKMB` for a group's points; nulls last."""
        descending = value.startswith("-")
        key = value.lstrip("-")
        if key.startswith("group:"):
            points = GroupScore.objects.filter(scorecard=OuterRef("pk"), group__code=key[6:]).values("points")[:1]
            queryset = queryset.annotate(sort_value=Subquery(points))
            field = F("sort_value")
        elif key in SORTABLE:
            field = F(SORTABLE[key])
        else:
            return queryset
        order = field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
        return queryset.order_by(order, "unit__name")
