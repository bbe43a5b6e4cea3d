"""Admin for reports, signing certificates (password write-only, stored encrypted) and trusted roots."""

from __future__ import annotations

from django.contrib import admin

from reports import signatures
from reports.forms import SigningCertificateForm
from reports.models import Report, SigningCertificate, TrustedRoot


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("number_text", "kind", "issuing_unit", "period", "status", "date")
    list_filter = ("kind", "status", "year", "body_kind")
    search_fields = ("subject", "issuing_unit__name")
    raw_id_fields = ("issuing_unit", "created_by")
    readonly_fields = (
        "sha256",
        "signed_sha256",
        "render_state",
        "progress",
        "number",
        "issued_at",
        "issued_by",
        "signed_at",
        "signed_by",
        "signing_certificate",
        "signing_certificate_subject",
    )

    @admin.display(description="Số, ký hiệu")
    def number_text(self, obj: Report) -> str:
        return obj.number_text


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    form = SigningCertificateForm
    list_display = ("__str__", "issuing_unit", "body_kind", "subject", "not_after", "active")
    raw_id_fields = ("issuing_unit",)
    readonly_fields = ("subject", "not_after")

    def save_model(self, request, obj: SigningCertificate, form, change: bool) -> None:
        content = form.cleaned_data.get("pkcs12_bytes")
        if content is None:
            obj.save()  # images, label, timestamp server: the key and its password are unchanged
            return
        signatures.certificate_save(
            unit=obj.issuing_unit,
            body_kind=obj.body_kind,
            pkcs12=content,
            password=form.cleaned_data.get("password") or "",
            label=obj.label,
            timestamp_url=obj.timestamp_url,
            instance=obj,
        )


@admin.register(TrustedRoot)
class TrustedRootAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
