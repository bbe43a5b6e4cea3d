"""The portal's ids, evidence, published figures and fetches in the admin: read-mostly, for checking sources."""

from __future__ import annotations

from django.contrib import admin

from indicators.portal.models import PortalFetch, PortalResponse, PortalUnit, PublishedFigure


@admin.register(PortalUnit)
class PortalUnitAdmin(admin.ModelAdmin):
    list_display = ("portal_name", "portal_code", "unit", "portal_id")
    search_fields = ("portal_name", "portal_code", "portal_id", "unit__name")
    raw_id_fields = ("unit",)


@admin.register(PortalResponse)
class PortalResponseAdmin(admin.ModelAdmin):
    """The raw bytes are evidence: shown by hash and size, never edited."""

    list_display = ("name", "endpoint", "period", "province", "source", "received_at", "sha256")
    list_filter = ("endpoint", "source")
    exclude = ("content",)
    readonly_fields = ("sha256", "name", "endpoint", "period", "province", "source", "user", "received_at")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PublishedFigure)
class PublishedFigureAdmin(admin.ModelAdmin):
    list_display = ("scorecard", "level", "code", "points", "max_points", "quality_status")
    list_filter = ("level", "code")
    raw_id_fields = ("scorecard", "response")


@admin.register(PortalFetch)
class PortalFetchAdmin(admin.ModelAdmin):
    list_display = ("province", "period", "status", "requests", "started_at", "finished_at")
    list_filter = ("status",)
    readonly_fields = ("province", "period", "status", "requests", "message", "started_at", "finished_at")
