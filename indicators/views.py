"""Web pages: the league table of a parent unit's children for a scheme and period."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from indicators.models import Period, Scheme, Scorecard
from indicators.selectors import ranking_list
from units.models import AdministrativeUnit
from units.selectors import unit_ancestors


def league_table(request: HttpRequest) -> HttpResponse:
    """Rankings with drill-down: ?scheme=qd766&period=2024-01&parent=<unit id>."""
    schemes = list(Scheme.objects.order_by("valid_from", "code"))  # the national scheme first
    scheme = next((s for s in schemes if s.code == request.GET.get("scheme")), None) or next(
        (s for s in schemes if s.scorecards.exists()), schemes[0] if schemes else None
    )
    periods = list(Period.objects.filter(scorecards__scheme=scheme).distinct().order_by("kind", "-start"))
    period = next((p for p in periods if p.key == request.GET.get("period")), None)
    if period is None:
        period = next((p for p in periods if p.kind == "month"), periods[0] if periods else None)
    parent = None
    if request.GET.get("parent"):
        parent = get_object_or_404(AdministrativeUnit, pk=request.GET["parent"])
    elif scheme and period:
        first = Scorecard.objects.filter(scheme=scheme, period=period).select_related("unit").order_by("unit__level")
        top = first.first()
        parent = top.unit if top else None
    cards = list(ranking_list(scheme=scheme, period=period, parent=parent)) if parent and period else []
    groups = list(scheme.groups.order_by("order")) if scheme else []
    own = Scorecard.objects.filter(scheme=scheme, period=period, unit=parent).select_related("classification").first()
    return render(
        request,
        "indicators/league_table.html",
        {
            "schemes": schemes,
            "scheme": scheme,
            "periods": periods,
            "period": period,
            "parent": parent,
            "own": own,
            "ancestors": list(unit_ancestors(unit=parent)) if parent else [],
            "groups": groups,
            "cards": cards,
        },
    )
