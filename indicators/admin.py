"""Admin for schemes (edited as data), periods and scorecards.

Scorecards, their entries and causes are shown read-only: every change to them goes through the entry services
(checked, versioned, recorded in the scorecard's history, recomputed), which the admin would bypass. Each such page
says so and links to the scorecard's entry page.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from import_export.admin import ExportMixin, ImportExportModelAdmin

from indicators.entry.services import WorkflowError, period_entry_close
from indicators.models import (
    SCORECARD_DERIVED_FIELDS,
    ClassificationBand,
    Entry,
    EntryComment,
    GroupNote,
    GroupScore,
    Indicator,
    IndicatorGroup,
    Period,
    RecomputeRequest,
    Scheme,
    Scorecard,
)
from indicators.resources import IndicatorGroupResource, IndicatorResource, SchemeResource, ScorecardResource

admin.site.site_header = "Scorecard 766 – Quản trị"
admin.site.site_title = "Scorecard 766"
admin.site.index_title = "Quản trị dữ liệu"


class GroupInline(admin.TabularInline):
    model = IndicatorGroup
    extra = 0
    fields = ("order", "code", "name", "short_name", "max_points")
    show_change_link = True


class BandInline(admin.TabularInline):
    model = ClassificationBand
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(ImportExportModelAdmin):
    resource_classes = [SchemeResource]
    list_display = ("code", "name", "legal_basis", "valid_from", "not_applicable_policy")
    search_fields = ("code", "name")
    inlines = [GroupInline, BandInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = (
        "order",
        "code",
        "name",
        "max_points",
        "method",
        "target",
        "formula",
        "levels",
        "zero_denominator",
        "allows_not_applicable",
    )


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(ImportExportModelAdmin):
    resource_classes = [IndicatorGroupResource]
    list_display = ("code", "name", "scheme", "max_points", "order")
    list_filter = ("scheme",)
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(ImportExportModelAdmin):
    resource_classes = [IndicatorResource]
    list_display = ("code", "name", "group", "max_points", "method", "target", "zero_denominator")
    list_filter = ("group__scheme", "method")
    search_fields = ("code", "name")


@admin.register(ClassificationBand)
class ClassificationBandAdmin(admin.ModelAdmin):
    list_display = ("label", "scheme", "min_score")
    list_filter = ("scheme",)


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("key", "label", "kind", "start", "end", "previous", "entry_deadline", "entry_closed")
    list_filter = ("kind", "entry_closed")
    search_fields = ("key",)
    readonly_fields = ("previous", "entry_closed")
    actions = ["close_for_entry", "open_for_entry"]

    @admin.action(description="Khóa nhập liệu các kỳ đã quá hạn")
    def close_for_entry(self, request: HttpRequest, queryset: QuerySet[Period]) -> None:
        self._set_closed(request, queryset, closed=True)

    @admin.action(description="Mở lại nhập liệu")
    def open_for_entry(self, request: HttpRequest, queryset: QuerySet[Period]) -> None:
        self._set_closed(request, queryset, closed=False)

    def _set_closed(self, request: HttpRequest, queryset: QuerySet[Period], *, closed: bool) -> None:
        """Through the workflow service, so each change is checked against the deadline and recorded."""
        done = 0
        for period in queryset:
            try:
                period_entry_close(period=period, user=request.user, closed=closed)
                done += 1
            except WorkflowError as exc:
                self.message_user(request, str(exc), messages.WARNING)
        if done:
            self.message_user(request, f"Đã cập nhật {done} kỳ.", messages.SUCCESS)


class ReadOnlyAdminMixin:
    """View only: no add, change or delete, because these rows are written by the services alone."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


WHY_READ_ONLY = (
    "Phiếu điểm, số liệu nhập và nguyên nhân chỉ xem được ở đây. Muốn sửa, dùng {} (hoặc nhập tệp, API): mỗi "
    "thay đổi được kiểm tra, ghi vào lịch sử phiếu điểm và tính lại điểm; phiếu đã duyệt phải được mở lại kèm lý do."
)


class ServiceWrittenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A read-only admin page that says why it is read-only and where the change is made instead."""

    def scorecard_of(self, obj: Any) -> Any:
        return obj.scorecard

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is not None:
            link = format_html(
                '<a href="{}">trang nhập điểm của phiếu</a>',
                reverse("scorecard-entry", args=[self.scorecard_of(obj).pk]),
            )
            self.message_user(request, format_html(WHY_READ_ONLY, link), messages.INFO)
        return super().change_view(request, object_id, form_url, extra_context)


class EntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Entry
    extra = 0
    fields = ("indicator", "group", "points", "numerator", "denominator", "not_applicable")
    readonly_fields = fields


class GroupScoreInline(admin.TabularInline):
    model = GroupScore
    extra = 0
    can_delete = False
    fields = ("group", "points", "applicable_max", "below_target")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Scorecard)
class ScorecardAdmin(ExportMixin, ServiceWrittenAdmin):
    resource_classes = [ScorecardResource]  # export only: entries and figures are written by the services
    list_display = (
        "unit",
        "period",
        "scheme",
        "status",
        "total",
        "converted_total",
        "classification",
        "rank",
        "rank_of",
        "delta_points",
        "published_gap",
    )
    list_filter = ("scheme", "period__kind", "status", "classification__label")
    search_fields = ("unit__name", "unit__code", "period__key")
    list_select_related = ("unit", "period", "scheme", "classification")
    readonly_fields = (*SCORECARD_DERIVED_FIELDS, "version")
    inlines = [EntryInline, GroupScoreInline]

    def scorecard_of(self, obj: Scorecard) -> Scorecard:
        return obj


@admin.register(GroupNote)
class GroupNoteAdmin(ServiceWrittenAdmin):
    """Causes written by officers per group; reports quote them."""

    list_display = ("scorecard", "group", "cause", "updated_at")
    list_filter = ("group__scheme", "group")
    list_select_related = ("scorecard__unit", "scorecard__period", "group")


@admin.register(EntryComment)
class EntryCommentAdmin(admin.ModelAdmin):
    """Notes beside values and reviewers' requests on return; written from the entry form, read-only here."""

    list_display = ("scorecard", "indicator", "group", "note", "review_note", "updated_at")
    list_select_related = ("scorecard__unit", "scorecard__period", "indicator", "group")
    raw_id_fields = ("scorecard", "indicator", "group")
    readonly_fields = ("scorecard", "indicator", "group", "note", "review_note")


@admin.register(Entry)
class EntryAdmin(ServiceWrittenAdmin):
    """Entered values; changed only through the entry page, an import or the API (all audited)."""

    list_display = ("scorecard", "indicator", "group", "points", "numerator", "denominator", "not_applicable")
    list_select_related = ("scorecard__unit", "scorecard__period", "indicator", "group")


@admin.register(GroupScore)
class GroupScoreAdmin(admin.ModelAdmin):
    """Derived by the recompute service: visible for checking, never edited by hand."""

    list_display = ("scorecard", "group", "points", "applicable_max")
    list_filter = ("group__scheme", "group")
    list_select_related = ("scorecard__unit", "scorecard__period", "group")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RecomputeRequest)
class RecomputeRequestAdmin(admin.ModelAdmin):
    """The recompute queue: shows when each period was last recomputed and whether a run is pending."""

    list_display = ("scheme", "period", "pending", "requested_at", "started_at", "finished_at", "runs")
    list_filter = ("pending", "scheme")
    readonly_fields = ("requested_at", "started_at", "finished_at", "runs", "last_error")


# The national portal room registers its own models.
from indicators.portal import admin as portal_admin  # noqa: E402, F401
