"""Versioned schemes: the groups, indicators, maxima, targets, formulas and bands chosen by a period's date.

A scheme is data an administrator can change per version; nothing about Decision 766's numbers is written in code.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.constants import (
    DraftRanking,
    NotApplicablePolicy,
    PointsMethod,
    TargetDirection,
    ZeroDenominator,
)
from indicators.models.fields import POINTS


class Scheme(models.Model):
    """One published version of an indicator set (Decision 766 as the portal scores it, a provincial variant)."""

    code = models.SlugField(_("mã bộ chỉ số"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    not_applicable_policy = models.CharField(
        _("xử lý chỉ số không áp dụng"),
        max_length=8,
        choices=NotApplicablePolicy.choices,
        default=NotApplicablePolicy.FULL_POINTS,
    )
    report_name = models.CharField(
        _("tên bộ chỉ số trong báo cáo"),
        max_length=300,
        blank=True,
        help_text=_("Cách báo cáo gọi bộ chỉ số: “Bộ Chỉ số phục vụ người dân, doanh nghiệp …”."),
    )
    result_source = models.CharField(
        _("nguồn kết quả"),
        max_length=200,
        blank=True,
        help_text=_("Nơi công bố kết quả, như báo cáo ghi: “trên Cổng Dịch vụ công quốc gia”."),
    )
    draft_ranking = models.CharField(
        _("phiếu chưa nộp trong xếp hạng"), max_length=8, choices=DraftRanking.choices, default=DraftRanking.MARK
    )

    class Meta:
        verbose_name = _("bộ chỉ số")
        verbose_name_plural = _("bộ chỉ số")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class IndicatorGroup(models.Model):
    """A group of indicators with its maximum ("Công khai, minh bạch", 18 points)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("bộ chỉ số"), on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("mã nhóm"), max_length=20)
    name = models.CharField(_("tên nhóm"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=80, blank=True)
    aliases = models.JSONField(
        _("tên khác"), default=list, blank=True, help_text=_("Các cách báo cáo thường ghi tên nhóm, dùng khi nhập tệp.")
    )
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS, validators=[MinValueValidator(0)])
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm chỉ số")
        verbose_name_plural = _("nhóm chỉ số")
        ordering = ["scheme", "order"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="group_code_unique_per_scheme")]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Indicator(models.Model):
    """A sub-indicator: its maximum, how its points follow from a rate, and where it applies."""

    group = models.ForeignKey(
        IndicatorGroup, verbose_name=_("nhóm chỉ số"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("mã chỉ số"), max_length=20)
    name = models.CharField(_("tên chỉ số"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS, validators=[MinValueValidator(0)])
    method = models.CharField(_("cách tính điểm"), max_length=8, choices=PointsMethod.choices)
    target = models.DecimalField(
        _("chỉ tiêu (%)"), max_digits=6, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    target_direction = models.CharField(
        _("hướng chỉ tiêu"), max_length=3, choices=TargetDirection.choices, default=TargetDirection.FLOOR
    )
    formula = models.CharField(_("công thức"), max_length=40, blank=True)
    levels = models.JSONField(
        _("áp dụng cho cấp"),
        default=list,
        help_text=_("Danh sách cấp áp dụng (1 = tỉnh, 2 = huyện, 3 = xã); để trống là mọi cấp."),
    )
    zero_denominator = models.CharField(
        _("khi mẫu số bằng 0"), max_length=4, choices=ZeroDenominator.choices, default=ZeroDenominator.ZERO
    )
    allows_not_applicable = models.BooleanField(_("cho phép “không áp dụng”"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ số thành phần")
        verbose_name_plural = _("chỉ số thành phần")
        ordering = ["group__order", "order"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def applies_to_level(self, level: int) -> bool:
        return not self.levels or level in self.levels


class ClassificationBand(models.Model):
    """A class and its lower bound on the converted total ("Tốt" from 80)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("bộ chỉ số"), on_delete=models.CASCADE, related_name="bands")
    code = models.SlugField(_("mã xếp loại"), max_length=20)
    label = models.CharField(_("xếp loại"), max_length=40)
    min_score = models.DecimalField(_("từ điểm"), **POINTS)

    class Meta:
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        ordering = ["scheme", "-min_score"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="band_code_unique_per_scheme")]

    def __str__(self) -> str:
        return f"{self.label} (≥ {self.min_score})"
