"""Reading a user's notifications and choices."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from notifications.constants import NotificationKind
from notifications.models import Notification, NotificationSetting


def notification_list(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def notification_unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_choices(*, user: Any) -> dict[str, tuple[bool, bool]]:
    """{kind: (in_app, by_email)} for every kind, defaults filled in."""
    stored = {s.kind: (s.in_app, s.by_email) for s in NotificationSetting.objects.filter(user=user)}
    return {kind: stored.get(kind, (True, True)) for kind in NotificationKind.values}
