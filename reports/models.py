"""Official reports (BÁO CÁO) drawn from scorecards, and the signing certificates of issuing bodies.

A report keeps its own copy of everything printed on it: header fields, the drafted and edited text, and the
data snapshot (`frozen_data`) the tables are drawn from. Issuing fixes the number and the snapshot and stores the
PDF with its SHA-256, so an issued report downloads as the same bytes for ever.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.constants import Authority, BodyKind, RenderState, ReportKind, ReportStatus


class Report(models.Model):
    """One report of an issuing body for a scheme and period, from draft to issued and signed."""

    issuing_unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="reports"
    )
    body_kind = models.CharField(
        _("cơ quan ban hành"), max_length=4, choices=BodyKind.choices, default=BodyKind.COMMITTEE
    )
    scheme = models.ForeignKey(
        "indicators.Scheme", verbose_name=_("bộ chỉ số"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(
        "indicators.Period", verbose_name=_("kỳ"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    status = models.CharField(_("trạng thái"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT)

    # Header (Decree 30/2020, Phụ lục I)
    parent_body_name = models.CharField(
        _("tên cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Mỗi dòng một dòng in; có thể để trống.")
    )
    issuing_body_name = models.CharField(_("tên cơ quan ban hành"), max_length=200)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, help_text=_("Cấp khi ban hành."))
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-UBND")
    place = models.CharField(_("địa danh"), max_length=100)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    subject = models.TextField(_("trích yếu"))
    legal_basis = models.TextField(_("căn cứ"), blank=True, help_text=_("Mỗi căn cứ một dòng."))
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận một dòng."))
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=5, choices=Authority.choices, default=Authority.ON_BEHALF
    )
    signer_authority_body = models.CharField(
        _("tập thể, người đứng đầu"), max_length=100, default="ỦY BAN NHÂN DÂN", blank=True
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, default="CHỦ TỊCH")
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    sections = models.JSONField(_("nội dung các phần"), default=dict, blank=True)

    # Data and output
    frozen_data = models.JSONField(_("số liệu của báo cáo"), default=dict, blank=True, editable=False)
    pdf = models.FileField(_("tệp PDF"), upload_to="reports/%Y/", blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256 của tệp PDF"), max_length=64, blank=True, editable=False)
    signed_pdf = models.FileField(_("tệp PDF đã ký"), upload_to="reports/%Y/", blank=True, editable=False)
    signed_sha256 = models.CharField(_("SHA-256 của tệp đã ký"), max_length=64, blank=True, editable=False)
    signature_box = models.JSONField(_("vị trí ô chữ ký"), null=True, blank=True, editable=False)
    render_state = models.CharField(
        _("tiến trình tạo PDF"), max_length=8, choices=RenderState.choices, default=RenderState.IDLE, editable=False
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, editable=False)
    progress_note = models.CharField(_("đang làm"), max_length=200, blank=True, editable=False)
    render_claimed_until = models.DateTimeField(
        _("đang tạo, hết hạn lúc"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Quá thời điểm này mà chưa xong thì việc tạo tệp bị coi là gián đoạn và được tạo lại."),
    )
    issue_on = models.DateField(
        _("ban hành vào ngày"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Đang ban hành: số được cấp cùng lúc lưu tệp PDF bản ban hành."),
    )
    render_seconds = models.DecimalField(
        _("thời gian tạo (giây)"), max_digits=7, decimal_places=2, null=True, blank=True, editable=False
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True, editable=False)
    issue_note = models.TextField(
        _("ghi chú khi ban hành"),
        blank=True,
        editable=False,
        help_text=_("Ghi lại khi báo cáo được ban hành trên số liệu chưa duyệt hết, và ai đã xác nhận."),
    )
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True, editable=False)
    # Who pressed "Ban hành" and "Ký số", and with which certificate: the signature stands for the Chairman's.
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký số"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    signing_certificate = models.ForeignKey(
        "reports.SigningCertificate",
        verbose_name=_("chứng thư đã dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    signing_certificate_subject = models.CharField(
        _("chủ thể chứng thư đã dùng"), max_length=300, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-year", "-number", "-created_at"]
        constraints = [
            # Never two documents of one body with one number in a year.
            models.UniqueConstraint(
                fields=["issuing_unit", "body_kind", "year", "number"],
                condition=Q(number__isnull=False),
                name="report_number_unique_per_body_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_text} – {self.get_kind_display()} {self.period_id and self.period.label}"

    @property
    def number_text(self) -> str:
        """ "05/BC-UBND" (a leading zero below 10), or "   /BC-UBND" while the number is not yet given."""
        if self.number is None:
            return f"\u2003\u2003/{self.symbol}"
        return f"{self.number:02d}/{self.symbol}"

    @property
    def is_editable(self) -> bool:
        return self.status == ReportStatus.DRAFT


class SigningCertificate(models.Model):
    """A body's PKCS#12 signing certificate; its password is stored encrypted and never shown again."""

    issuing_unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.CASCADE,
        related_name="signing_certificates",
    )
    body_kind = models.CharField(
        _("cơ quan ban hành"), max_length=4, choices=BodyKind.choices, default=BodyKind.COMMITTEE
    )
    label = models.CharField(_("tên gọi"), max_length=200, blank=True)
    pkcs12 = models.BinaryField(_("tệp chứng thư số (PKCS#12)"), editable=False)
    password_encrypted = models.BinaryField(_("mật khẩu (đã mã hóa)"), editable=False)
    subject = models.CharField(_("chủ thể chứng thư"), max_length=300, blank=True, editable=False)
    not_after = models.DateTimeField(_("hết hạn"), null=True, blank=True, editable=False)
    signature_image = models.FileField(_("ảnh chữ ký (PNG nền trong)"), upload_to="signing/", blank=True)
    seal_image = models.FileField(_("ảnh con dấu (PNG nền trong)"), upload_to="signing/", blank=True)
    timestamp_url = models.URLField(
        _("máy chủ dấu thời gian (TSA)"), blank=True, help_text=_("Để trống: chữ ký PAdES B-B; có: PAdES B-T.")
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư ký số")
        verbose_name_plural = _("chứng thư ký số")
        ordering = ["issuing_unit", "-created_at"]

    def __str__(self) -> str:
        return self.label or self.subject or str(self.issuing_unit)


class TrustedRoot(models.Model):
    """A root certificate the verification page trusts (e.g. the Government CA), in PEM."""

    name = models.CharField(_("tên"), max_length=200)
    pem = models.TextField(_("chứng thư gốc (PEM)"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
