"""Entering scores in the browser and moving a scorecard through draft → submitted → approved (or returned).

Every write here checks who the user is through `accounts.selectors` and what the scorecard's status allows
through `indicators.entry.rules`, records what changed through `audit.services`, and claims the scorecard with a
conditional UPDATE on `Scorecard.version` or `status`, so two people editing at once can never overwrite each
other: the second one is refused and told who saved first.
Points come only from `indicators.scoring.score_scorecard`, the same path the recompute uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors as access
from audit.constants import EventKind
from audit.models import AuditEvent
from audit.services import audit_event_build, audit_record, audit_record_many
from indicators.constants import ScorecardStatus
from indicators.entry import rules
from indicators.entry.selectors import causes_current, entry_value_of, scorecard_score, scorecard_spec
from indicators.formatting import entry_display
from indicators.models import Entry, GroupNote, Indicator, IndicatorGroup, Period, Scorecard
from indicators.recompute_queue import recompute_request
from indicators.scoring import SchemeSpec
from indicators.services import scorecard_entries_replace
from indicators.values import EntryKey, EntryValue, values_problems
from notifications.constants import NotificationKind
from notifications.services import scorecard_reviewed_notify

# What a write changes on the scorecard row: refreshed alone, so the relations read with it stay cached.
REFRESHED = ("status", "status_comment", "version", "updated_at", "published_total", "published_classification")


class WorkflowError(Exception):
    """A change the scorecard's state does not allow now; the message says what to do instead."""


class EntryInvalid(WorkflowError):
    """Some values cannot be stored; `errors` maps each entry key to its message. Nothing was saved."""

    def __init__(self, errors: dict[EntryKey, str]) -> None:
        super().__init__(_("Có %(count)d ô chưa hợp lệ; chưa lưu gì.") % {"count": len(errors)})
        self.errors = errors


class ScorecardStale(WorkflowError):
    """Someone saved the scorecard after this user opened it; nothing of this user's was written."""

    def __init__(self, scorecard: Scorecard, latest: AuditEvent | None) -> None:
        who = latest.username if latest and latest.username else _("người khác")
        when = timezone.localtime(latest.created_at).strftime("%H:%M %d/%m/%Y") if latest else ""
        message = _(
            "Phiếu điểm đã được %(who)s lưu lúc %(when)s, sau khi bạn mở trang. Thay đổi của bạn CHƯA được lưu "
            "để không ghi đè lên họ. Hãy xem thay đổi của họ trong lịch sử, tải lại phiếu rồi nhập lại."
        ) % {"who": who, "when": when}
        super().__init__(message)
        self.scorecard = scorecard
        self.latest = latest


@dataclass
class SaveResult:
    scorecard: Scorecard
    changed: bool
    events: list[AuditEvent] = field(default_factory=list)


def values_check(
    *, scorecard: Scorecard, values: Mapping[EntryKey, EntryValue], spec: SchemeSpec | None = None
) -> dict[EntryKey, str]:
    """Every problem with `values`, keyed like them: the one validator (`indicators.values`) at the card's level."""
    return dict(
        values_problems(
            spec=spec or scorecard_spec(scorecard),
            values=values,
            level=scorecard.unit.level,
            unit_name=scorecard.unit.full_name,
        )
    )


def _require_edit(*, user: Any, scorecard: Scorecard) -> None:
    """PermissionDenied for someone who never enters this unit's scores; WorkflowError for a locked state."""
    reason = rules.edit_block_reason(user=user, scorecard=scorecard)
    if reason is None:
        return
    if not access.may_enter_for(user=user, unit=scorecard.unit):
        raise PermissionDenied(reason)
    raise WorkflowError(reason)


def _latest_event(scorecard: Scorecard) -> AuditEvent | None:
    return AuditEvent.objects.filter(scorecard=scorecard).order_by("-created_at", "-pk").first()


def _require_version(scorecard: Scorecard, expected_version: int | None) -> None:
    """ScorecardStale before any other check when the caller read an older version (the API sends the one it read),
    so a client is told someone changed the scorecard rather than why the changed state refuses it."""
    if expected_version is not None and scorecard.version != expected_version:
        raise ScorecardStale(scorecard, _latest_event(scorecard))


class _NothingChanged(Exception):
    """Rolls back the version claim when a save changes nothing, so the other editor is not made stale."""


def scorecard_save(
    *,
    scorecard: Scorecard,
    user: Any,
    values: Mapping[EntryKey, EntryValue],
    causes: Mapping[int, str],
    expected_version: int,
    spec: SchemeSpec | None = None,
) -> SaveResult:
    """Store a draft: the entries become exactly `values` (an emptied field deletes its entry) and each group's
    cause is set. Refused whole when any value is invalid (EntryInvalid) or when the scorecard's version is no
    longer `expected_version` (ScorecardStale); every change is recorded with its value before and after.
    `spec` is the scheme the caller already loaded (the form, the API), so it is not read again."""
    _require_edit(user=user, scorecard=scorecard)
    spec = spec or scorecard_spec(scorecard)
    errors = values_check(scorecard=scorecard, values=values, spec=spec)
    if errors:
        raise EntryInvalid(errors)
    indicators, groups = spec.indicators_by_id, spec.groups_by_id
    try:
        with transaction.atomic():
            # The claim: only the holder of the version the user saw may write; a concurrent save waits on the row
            # and then finds the version moved on.
            now = timezone.now()
            claimed = Scorecard.objects.filter(pk=scorecard.pk, version=expected_version).update(
                version=expected_version + 1, updated_at=now
            )
            if not claimed:
                raise ScorecardStale(scorecard, _latest_event(scorecard))
            # The claim is the only write since the user's version.
            scorecard.version, scorecard.updated_at = expected_version + 1, now
            # Read once, under the claim: what the change log calls "before" and what the entries write compares.
            stored = list(Entry.objects.filter(scorecard=scorecard))
            before = {(e.indicator_id, e.group_id): entry_value_of(e) for e in stored}
            events = _entry_events(scorecard, user, before, values, indicators, groups)
            events += _cause_events(scorecard, user, causes, groups)
            if not events:
                raise _NothingChanged
            scorecard_entries_replace(
                scorecard=scorecard,
                values=dict(values),
                covered_group_ids=set(groups),
                indicator_group_ids=spec.indicator_group_ids,
                stored=stored,
                version_claimed=True,
            )
            changed_causes = {e.field for e in events if e.kind == EventKind.CAUSE}  # only what changed is written
            for group_id, cause in causes.items():
                if group_id in groups and groups[group_id].code in changed_causes:
                    GroupNote.objects.update_or_create(
                        scorecard=scorecard, group_id=group_id, defaults={"cause": cause.strip()}
                    )
            # What this version holds, so a submit right after it (same request) does not read it back.
            scorecard._saved_entries = (scorecard.version, dict(values))
            return SaveResult(scorecard=scorecard, changed=True, events=audit_record_many(events=events))
    except _NothingChanged:
        scorecard.refresh_from_db()
        return SaveResult(scorecard=scorecard, changed=False)


def _entry_events(
    scorecard: Scorecard,
    user: Any,
    before: dict[EntryKey, EntryValue],
    after: Mapping[EntryKey, EntryValue],
    indicators: dict[int, Indicator],
    groups: dict[int, IndicatorGroup],
) -> list[AuditEvent]:
    events = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0] or 0, k[1] or 0)):
        old, new = entry_display(before.get(key)), entry_display(after.get(key))
        if before.get(key) == after.get(key):
            continue
        indicator_id, group_id = key
        target: Any = indicators.get(indicator_id) if indicator_id else groups.get(group_id)
        if target is None:
            continue
        events.append(
            audit_event_build(
                kind=EventKind.ENTRY,
                user=user,
                scorecard=scorecard,
                field=target.code,
                target=target.name,
                before=old,
                after=new,
            )
        )
    return events


def _cause_events(
    scorecard: Scorecard, user: Any, causes: Mapping[int, str], groups: dict[int, IndicatorGroup]
) -> list[AuditEvent]:
    stored = causes_current(scorecard=scorecard)
    events = []
    for group_id, cause in causes.items():
        group = groups.get(group_id)
        if group is None or stored.get(group_id, "") == cause.strip():
            continue
        events.append(
            audit_event_build(
                kind=EventKind.CAUSE,
                user=user,
                scorecard=scorecard,
                field=group.code,
                target=_("Nguyên nhân – %(group)s") % {"group": group.name},
                before=stored.get(group_id, ""),
                after=cause.strip(),
            )
        )
    return events


def _transition(
    *,
    scorecard: Scorecard,
    user: Any,
    allowed: tuple[str, ...],
    new_status: str,
    comment: str = "",
    expected_version: int | None = None,
    details: dict[str, Any] | None = None,
) -> Scorecard:
    """Move the status with a conditional UPDATE (status still one of `allowed`), bump the version, record it."""
    before = scorecard.get_status_display()
    queryset = Scorecard.objects.filter(pk=scorecard.pk, status__in=allowed)
    if expected_version is not None:
        queryset = queryset.filter(version=expected_version)
    changed = queryset.update(
        status=new_status, status_comment=comment, version=F("version") + 1, updated_at=timezone.now()
    )
    if not changed:
        scorecard.refresh_from_db()
        if expected_version is not None and scorecard.version != expected_version:
            raise ScorecardStale(scorecard, _latest_event(scorecard))
        raise WorkflowError(
            _("Phiếu điểm đang ở trạng thái “%(status)s”, không thể chuyển sang “%(new)s”. Hãy tải lại trang.")
            % {"status": scorecard.get_status_display(), "new": ScorecardStatus(new_status).label}
        )
    scorecard.refresh_from_db(fields=REFRESHED)
    audit_record(
        kind=EventKind.STATUS,
        user=user,
        scorecard=scorecard,
        field="status",
        target=_("Trạng thái"),
        before=before,
        after=scorecard.get_status_display(),
        reason=comment,
        details=details,
    )
    return scorecard


@transaction.atomic
def scorecard_submit(*, scorecard: Scorecard, user: Any, expected_version: int | None = None) -> Scorecard:
    """Submit a complete draft (or a returned scorecard) for review, then queue the recompute of its period."""
    _require_version(scorecard, expected_version)
    _require_edit(user=user, scorecard=scorecard)
    saved = getattr(scorecard, "_saved_entries", None)
    just_saved = saved[1] if saved and saved[0] == scorecard.version == expected_version else None
    result = scorecard_score(scorecard=scorecard, values=just_saved)
    if result.computed_total is None:
        raise WorkflowError(_("Phiếu điểm chưa có số liệu nào; hãy nhập và lưu trước khi nộp."))
    missing = [r.indicator.code for g in result.groups for r in g.indicators if r.missing]
    if missing:
        raise WorkflowError(
            _("Chưa nộp được: còn %(count)d chỉ số chưa nhập (%(codes)s). Hãy nhập đủ rồi nộp.")
            % {"count": len(missing), "codes": ", ".join(missing)}
        )
    scorecard = _transition(
        scorecard=scorecard,
        user=user,
        allowed=rules.EDITABLE_STATUSES,
        new_status=ScorecardStatus.SUBMITTED,
        expected_version=expected_version,
    )
    recompute_request(scheme=scorecard.scheme, period=scorecard.period)
    return scorecard


def _require_review(*, user: Any, scorecard: Scorecard) -> None:
    if not access.can_review_scorecard(user=user, scorecard=scorecard):
        raise PermissionDenied(_("Chỉ cấp trên của %(unit)s duyệt phiếu này.") % {"unit": scorecard.unit.full_name})


@transaction.atomic
def scorecard_approve(*, scorecard: Scorecard, user: Any, expected_version: int | None = None) -> Scorecard:
    """Approve a submitted scorecard, which locks it, tell its unit's people, and queue the recompute of totals,
    ranks and classes. The notice is sent here, not by the callers, so no path (page, bulk, API) can forget it."""
    _require_review(user=user, scorecard=scorecard)
    _require_version(scorecard, expected_version)
    scorecard = _transition(
        scorecard=scorecard,
        user=user,
        allowed=rules.REVIEWABLE_STATUSES,
        new_status=ScorecardStatus.APPROVED,
        expected_version=expected_version,
    )
    scorecard_reviewed_notify(scorecard=scorecard, kind=NotificationKind.APPROVED, by=user)
    recompute_request(scheme=scorecard.scheme, period=scorecard.period)
    return scorecard


@transaction.atomic
def scorecard_return(
    *, scorecard: Scorecard, user: Any, comment: str, expected_version: int | None = None
) -> Scorecard:
    """Send a submitted scorecard back to its unit with a comment saying what to correct, and tell its people."""
    _require_review(user=user, scorecard=scorecard)
    _require_version(scorecard, expected_version)
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError(_("Hãy ghi ý kiến: đơn vị cần sửa gì trước khi nộp lại."))
    scorecard = _transition(
        scorecard=scorecard,
        user=user,
        allowed=rules.REVIEWABLE_STATUSES,
        new_status=ScorecardStatus.RETURNED,
        comment=comment,
        expected_version=expected_version,
    )
    scorecard_reviewed_notify(scorecard=scorecard, kind=NotificationKind.RETURNED, by=user)
    recompute_request(scheme=scorecard.scheme, period=scorecard.period)  # it may leave a final-only ranking
    return scorecard


@transaction.atomic
def scorecard_reopen(*, scorecard: Scorecard, user: Any, reason: str, expected_version: int | None = None) -> Scorecard:
    """Unlock an approved scorecard (or a draft in a closed period) for correction; needs the right and a reason.

    It becomes "returned", which its unit may edit even in a closed period, and the reason is shown to them.
    """
    if not access.has_reopen_right(user=user, scorecard=scorecard):
        raise PermissionDenied(_("Bạn không có quyền mở lại phiếu điểm này."))
    _require_version(scorecard, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Hãy ghi lý do mở lại; lý do được lưu vào lịch sử phiếu điểm."))
    scorecard = _transition(
        scorecard=scorecard,
        user=user,
        allowed=rules.reopenable_statuses(scorecard.period),
        new_status=ScorecardStatus.RETURNED,
        comment=reason,
        details={"reopen": True},
        expected_version=expected_version,
    )
    recompute_request(scheme=scorecard.scheme, period=scorecard.period)
    return scorecard


@transaction.atomic
def period_entry_close(*, period: Period, user: Any, closed: bool = True, today: date | None = None) -> Period:
    """Close a period for entry after its deadline (or open it again); recorded in the change log."""
    today = today or timezone.localdate()
    if closed and (period.entry_deadline is None or period.entry_deadline >= today):
        raise WorkflowError(_("%(period)s chưa quá hạn nhập điểm nên chưa khóa được.") % {"period": period.label})
    if period.entry_closed == closed:
        return period
    Period.objects.filter(pk=period.pk).update(entry_closed=closed)
    period.entry_closed = closed
    audit_record(
        kind=EventKind.PERIOD,
        user=user,
        period=period,
        field="entry_closed",
        target=_("Khóa nhập liệu %(period)s") % {"period": period.label},
        before=_("Đã khóa") if not closed else _("Đang mở"),
        after=_("Đã khóa") if closed else _("Đang mở"),
    )
    return period
