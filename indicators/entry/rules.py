"""What a scorecard's state allows: which statuses may be edited, submitted, approved, returned or reopened.

The workflow's rules live here, beside the services that apply them (`indicators.entry.services`).
`accounts.selectors` answers only who may see and act on which units; these rules add what the scorecard's
status and its period allow now, and say why not in words the user can act on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors as access
from indicators.constants import ScorecardStatus
from indicators.models import Period, Scorecard
from units.selectors import unit_validity_problem

# Statuses the unit may edit and submit; only a submitted scorecard is approved or returned.
EDITABLE_STATUSES = (ScorecardStatus.DRAFT, ScorecardStatus.RETURNED)
REVIEWABLE_STATUSES = (ScorecardStatus.SUBMITTED,)


def reopenable_statuses(period: Period) -> tuple[str, ...]:
    """An approved scorecard may be reopened, and so may a draft stuck in a period closed for entry."""
    if period.entry_closed:
        return (ScorecardStatus.APPROVED, ScorecardStatus.DRAFT)
    return (ScorecardStatus.APPROVED,)


def edit_block_reason(*, user: Any, scorecard: Scorecard) -> str | None:
    """Why the user may not change this scorecard now, in words they can act on; None when they may."""
    if not access.can_view_scorecard(user=user, scorecard=scorecard):
        return _("Bạn không có quyền với phiếu điểm này.")
    if not access.may_enter_for(user=user, unit=scorecard.unit):
        return _("Chỉ cán bộ của %(unit)s nhập điểm phiếu này; bạn chỉ được xem và duyệt.") % {
            "unit": scorecard.unit.full_name
        }
    outside = unit_validity_problem(
        unit=scorecard.unit,
        start=scorecard.period.start,
        end=scorecard.period.end,
        label=scorecard.period.label.lower(),
    )
    if outside:
        return outside
    if scorecard.status == ScorecardStatus.SUBMITTED:
        return _("Phiếu đã nộp, đang chờ cấp trên duyệt; không sửa được cho đến khi được trả lại.")
    if scorecard.status == ScorecardStatus.APPROVED:
        return _("Phiếu đã được duyệt và khóa. Muốn sửa, cấp trên có quyền mở lại phải mở lại (kèm lý do).")
    if (
        scorecard.period.entry_closed
        and scorecard.status != ScorecardStatus.RETURNED
        and not access.has_reopen_right(user=user, scorecard=scorecard)
    ):
        return _("%(period)s đã khóa nhập liệu. Liên hệ cấp trên có quyền mở lại để được nhập tiếp.") % {
            "period": scorecard.period.label
        }
    return None


def can_approve_scorecard(*, user: Any, scorecard: Scorecard) -> bool:
    return scorecard.status in REVIEWABLE_STATUSES and access.can_review_scorecard(user=user, scorecard=scorecard)


def can_reopen_scorecard(*, user: Any, scorecard: Scorecard) -> bool:
    """An approved scorecard, or a draft stuck in a closed period, may be reopened by those with the right."""
    return scorecard.status in reopenable_statuses(scorecard.period) and access.has_reopen_right(
        user=user, scorecard=scorecard
    )


def days_to_deadline(period: Period, *, today: date | None = None) -> int | None:
    """Days left until the period's entry deadline (negative when past), or None without a deadline."""
    if period.entry_deadline is None:
        return None
    today = today or timezone.localdate()
    return (period.entry_deadline - today).days
