"""What a user can be told about, kept in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    DEADLINE = "deadline", _("Nhắc hạn nhập điểm")
    RETURNED = "returned", _("Phiếu điểm bị trả lại")
    APPROVED = "approved", _("Phiếu điểm được duyệt")
    REPORT_ISSUED = "report", _("Báo cáo được ban hành")


REMINDER_DAYS = (3, 1, 0)  # days before a period's entry deadline on which its open scorecards are reminded
