"""The filterset of unit lists: the API's unit list uses it (and any web list of units should)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from units.constants import Edition, Level, UnitKind
from units.models import AdministrativeUnit
from units.selectors import unit_valid_on_q


class UnitFilterSet(django_filters.FilterSet):
    """By parent (its direct children), kind, level, edition, official code, a piece of the name, or validity."""

    parent = django_filters.NumberFilter(
        field_name="parent_id", label=_("Đơn vị cấp trên"), min_value=1, max_value=2**63 - 1, decimal_places=0
    )
    kind = django_filters.MultipleChoiceFilter(choices=UnitKind.choices, label=_("Loại đơn vị"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Cấp"))
    edition = django_filters.ChoiceFilter(choices=Edition.choices, label=_("Danh mục"))
    code = django_filters.CharFilter(label=_("Mã đơn vị hành chính"))
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Tên có chứa"))
    valid_on = django_filters.DateFilter(
        method="filter_valid_on", label=_("Có hiệu lực ngày (YYYY-MM-DD), trong danh mục đang áp dụng ngày đó")
    )

    def filter_valid_on(self, queryset, name: str, value):
        """Units existing on a day: the same rule as scorecards and code lookups (`unit_valid_on_q`)."""
        return queryset.filter(unit_valid_on_q(day=value))

    class Meta:
        model = AdministrativeUnit
        fields: list[str] = []
