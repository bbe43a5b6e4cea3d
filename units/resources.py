"""django-import-export resources for units: the admin's import (with dry run and row errors) and export.

Units are keyed by (edition, code), since a code is unique only within its edition; the parent is named by its
code in the same edition. Saving goes through `AdministrativeUnit.save`, which keeps `level` and `path` true.
"""

from __future__ import annotations

from typing import Any

from import_export import fields, resources, widgets

from scorecard_site.spreadsheets import FormulaSafeResourceMixin
from units.models import AdministrativeUnit


class ParentWidget(widgets.ForeignKeyWidget):
    """The parent by its official code, looked up in the row's own edition."""

    def get_lookup_kwargs(self, value: Any, row: Any, **kwargs: Any) -> dict[str, Any]:
        return {"code": str(value).strip(), "edition": (row or {}).get("edition") or "legacy"}


class AdministrativeUnitResource(FormulaSafeResourceMixin, resources.ModelResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=ParentWidget(AdministrativeUnit, field="code")
    )

    class Meta:
        model = AdministrativeUnit
        import_id_fields = ("edition", "code")
        fields = ("edition", "code", "name", "kind", "parent", "valid_from", "valid_to")
        export_order = fields
        skip_unchanged = True
        report_skipped = False
