"""Kinds of audit events, kept in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    ENTRY = "entry", _("Số liệu chỉ số")
    CAUSE = "cause", _("Nguyên nhân")
    STATUS = "status", _("Trạng thái")
    PUBLISHED_TOTAL = "published", _("Điểm công bố")
    IMPORT = "import", _("Nhập tệp")
    PERIOD = "period", _("Kỳ đánh giá")
    PUBLISHED_CLASS = "pubclass", _("Xếp loại công bố")
    REPORT = "report", _("Báo cáo")
    ACCOUNT = "account", _("Tài khoản, phân quyền")
