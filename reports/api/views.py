"""Report endpoints: read-only, scoped by reports.selectors (a report outside the user's units is a 404)."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request

from reports import services
from reports.api.serializers import ReportSerializer
from reports.selectors import report_list_for_user


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Reports of the units the user may see; filter by `scheme`, `period`, `kind`, `status`."""

    serializer_class = ReportSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        queryset = report_list_for_user(user=self.request.user).order_by("-year", "-number", "-pk")
        params = self.request.query_params
        for name, lookup in (
            ("scheme", "scheme__code"),
            ("period", "period__key"),
            ("kind", "kind"),
            ("status", "status"),
        ):
            if params.get(name):
                queryset = queryset.filter(**{lookup: params[name]})
        return queryset

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="Tệp PDF của báo cáo")})
    @action(detail=True, methods=["get"], url_path="tai-ve")
    def download(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The PDF (the signed one when signed), checked against its SHA-256 before it is sent."""
        report = self.get_object()
        try:
            content = services.report_file_bytes(report)
        except services.ReportError as exc:
            raise exceptions.NotFound(str(exc)) from None
        response = HttpResponse(content, content_type="application/pdf")
        number = f"{report.number:02d}" if report.number else "du-thao"
        response["Content-Disposition"] = f'attachment; filename="bao-cao-{number}-{report.period.key}.pdf"'
        return response
