"""What is entered on a scorecard (values, notes per group, comments per value) and the group totals derived from it.

`GroupScore` is written only by `indicators.services.scorecards_recompute`.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.models.fields import COUNT, POINTS
from indicators.models.schemes import Indicator, IndicatorGroup
from indicators.models.scorecards import Scorecard


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
