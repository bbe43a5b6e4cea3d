"""Choices for schemes, periods and scorecards, kept in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PointsMethod(models.TextChoices):
    """How an indicator's points are obtained from what is entered."""

    DIRECT = "direct", _("Nhập trực tiếp điểm")
    LINEAR_RATE = "rate", _("Theo tỷ lệ: tối đa × tỷ lệ")
    TARGET_RATE = "target", _("Theo tỷ lệ so với chỉ tiêu: min(tối đa, tối đa × tỷ lệ / chỉ tiêu)")
    FORMULA = "formula", _("Theo công thức có tên")
    PUBLISHED = "portal", _("Lấy điểm Cổng DVCQG công bố (không tính lại được từ số liệu công bố)")


class ZeroDenominator(models.TextChoices):
    """What an indicator gives when its denominator is 0 (no dossiers, no PAKN)."""

    ZERO = "zero", _("0 điểm")
    FULL = "full", _("Điểm tối đa")
    NOT_APPLICABLE = "na", _("Không áp dụng")
    # The portal's null: the item counts nothing, yet is neither 0 points shown nor "not applicable" (which the
    # full-points policy would turn into full points).
    NULL = "null", _("Không tính điểm (null, không phải 0)")


class TargetDirection(models.TextChoices):
    """Which side of its target an indicator should be on: most are floors (≥ 98 % on time), some are ceilings
    (≤ 3 % late), and a drafted report says "vượt" or "chưa đạt" accordingly."""

    FLOOR = "min", _("Không thấp hơn chỉ tiêu")
    CEILING = "max", _("Không vượt quá chỉ tiêu")


class NotApplicablePolicy(models.TextChoices):
    """How a scheme treats indicators that do not apply to a unit."""

    FULL_POINTS = "full", _("Tính điểm tối đa")
    EXCLUDE_AND_CONVERT = "convert", _("Loại khỏi thang điểm và quy đổi về 100")


class DraftRanking(models.TextChoices):
    """Whether scorecards not yet submitted take a rank (marked as such) or are left out of the ranking."""

    MARK = "mark", _("Xếp hạng cả phiếu chưa nộp, có đánh dấu")
    EXCLUDE = "exclude", _("Chỉ xếp hạng phiếu đã nộp, đã duyệt")


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Tuần")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half", _("6 tháng")
    YEAR = "year", _("Năm")


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã nộp")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")
