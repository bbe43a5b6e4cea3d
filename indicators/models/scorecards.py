"""Periods and scorecards: one unit's figures for one period under one scheme.

Derived figures on `Scorecard` are written only by `indicators.services.scorecards_recompute`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.constants import PeriodKind, ScorecardStatus
from indicators.models.fields import POINTS
from indicators.models.schemes import ClassificationBand, Scheme
from indicators.periods import period_label


class Period(models.Model):
    """A reporting period keyed `2023-W49`, `2024-01`, `2024-Q1`, `2024-H1` or `2024`.

    `previous` links to the period of the same kind before it, so comparisons are a join.
    Create periods through `indicators.services.period_get_or_create`, which keeps the links.
    """

    key = models.CharField(_("mã kỳ"), max_length=10, unique=True)
    kind = models.CharField(_("loại kỳ"), max_length=8, choices=PeriodKind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    previous = models.OneToOneField(
        "self", verbose_name=_("kỳ trước"), null=True, blank=True, on_delete=models.SET_NULL, related_name="next"
    )
    entry_deadline = models.DateField(
        _("hạn nhập điểm"), null=True, blank=True, help_text=_("Ngày cuối cùng các đơn vị nhập và nộp phiếu điểm.")
    )
    entry_closed = models.BooleanField(
        _("đã khóa nhập liệu"),
        default=False,
        help_text=_("Khi khóa, cán bộ chỉ sửa được phiếu bị trả lại; người có quyền mở lại vẫn sửa được."),
    )

    class Meta:
        verbose_name = _("kỳ đánh giá")
        verbose_name_plural = _("kỳ đánh giá")
        ordering = ["kind", "start"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return period_label(self.key)


class Scorecard(models.Model):
    """A unit's scores for one period under one scheme, with the figures derived from its entries."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="scorecards"
    )
    period = models.ForeignKey(Period, verbose_name=_("kỳ"), on_delete=models.PROTECT, related_name="scorecards")
    scheme = models.ForeignKey(Scheme, verbose_name=_("bộ chỉ số"), on_delete=models.PROTECT, related_name="scorecards")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT
    )
    published_total = models.DecimalField(
        _("tổng điểm công bố"), **POINTS, null=True, blank=True, help_text=_("Điểm tổng do Cổng DVCQG công bố.")
    )
    published_classification = models.CharField(_("xếp loại công bố"), max_length=40, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    status_comment = models.TextField(
        _("ý kiến khi trả lại, mở lại"), blank=True, help_text=_("Lý do cấp trên trả lại hoặc mở lại phiếu điểm.")
    )

    # Derived: written only by scorecards_recompute.
    computed_total = models.DecimalField(_("tổng điểm tính từ các chỉ số"), **POINTS, null=True, blank=True)
    total = models.DecimalField(_("tổng điểm"), **POINTS, null=True, blank=True)
    applicable_max = models.DecimalField(_("điểm tối đa áp dụng"), **POINTS, null=True, blank=True)
    converted_total = models.DecimalField(_("tổng điểm quy đổi"), **POINTS, null=True, blank=True)
    published_gap = models.DecimalField(
        _("chênh lệch điểm công bố"), **POINTS, null=True, blank=True, help_text=_("Điểm công bố trừ điểm tính được.")
    )
    classification = models.ForeignKey(
        ClassificationBand, verbose_name=_("xếp loại"), null=True, blank=True, on_delete=models.SET_NULL
    )
    rank = models.PositiveIntegerField(_("xếp hạng"), null=True, blank=True)
    rank_of = models.PositiveIntegerField(_("số đơn vị cùng cấp"), null=True, blank=True)
    delta_points = models.DecimalField(_("tăng/giảm điểm"), **POINTS, null=True, blank=True)
    delta_rank = models.IntegerField(_("tăng/giảm bậc"), null=True, blank=True, help_text=_("Dương là tăng bậc."))
    previous_classification = models.ForeignKey(
        ClassificationBand,
        verbose_name=_("xếp loại kỳ trước"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    missing_count = models.PositiveSmallIntegerField(_("số chỉ số chưa nhập"), default=0)
    recomputed_at = models.DateTimeField(_("tính lại lúc"), null=True, blank=True)

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phiếu điểm")
        verbose_name_plural = _("phiếu điểm")
        ordering = ["period", "rank", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "scheme"], name="scorecard_unique_unit_period_scheme")
        ]
        indexes = [models.Index(fields=["scheme", "period", "rank"])]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"


# The figures scoring produces for a scorecard, in the order the recompute writes them.
SCORECARD_SCORE_FIELDS = (
    "computed_total",
    "total",
    "applicable_max",
    "converted_total",
    "published_gap",
    "classification",
    "missing_count",
)
# The figures ranking produces: the place among siblings and the change against the previous period.
SCORECARD_CHANGE_FIELDS = ("rank", "rank_of", "delta_points", "delta_rank", "previous_classification")
# Everything only scorecards_recompute writes: read-only in the admin and the API.
SCORECARD_DERIVED_FIELDS = (*SCORECARD_SCORE_FIELDS, *SCORECARD_CHANGE_FIELDS, "recomputed_at")
