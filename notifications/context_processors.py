"""The unread count beside "Thông báo" in the navigation, read only when a page shows it."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from notifications.selectors import notification_unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    return {"nav_unread": SimpleLazyObject(lambda: notification_unread_count(user=getattr(request, "user", None)))}
