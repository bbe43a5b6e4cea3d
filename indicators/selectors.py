"""Read access to scorecards and periods; every page, command and export reads through here."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from indicators.models import Period, Scheme, Scorecard
from indicators.scheme_data import NATIONAL_SCHEMES
from units.models import AdministrativeUnit


def scheme_get(*, code: str) -> Scheme:
    """A scheme by code, or a Vietnamese error naming the codes that exist."""
    try:
        return Scheme.objects.get(code=code)
    except Scheme.DoesNotExist:
        known = ", ".join(Scheme.objects.values_list("code", flat=True))
        raise Scheme.DoesNotExist(f"Không có bộ chỉ số “{code}”. Các bộ chỉ số hiện có: {known}.") from None


def scorecard_list(
    *, scheme: Scheme, period: Period, parent: AdministrativeUnit | None = None, children_only: bool = False
) -> QuerySet[Scorecard]:
    """Scorecards of a period, under `parent` (its whole subtree, or only its direct children)."""
    queryset = Scorecard.objects.filter(scheme=scheme, period=period)
    if parent is not None:
        if children_only:
            queryset = queryset.filter(unit__parent=parent)
        else:
            queryset = queryset.filter(unit__path__startswith=parent.path)
    return queryset


def scheme_for_period(*, period: Period) -> Scheme:
    """The national scheme in force on the period's first day (qd766 until 2025, the portal's 2026 rules after).

    Only national versions are candidates, so a provincial variant is never a silent default."""
    scheme = (
        Scheme.objects.filter(code__in=[d["code"] for d in NATIONAL_SCHEMES], valid_from__lte=period.start)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .order_by("-valid_from")
        .first()
    )
    if scheme is None:
        raise Scheme.DoesNotExist(f"Không có bộ chỉ số quốc gia nào có hiệu lực cho {period.label.lower()}.")
    return scheme
