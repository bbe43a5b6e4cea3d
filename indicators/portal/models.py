"""What the national portal told us: its ids for our units, the raw responses kept as evidence, the figures it
published beside the ones the app computes, and the outcome of each fetch.

Registered through `indicators.models`, so no units migration is needed for the portal's ids.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.models import POINTS, Period, Scorecard


class PortalUnit(models.Model):
    """The portal's id, code and name for one of our units, so later imports match it directly."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="portal_ids"
    )
    portal_id = models.CharField(_("mã định danh trên Cổng"), max_length=64, unique=True)
    portal_code = models.CharField(_("mã trên Cổng"), max_length=40, blank=True)
    portal_name = models.CharField(_("tên trên Cổng"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đơn vị trên Cổng DVCQG")
        verbose_name_plural = _("đơn vị trên Cổng DVCQG")

    def __str__(self) -> str:
        return f"{self.portal_name} ({self.portal_code})"


class PortalResponse(models.Model):
    """One response of the portal exactly as it was received or uploaded: the evidence behind imported figures."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    name = models.CharField(_("tên tệp"), max_length=200)
    endpoint = models.CharField(_("điểm truy vấn"), max_length=60)
    content = models.BinaryField(_("nội dung gốc"))
    period = models.ForeignKey(Period, verbose_name=_("kỳ"), on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("tỉnh"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("nguồn"), max_length=10, default="upload")  # upload, fetch, command
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dữ liệu gốc từ Cổng DVCQG")
        verbose_name_plural = _("dữ liệu gốc từ Cổng DVCQG")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"


class PublishedFigure(models.Model):
    """A score the portal published for a scorecard (a metric, a group or the total), kept beside the computed one.

    `code` is the scheme's indicator or group code, or "TOTAL"; a difference is shown, never silently resolved.
    """

    METRIC, GROUP, TOTAL = "metric", "group", "total"

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("phiếu điểm"), on_delete=models.CASCADE, related_name="published_figures"
    )
    level = models.CharField(_("mức"), max_length=8)
    code = models.CharField(_("mã"), max_length=40)
    portal_code = models.CharField(_("mã trên Cổng"), max_length=60, blank=True)
    points = models.DecimalField(_("điểm công bố"), **POINTS, null=True, blank=True)
    max_points = models.DecimalField(_("điểm tối đa công bố"), **POINTS, null=True, blank=True)
    ratio = models.DecimalField(_("tỷ lệ công bố (%)"), max_digits=9, decimal_places=2, null=True, blank=True)
    quality_status = models.CharField(_("cảnh báo chất lượng dữ liệu"), max_length=60, blank=True)
    quality_message = models.CharField(_("nội dung cảnh báo"), max_length=300, blank=True)
    response = models.ForeignKey(
        PortalResponse, verbose_name=_("dữ liệu gốc"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("điểm Cổng DVCQG công bố")
        verbose_name_plural = _("điểm Cổng DVCQG công bố")
        constraints = [models.UniqueConstraint(fields=["scorecard", "level", "code"], name="published_figure_unique")]

    def __str__(self) -> str:
        return f"{self.scorecard} · {self.code}: {self.points}"


class PortalFetch(models.Model):
    """One run of fetching a province's period from the portal: its progress and outcome, shown on a page."""

    RUNNING, DONE, FAILED = "running", "done", "failed"
    STATUSES = [(RUNNING, _("Đang lấy")), (DONE, _("Hoàn thành")), (FAILED, _("Lỗi"))]

    province = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("tỉnh"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(Period, verbose_name=_("kỳ"), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=8, choices=STATUSES, default=RUNNING)
    requests = models.PositiveIntegerField(_("số yêu cầu đã gửi"), default=0)
    message = models.TextField(_("kết quả"), blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần lấy dữ liệu Cổng DVCQG")
        verbose_name_plural = _("lần lấy dữ liệu Cổng DVCQG")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.province} {self.period.key}: {self.status}"
