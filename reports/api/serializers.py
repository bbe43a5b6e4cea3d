"""Report serializers: the header fields users see on the page, and where to download the PDF."""

from __future__ import annotations

from rest_framework import serializers

from reports.models import Report


class ReportSerializer(serializers.ModelSerializer):
    """A report's identity and state; `download` is the PDF (signed when signed)."""

    issuing_unit = serializers.CharField(source="issuing_unit.full_name", read_only=True)
    scheme = serializers.CharField(source="scheme.code", read_only=True)
    period = serializers.CharField(source="period.key", read_only=True)
    number = serializers.CharField(source="number_text", read_only=True)
    download = serializers.HyperlinkedIdentityField(view_name="api:report-download", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "issuing_unit",
            "scheme",
            "period",
            "kind",
            "status",
            "number",
            "place",
            "date",
            "subject",
            "sha256",
            "signed_sha256",
            "signed_at",
            "download",
        ]
