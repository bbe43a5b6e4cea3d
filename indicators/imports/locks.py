"""Whether an import may change a scorecard that is locked (submitted, approved, or in a closed period).

A table from the portal must never silently overwrite what a district has approved: such rows are refused by
default, naming the unit and its state. Only someone allowed to reopen the scorecard, giving a reason, may import
over it; the reason then goes into every change-log event of that row.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accounts import selectors as access
from indicators.constants import ScorecardStatus
from indicators.models import Period, Scorecard

LOCKED_STATUSES = (ScorecardStatus.SUBMITTED, ScorecardStatus.APPROVED)


def scorecard_lock_reason(scorecard: Scorecard, period: Period) -> str | None:
    """Why an import would overwrite something locked ("phiếu điểm “Đã duyệt”"), or None when it is open.

    A returned scorecard is open even in a closed period, as on the entry page: its unit was asked to correct it.
    """
    if scorecard.status in LOCKED_STATUSES:
        return _("phiếu điểm “%(status)s”") % {"status": scorecard.get_status_display()}
    if period.entry_closed and scorecard.status != ScorecardStatus.RETURNED:
        return _("phiếu điểm của %(period)s, kỳ đã khóa nhập liệu") % {"period": period.label.lower()}
    return None


def lock_override_problem(
    *, scorecard: Scorecard, user: Any, reason: str, row_number: int, lock: str, command_line: bool
) -> str | None:
    """The refusal for a changed row of a locked scorecard, or None when `user` may override it with `reason`.

    On the command line without `--by` the person is the server's OS user, who can change anything anyway; with
    `--by` (and in the browser) the named user needs the reopen right on the scorecard's unit.
    """
    unit = scorecard.unit.full_name
    if not reason.strip():
        return _(
            "Dòng %(row)s: %(unit)s có %(lock)s; tệp sẽ thay đổi số liệu đã khóa nên dòng này bị từ chối. Người có "
            "quyền mở lại phải nhập đè kèm lý do (hoặc mở lại phiếu trước)."
        ) % {"row": row_number, "unit": unit, "lock": lock}
    if command_line and user is None:
        return None
    if not access.has_reopen_right(user=user, scorecard=scorecard):
        return _("Dòng %(row)s: %(unit)s có %(lock)s; bạn không có quyền mở lại phiếu này nên không nhập đè được.") % {
            "row": row_number,
            "unit": unit,
            "lock": lock,
        }
    return None


def replaced_details(before: dict[str, str], after: dict[str, str], group_of: dict[str, str]) -> list[str]:
    """Indicator codes whose detailed entries a group total in the file replaces (they vanish, the group appears)."""
    return sorted(code for code in before if code not in after and group_of.get(code) in after)
