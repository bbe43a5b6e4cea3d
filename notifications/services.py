"""Telling people: in the app and by e-mail (Django's mail framework; the console backend unless configured),
as each user chose. Callers are the workflow's services (`scorecard_approve`, `scorecard_return`, so the pages,
the bulk approval and the API all notify once), the reports (issued) and a daily Celery beat task (deadline
reminders)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.constants import REMINDER_DAYS, NotificationKind
from notifications.models import Notification, NotificationSetting
from notifications.selectors import notification_choices

logger = logging.getLogger(__name__)


def notify(*, users: Iterable[Any], kind: str, title: str, body: str = "", url: str = "", key: str = "") -> int:
    """Send one notification to each user by the channels they keep on; returns how many were created.

    A `key` already sent to a user is skipped, so a reminder run twice sends nothing twice."""
    created = 0
    for user in {u.pk: u for u in users}.values():
        in_app, by_email = notification_choices(user=user)[kind]
        if not (in_app or by_email):
            continue
        if key and Notification.objects.filter(user=user, key=key).exists():
            continue
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    user=user, kind=kind, title=title, body=body, url=url, key=key, read_at=None
                )
        except IntegrityError:  # the same key sent concurrently
            continue
        if not in_app:
            Notification.objects.filter(pk=note.pk).update(read_at=timezone.now())
        if by_email and user.email:
            link = f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""
            transaction.on_commit(lambda u=user, n=note, link=link: _email(u, n, link))
        created += 1
    return created


def _email(user: Any, note: Notification, link: str) -> None:
    try:
        send_mail(note.title, f"{note.body}\n\n{link}".strip(), None, [user.email])
        Notification.objects.filter(pk=note.pk).update(emailed=True)
    except Exception:  # a mail server down must not undo the workflow step
        logger.exception("e-mail to %s failed", user.pk)


def _unit_people(unit: Any) -> list[Any]:
    """Users with a membership on the unit itself: the people who enter its scorecards."""
    from accounts.models import Membership

    return [m.user for m in Membership.objects.filter(unit=unit).select_related("user") if m.user.is_active]


def scorecard_reviewed_notify(*, scorecard: Any, kind: str, by: Any) -> int:
    """Tell the unit's people that their scorecard was returned (with the reviewer's words) or approved.

    Called inside the workflow's transaction: a refused or rolled-back step leaves no notice, and mail goes only
    once the step commits."""
    url = reverse("scorecard-entry", args=[scorecard.pk])
    if kind == NotificationKind.RETURNED:
        title = _("Phiếu điểm %(period)s bị trả lại") % {"period": scorecard.period.label}
        body = _("%(who)s trả lại phiếu điểm %(unit)s: “%(comment)s”. Hãy sửa và nộp lại.") % {
            "who": by.get_full_name() or by.get_username(),
            "unit": scorecard.unit.full_name,
            "comment": scorecard.status_comment,
        }
    else:
        title = _("Phiếu điểm %(period)s đã được duyệt") % {"period": scorecard.period.label}
        body = _("Phiếu điểm %(unit)s đã được duyệt và khóa.") % {"unit": scorecard.unit.full_name}
    return notify(users=_unit_people(scorecard.unit), kind=kind, title=title, body=body, url=url)


def report_issued_notify(*, report: Any) -> int:
    """Tell the people of the issuing unit and of the units under it (those the report covers) that it was issued."""
    from accounts.models import Membership

    unit = report.issuing_unit
    members = Membership.objects.filter(unit__path__startswith=unit.path, unit__level__lte=unit.level + 1)
    users = [m.user for m in members.select_related("user") if m.user.is_active]
    return notify(
        users=users,
        kind=NotificationKind.REPORT_ISSUED,
        title=_("Đã ban hành báo cáo số %(number)s: %(title)s") % {"number": report.number_text, "title": str(report)},
        url=reverse("report-detail", args=[report.pk]),
        key=f"report-{report.pk}",
    )


def deadline_reminders_send(*, today: date | None = None) -> int:
    """Remind the people of every unit whose scorecard is still open 3 days, 1 day and on the day of its
    period's deadline; idempotent per card and day."""
    from indicators.constants import ScorecardStatus
    from indicators.models import Scorecard

    today = today or timezone.localdate()
    dates = [today + timedelta(days=d) for d in REMINDER_DAYS]
    cards = (
        Scorecard.objects.filter(
            period__entry_deadline__in=dates,
            period__entry_closed=False,
            status__in=(ScorecardStatus.DRAFT, ScorecardStatus.RETURNED),
        )
        .select_related("unit", "period")
        .order_by("pk")
    )
    sent = 0
    for card in cards:
        days = (card.period.entry_deadline - today).days
        when = _("hôm nay là hạn cuối") if days == 0 else _("còn %(days)d ngày") % {"days": days}
        sent += notify(
            users=_unit_people(card.unit),
            kind=NotificationKind.DEADLINE,
            title=_("Nhắc hạn: phiếu điểm %(period)s – %(when)s") % {"period": card.period.label, "when": when},
            body=_("Phiếu điểm %(unit)s chưa nộp; hạn nhập %(deadline)s.")
            % {"unit": card.unit.full_name, "deadline": card.period.entry_deadline.strftime("%d/%m/%Y")},
            url=reverse("scorecard-entry", args=[card.pk]),
            key=f"deadline-{card.pk}-{today.isoformat()}",
        )
    return sent


def notification_choices_set(*, user: Any, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store the user's choice per kind (in the app, by e-mail)."""
    for kind, (in_app, by_email) in choices.items():
        if kind in NotificationKind.values:
            NotificationSetting.objects.update_or_create(
                user=user, kind=kind, defaults={"in_app": in_app, "by_email": by_email}
            )


def notifications_mark_read(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
