"""Choices for official reports (kinds, statuses, issuing bodies, signing authority), kept in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    """Which document: each kind is one template under templates/reports/ and one entry in reports.kinds."""

    MONTHLY = "monthly", _("Báo cáo kết quả tháng")
    WEEKLY = "weekly", _("Thông báo xếp loại tuần")
    COMMUNE = "commune", _("Công văn kết quả của xã so với tháng trước")
    PROVINCE = "province", _("Thông báo xếp hạng xã, phường và sở, ban, ngành của tỉnh")
    OPERATIONS = "operations", _("Báo cáo tiếp nhận, trả kết quả TTHC của Bộ phận một cửa")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SIGNED = "signed", _("Đã ký số")


class RenderState(models.TextChoices):
    """Where the PDF generation task is; the report page polls it."""

    IDLE = "idle", _("Chưa tạo")
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã tạo")
    FAILED = "failed", _("Lỗi")


class BodyKind(models.TextChoices):
    """The issuing body: a People's Committee itself, its office, or its one-stop office (BC-UBND, BC-VP, BC-BPMC)."""

    COMMITTEE = "ubnd", _("Ủy ban nhân dân")
    OFFICE = "vp", _("Văn phòng HĐND và UBND")
    ONESTOP = "bpmc", _("Bộ phận tiếp nhận và trả kết quả")


class Authority(models.TextChoices):
    """Decree 30/2020 signing authority prefixes."""

    ON_BEHALF = "TM.", _("TM. (thay mặt tập thể)")
    DEPUTY = "KT.", _("KT. (ký thay người đứng đầu)")
    ACTING = "Q.", _("Q. (quyền)")
    BY_ORDER = "TL.", _("TL. (thừa lệnh)")
    AUTHORISED = "TUQ.", _("TUQ. (thừa ủy quyền)")


# A report is a few pages: a section of a few thousand characters, tens of lines. The bounds leave room for ten
# times that and keep the worst request to a render of seconds (50 000 lines took 54 s and 1 GB).
SECTION_MAX_CHARS = 20_000
SECTION_MAX_LINES = 200
HEADER_TEXT_MAX_CHARS = 5_000  # subject, legal basis, recipients
