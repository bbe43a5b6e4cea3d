"""The user's notifications and their choice of what to receive."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from notifications.constants import NotificationKind
from notifications.selectors import notification_choices, notification_list
from notifications.services import notification_choices_set, notifications_mark_read

PAGE = 100


@login_required
@require_http_methods(["GET"])
def notification_list_view(request: HttpRequest) -> HttpResponse:
    items = list(notification_list(user=request.user)[:PAGE])
    return render(request, "notifications/list.html", {"items": items})


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(count)d thông báo là đã đọc.") % {"count": count})
    return redirect("notification-list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        notification_choices_set(
            user=request.user,
            choices={
                kind: (request.POST.get(f"{kind}_app") == "1", request.POST.get(f"{kind}_email") == "1")
                for kind in NotificationKind.values
            },
        )
        messages.success(request, _("Đã lưu lựa chọn nhận thông báo."))
        return redirect("notification-settings")
    choices = notification_choices(user=request.user)
    rows = [(kind, label, *choices[kind]) for kind, label in NotificationKind.choices]
    return render(request, "notifications/settings.html", {"rows": rows, "email": request.user.email})
