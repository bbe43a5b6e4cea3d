"""The collapsing queue of recompute requests: one row per scheme and period (indicators/recompute_queue.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.models.schemes import Scheme
from indicators.models.scorecards import Period


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
