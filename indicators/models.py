"""Versioned indicator schemes, periods and scorecards.

A scheme (its groups, indicators, maxima, targets, formulas and bands) is data that an administrator
can change per version; nothing about Decision 766's numbers is written in code. Derived figures on
`Scorecard` and `GroupScore` are written only by `indicators.services.scorecards_recompute`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.constants import (
    DraftRanking,
    NotApplicablePolicy,
    PeriodKind,
    PointsMethod,
    ScorecardStatus,
    TargetDirection,
    ZeroDenominator,
)
from indicators.periods import period_label

POINTS = {"max_digits": 7, "decimal_places": 2}
COUNT = {"max_digits": 14, "decimal_places": 2}


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


class Entry(models.Model):
    """What was entered for one indicator, or for a whole group when only group points are known.

    Either `points`, or `numerator` and `denominator`, or `not_applicable`.
    """

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("phiếu điểm"), on_delete=models.CASCADE, related_name="entries"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    group = models.ForeignKey(
        IndicatorGroup,
        verbose_name=_("nhóm chỉ số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    points = models.DecimalField(_("điểm"), **POINTS, null=True, blank=True)
    numerator = models.DecimalField(_("tử số"), **COUNT, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), **COUNT, null=True, blank=True)
    not_applicable = models.BooleanField(_("không áp dụng"), default=False)

    class Meta:
        verbose_name = _("số liệu nhập")
        verbose_name_plural = _("số liệu nhập")
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__isnull=False, group__isnull=True)
                | Q(indicator__isnull=True, group__isnull=False),
                name="entry_for_indicator_xor_group",
            ),
            models.UniqueConstraint(fields=["scorecard", "indicator"], name="entry_unique_indicator"),
            models.UniqueConstraint(fields=["scorecard", "group"], name="entry_unique_group"),
        ]

    def __str__(self) -> str:
        target = self.indicator or self.group
        return f"{self.scorecard} · {target}"


class GroupScore(models.Model):
    """A group's derived points on a scorecard; kept as rows so dashboards can aggregate in SQL."""

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("phiếu điểm"), on_delete=models.CASCADE, related_name="group_scores"
    )
    group = models.ForeignKey(IndicatorGroup, verbose_name=_("nhóm chỉ số"), on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField(_("điểm"), **POINTS, null=True, blank=True)
    applicable_max = models.DecimalField(_("điểm tối đa áp dụng"), **POINTS, default=Decimal("0"))
    below_target = models.JSONField(_("chỉ số dưới chỉ tiêu"), default=list)

    class Meta:
        verbose_name = _("điểm nhóm")
        verbose_name_plural = _("điểm nhóm")
        constraints = [models.UniqueConstraint(fields=["scorecard", "group"], name="group_score_unique")]

    def __str__(self) -> str:
        return f"{self.scorecard} · {self.group.code}: {self.points}"


class GroupNote(models.Model):
    """The officer's explanation ("Nguyên nhân") of a group's result on a scorecard, reused by reports.

    Kept apart from `GroupScore`, which the recompute deletes and recreates.
    """

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("phiếu điểm"), on_delete=models.CASCADE, related_name="group_notes"
    )
    group = models.ForeignKey(IndicatorGroup, verbose_name=_("nhóm chỉ số"), on_delete=models.PROTECT, related_name="+")
    cause = models.TextField(_("nguyên nhân"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("nguyên nhân theo nhóm")
        verbose_name_plural = _("nguyên nhân theo nhóm")
        constraints = [models.UniqueConstraint(fields=["scorecard", "group"], name="group_note_unique")]

    def __str__(self) -> str:
        return f"{self.scorecard} · {self.group.code}"


class EntryComment(models.Model):
    """Words beside one value of a scorecard: the officer's note and the reviewer's request on return.
    Kept apart from `Entry`, so a note survives an emptied value."""

    scorecard = models.ForeignKey(Scorecard, verbose_name=_("phiếu điểm"), on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        IndicatorGroup, verbose_name=_("nhóm"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    note = models.TextField(_("ghi chú của đơn vị"), blank=True)
    review_note = models.TextField(_("ý kiến của cấp trên"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("ghi chú số liệu")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "indicator"], name="entry_comment_unique_indicator"),
            models.UniqueConstraint(fields=["scorecard", "group"], name="entry_comment_unique_group"),
        ]

    def __str__(self) -> str:
        return f"{self.scorecard} · {self.indicator or self.group}"


class RecomputeRequest(models.Model):
    """The recompute queue for one scheme and period: many triggers set `pending`, one run clears it.

    A worker claims the row with a conditional update (pending → not pending), so two workers never run the
    same request twice and a burst of submissions collapses into one run. The claim is a lease
    (`claimed_until`): a run killed mid-way leaves it to expire, and the request is then claimable again.
    """

    scheme = models.ForeignKey(Scheme, verbose_name=_("bộ chỉ số"), on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, verbose_name=_("kỳ"), on_delete=models.CASCADE, related_name="+")
    pending = models.BooleanField(_("đang chờ tính lại"), default=False)
    requested_at = models.DateTimeField(_("yêu cầu lúc"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("tính xong lúc"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("đang chạy, hết hạn lúc"), null=True, blank=True)
    runs = models.PositiveIntegerField(_("số lần chạy"), default=0)
    last_error = models.TextField(_("lỗi lần chạy cuối"), blank=True)

    class Meta:
        verbose_name = _("yêu cầu tính lại")
        verbose_name_plural = _("yêu cầu tính lại")
        constraints = [models.UniqueConstraint(fields=["scheme", "period"], name="recompute_request_unique")]

    def __str__(self) -> str:
        return f"{self.scheme.code} {self.period.key}"


# The national portal's ids, evidence and published figures (indicators/portal/); imported here so the app
# registers them without a units migration.
from indicators.portal.models import PortalFetch, PortalResponse, PortalUnit, PublishedFigure  # noqa: E402

__all__ = [
    "ClassificationBand",
    "Entry",
    "EntryComment",
    "GroupNote",
    "GroupScore",
    "Indicator",
    "IndicatorGroup",
    "Period",
    "PortalFetch",
    "PortalResponse",
    "PortalUnit",
    "PublishedFigure",
    "RecomputeRequest",
    "Scheme",
    "Scorecard",
]
