"""Admin for administrative units: mostly for looking things up and fixing a parent or a merge link by hand."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from units.models import AdministrativeUnit
from units.resources import AdministrativeUnitResource


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ImportExportModelAdmin):
    """Units come from `load_units`; autocomplete keeps the parent and merge pickers usable with 13,000 rows."""

    list_display = ("code", "full_name", "kind", "parent", "edition")
    list_filter = ("edition", "kind", "level")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent", "merged_into")
    readonly_fields = ("level", "path")
    list_per_page = 100
    resource_classes = [AdministrativeUnitResource]

    @admin.display(description=_("tên đầy đủ"), ordering="name")
    def full_name(self, unit: AdministrativeUnit) -> str:
        return unit.full_name
