"""API endpoints for schemes, periods, scorecards and rankings.

Scoping is `accounts.selectors` (a scorecard outside the user's units is a 404, as on the web); scorecard writes
are `indicators.entry.services.scorecard_save`, so the API refuses exactly what the entry form refuses, with the same
Vietnamese messages: 400 for invalid values or a locked scorecard, 403 for someone who never enters this unit's
scores, 409 when the scorecard changed since the client read `version`.
"""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import viewsets

from indicators.api.serializers import PeriodSerializer, SchemeSerializer
from indicators.models import Indicator, IndicatorGroup, Period, Scheme


class SchemeViewSet(viewsets.ReadOnlyModelViewSet):
    """Indicator schemes with their groups, indicators and classification bands (schemes are data)."""

    queryset = Scheme.objects.prefetch_related(
        Prefetch("groups", queryset=IndicatorGroup.objects.order_by("order")),
        Prefetch("groups__indicators", queryset=Indicator.objects.order_by("order")),
        "bands",
    ).order_by("valid_from", "code")
    serializer_class = SchemeSerializer
    filterset_fields = ["code"]


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    """Reporting periods (`2024-01`, `2023-W49`…), oldest first within each kind."""

    queryset = Period.objects.select_related("previous").order_by("kind", "start")
    serializer_class = PeriodSerializer
    filterset_fields = ["key", "kind"]
