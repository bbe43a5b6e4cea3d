"""The change log: one row per change, with copies of the values before and after."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.constants import EventKind


class AuditEvent(models.Model):
    """One recorded change. `before` and `after` are the values as a user reads them ("12,9", "45/50",
    "Đã nộp"); links use SET_NULL and `username`/`target` keep copies, so history survives deletions."""

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("tài khoản"), max_length=150, blank=True)
    kind = models.CharField(_("loại thay đổi"), max_length=10, choices=EventKind.choices)
    scorecard = models.ForeignKey(
        "indicators.Scorecard",
        verbose_name=_("phiếu điểm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period = models.ForeignKey(
        "indicators.Period", verbose_name=_("kỳ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    field = models.CharField(_("mục"), max_length=40, blank=True, help_text=_("Mã chỉ số, nhóm hoặc trường."))
    target = models.CharField(_("nội dung"), max_length=300, blank=True)
    before = models.TextField(_("trước"), blank=True)
    after = models.TextField(_("sau"), blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("sự kiện thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["scorecard", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.username or '—'}: {self.field or self.get_kind_display()}"
