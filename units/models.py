"""Administrative units: the official hierarchy (province, district, commune) in each code edition."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from units.constants import BODY_KINDS, EDITION_VALIDITY, KIND_LEVEL, KIND_PREFIX, Edition, Level, UnitKind


class AdministrativeUnit(models.Model):
    """One official unit (or a district department) in one code edition.

    `path` is a materialised path of primary keys ("/12/345/6789/") kept by the services, so
    descendants and ancestors are one indexed query each, whatever the depth.
    """

    code = models.CharField(_("mã đơn vị hành chính"), max_length=16)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Tên không kèm loại, ví dụ “Bình Thành”."))
    kind = models.CharField(_("loại đơn vị"), max_length=16, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    edition = models.CharField(_("danh mục"), max_length=8, choices=Edition.choices, default=Edition.LEGACY)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    merged_into = models.ManyToManyField(
        "self",
        verbose_name=_("sáp nhập vào"),
        symmetrical=False,
        blank=True,
        related_name="merged_from",
        help_text=_("Các đơn vị mới hình thành từ đơn vị này sau sắp xếp."),
    )
    path = models.CharField(_("đường dẫn"), max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["edition", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="unit_code_unique_per_edition"),
        ]
        indexes = [models.Index(fields=["parent", "kind"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        """Keep `level` and the materialised `path` (of this unit and its subtree) true to `parent`."""
        self.level = KIND_LEVEL[self.kind]
        super().save(*args, **kwargs)
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path != self.path:
            old_path, self.path = self.path, new_path
            AdministrativeUnit.objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                AdministrativeUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
                )

    def clean(self) -> None:
        """Refuse a hierarchy the scorecard cannot rank: bodies sit under their tier, children in their edition."""
        errors: dict[str, str] = {}
        parent = self.parent if self.parent_id else None
        if self.kind == UnitKind.PROVINCIAL_BODY and (parent is None or parent.level != Level.PROVINCE):
            errors["parent"] = _("Sở, ban, ngành phải thuộc một tỉnh hoặc thành phố trực thuộc Trung ương.")
        elif self.kind == UnitKind.DEPARTMENT and (parent is None or parent.level != Level.DISTRICT):
            errors["parent"] = _("Phòng, ban, bộ phận phải thuộc một huyện, thị xã hoặc thành phố thuộc tỉnh.")
        elif parent is not None and parent.edition != self.edition:
            errors["parent"] = _("Đơn vị cấp trên %(parent)s thuộc danh mục khác; hãy chọn đơn vị cùng danh mục.") % {
                "parent": parent.full_name
            }
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            errors["valid_to"] = _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self) -> str:
        """The name as written in official documents: "Xã Bình Thành", "Huyện Lấp Vò"."""
        prefix = KIND_PREFIX.get(self.kind, "")
        return f"{prefix} {self.name}".strip()

    @property
    def is_department(self) -> bool:
        """A body ranked apart from the communes beside it (a district's department, a province's sở, ban, ngành)."""
        return self.kind in BODY_KINDS

    @property
    def validity(self) -> tuple[date | None, date | None]:
        """(first day, last day) the unit exists: its own dates, else its edition's (legacy to 30/6/2025)."""
        edition_from, edition_to = EDITION_VALIDITY.get(self.edition, (None, None))
        return self.valid_from or edition_from, self.valid_to or edition_to

    def is_valid_on(self, day: date) -> bool:
        start, end = self.validity
        return (start is None or start <= day) and (end is None or day <= end)

    @property
    def validity_label(self) -> str:
        """ "từ 01/07/2025", "đến 30/06/2025", "từ 01/07/2025 đến 31/12/2026" or "không giới hạn" for messages."""
        start, end = self.validity
        parts = []
        if start is not None:
            parts.append(_("từ %(day)s") % {"day": start.strftime("%d/%m/%Y")})
        if end is not None:
            parts.append(_("đến %(day)s") % {"day": end.strftime("%d/%m/%Y")})
        return " ".join(parts) if parts else str(_("không giới hạn"))
