"""In-app notifications and what each user chooses to receive (in the app, by e-mail)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.constants import NotificationKind


class Notification(models.Model):
    """One message to one user; `key` makes a reminder idempotent (sent once per card, period and day)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("loại"), max_length=10, choices=NotificationKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    key = models.CharField(_("khóa chống gửi trùng"), max_length=120, blank=True)
    emailed = models.BooleanField(_("đã gửi e-mail"), default=False)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notification_unique_user_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.title}"


class NotificationSetting(models.Model):
    """A user's choice for one kind; without a row, both channels are on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=10, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("trong ứng dụng"), default=True)
    by_email = models.BooleanField(_("qua e-mail"), default=True)

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_setting_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}"
