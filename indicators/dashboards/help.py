"""The help page: what "điểm công bố", "điểm quy đổi" and "KAD" mean and how points follow from a rate, with
each shipped scheme's legal basis and classes read from the scheme data (never written here)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from indicators.formatting import number_vi
from indicators.models import Indicator, Scheme
from indicators.scoring import round_points

LEGAL_DOCUMENTS = "https://vanban.chinhphu.vn/"  # the Government's legal-document system, to look a basis up


def _example(indicator: Indicator | None) -> dict[str, str] | None:
    """A worked example on a real indicator with a target: 45 of 60 dossiers."""
    if indicator is None or not indicator.target:
        return None
    rate = Decimal(45) * 100 / Decimal(60)
    points = min(indicator.max_points, indicator.max_points * rate / indicator.target)
    return {
        "code": indicator.code,
        "name": indicator.name,
        "max": number_vi(indicator.max_points),
        "target": number_vi(indicator.target),
        "rate": number_vi(round_points(rate)),
        "points": number_vi(round_points(points)),
    }


@login_required
def help_view(request: HttpRequest) -> HttpResponse:
    schemes = []
    for scheme in Scheme.objects.prefetch_related("bands").order_by("valid_from", "code"):
        example = Indicator.objects.filter(group__scheme=scheme, target__isnull=False).order_by("group__order").first()
        schemes.append({"scheme": scheme, "bands": scheme.bands.order_by("-min_score"), "example": _example(example)})
    return render(request, "indicators/help.html", {"schemes": schemes, "legal_documents": LEGAL_DOCUMENTS})
