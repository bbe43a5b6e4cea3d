"""API for rankings: the league table of a parent's children."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors as access
from indicators.dashboards.api.serializers import RankingQuerySerializer, RankingSerializer
from indicators.dashboards.selectors import LeagueFiltersInvalid, league_table_get
from indicators.models import Period, Scheme
from indicators.selectors import FINAL_STATUSES, completeness_for


class RankingView(APIView):
    """The league table of a parent's children for a scheme and period: the same rows as the web page."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[RankingQuerySerializer], responses=RankingSerializer)
    def get(self, request: Request) -> Response:
        query = RankingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        scheme = Scheme.objects.filter(code=query.validated_data["scheme"]).first()
        if scheme is None:
            raise exceptions.ValidationError({"scheme": [_("Không có bộ chỉ số “%(scheme)s”.") % query.validated_data]})
        period = Period.objects.filter(key=query.validated_data["period"].strip().upper()).first()
        if period is None:
            raise exceptions.ValidationError({"period": [_("Không có kỳ “%(period)s”.") % query.validated_data]})
        parent = access.unit_scope_for_user(user=request.user).filter(pk=query.validated_data["parent"]).first()
        if parent is None:
            raise Http404
        try:
            table = league_table_get(scheme=scheme, period=period, parent=parent, filters=request.query_params)
        except LeagueFiltersInvalid as invalid:
            raise exceptions.ValidationError(invalid.errors) from None
        rows = [
            {
                "scorecard": row.card.pk,
                "unit": row.card.unit,
                "total": row.card.converted_total,
                "classification": row.card.classification.label if row.card.classification else None,
                "rank": row.card.rank,
                "rank_of": row.card.rank_of,
                "cohort": row.cohort_label,
                "delta_points": row.card.delta_points,
                "delta_rank": row.card.delta_rank,
                "groups": [{"code": c.group.code, "points": c.points, "maximum": c.maximum} for c in row.cells],
                "status": row.card.status,
                "final": row.card.status in FINAL_STATUSES,
                "achieved": row.card.total,
                "applicable_max": row.card.applicable_max,
            }
            for row in table.rows
        ]
        data = {
            "scheme": scheme.code,
            "period": period.key,
            "period_label": period.label,
            "parent": parent,
            "completeness": completeness_for(scheme=scheme, period=period, parent=parent).as_dict(),
            "rows": rows,
        }
        return Response(RankingSerializer(data).data)
