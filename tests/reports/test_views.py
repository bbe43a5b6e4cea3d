"""Report pages are scoped by accounts.selectors; the status fragment polls; the verification page judges any PDF."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import services, signatures
from reports.models import Report, TrustedRoot
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(january, lap_vo, qd766) -> Report:
    return services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_district_staff_drafts_edits_and_issues(client, district_staff, january, lap_vo, qd766):
    login(client, district_staff)
    response = client.post(
        reverse("report-list"),
        {"unit": lap_vo.pk, "body_kind": "ubnd", "scheme": qd766.pk, "period": january.pk, "kind": "monthly"},
    )
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse("report-detail", args=[report.pk])
    page = client.get(response.url).content.decode()
    assert "82,07/100 điểm" in page and "Ban hành" in page
    data = {name: getattr(report, name) or "" for name in services.HEADER_FIELDS}
    data |= {f"section_{k}": v for k, v in report.sections.items()}
    data["section_recommendations"] = "Đề nghị Sở Thông tin và Truyền thông hỗ trợ đồng bộ hồ sơ."
    data["signer_name"] = "Nguyễn Văn Thử"
    data["action"] = "issue"
    client.post(reverse("report-detail", args=[report.pk]), data)
    report.refresh_from_db()
    assert report.number == 1 and report.status == "issued"
    assert report.sections["recommendations"].startswith("Đề nghị Sở Thông tin")
    status = client.get(reverse("report-status", args=[report.pk])).content.decode()
    assert "report-status" in status


def test_status_fragment_polls_while_rendering(client, district_staff, draft):
    login(client, district_staff)
    Report.objects.filter(pk=draft.pk).update(render_state="running", progress=40, progress_note="Đang dàn trang")
    fragment = client.get(reverse("report-status", args=[draft.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "40%" in fragment and "Đang dàn trang" in fragment


def test_a_commune_officer_cannot_see_the_district_report(client, officer, province_staff, draft):
    login(client, officer)
    assert client.get(reverse("report-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("report-download", args=[draft.pk])).status_code == 404
    assert reverse("report-detail", args=[draft.pk]) not in client.get(reverse("report-list")).content.decode()
    client.logout()
    login(client, province_staff)  # above the district: sees it
    assert client.get(reverse("report-detail", args=[draft.pk])).status_code == 200


def test_verification_page_judges_an_uploaded_pdf(
    client, officer, draft, p12, p12_pem, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_issue(report=draft)
    report.refresh_from_db()
    signed = services.report_file_bytes(signatures.report_sign(report=report, pkcs12=p12[0], password=p12[1]))
    TrustedRoot.objects.create(name="Gốc thử nghiệm", pem=p12_pem)
    login(client, officer)
    page = client.post(
        reverse("report-verify"), {"file": SimpleUploadedFile("a.pdf", signed, "application/pdf")}
    ).content.decode()
    assert "Chữ ký hợp lệ" in page and "Nguyễn Văn Thử" in page
    tampered = bytearray(signed)
    tampered[len(signed) // 3] ^= 1
    page = client.post(
        reverse("report-verify"), {"file": SimpleUploadedFile("b.pdf", bytes(tampered), "application/pdf")}
    ).content.decode()
    assert "Chữ ký không hợp lệ" in page


def test_every_reports_model_is_in_the_admin_in_vietnamese(admin_client, draft):
    for model in apps.get_app_config("reports").get_models():
        assert admin.site.is_registered(model), model.__name__
        assert not str(model._meta.verbose_name).isascii()
        info = (model._meta.app_label, model._meta.model_name)
        assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
        assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    assert admin_client.get(reverse("admin:reports_report_change", args=[draft.pk])).status_code == 200


def test_certificate_admin_never_shows_the_password(admin_client, lap_vo, p12):
    data, password = p12
    response = admin_client.post(
        reverse("admin:reports_signingcertificate_add"),
        {
            "issuing_unit": lap_vo.pk,
            "body_kind": "ubnd",
            "label": "Chứng thư UBND huyện",
            "password": password,
            "pkcs12_file": SimpleUploadedFile("lapvo.p12", data),
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from reports.models import SigningCertificate

    certificate = SigningCertificate.objects.get()
    page = admin_client.get(reverse("admin:reports_signingcertificate_change", args=[certificate.pk])).content.decode()
    assert password not in page
