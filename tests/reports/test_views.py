"""Report pages are scoped by accounts.selectors; the status fragment polls; the verification page judges any PDF."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

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


def test_district_staff_drafts_edits_and_issues(
    client, district_staff, january, lap_vo, qd766, django_capture_on_commit_callbacks
):
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
    data["action"], data["editor"] = "issue", "1"
    confirm = client.post(reverse("report-detail", args=[report.pk]), data)
    report.refresh_from_db()
    # Issuing is never one click: the edits are saved, the number to be given is shown, nothing is issued yet.
    assert confirm.status_code == 200 and "Ban hành báo cáo?" in confirm.content.decode()
    assert "01/BC-UBND" in confirm.content.decode() and report.status == "draft" and report.number is None
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(
            reverse("report-detail", args=[report.pk]), {"action": "issue", "confirm": "1", "confirm_incomplete": "1"}
        )
    report.refresh_from_db()
    # Until the PDF is stored the report is a draft being issued: no number is shown or consumed.
    assert report.number is None and report.issue_on is not None
    assert "Đang ban hành" in client.get(reverse("report-status", args=[report.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()  # the render task, as the worker runs it after commit
    report.refresh_from_db()
    assert report.number == 1 and report.status == "issued"
    assert "chưa được duyệt hết, có xác nhận của huyen.lapvo" in report.issue_note
    assert report.sections["recommendations"].startswith("Đề nghị Sở Thông tin")
    status = client.get(reverse("report-status", args=[report.pk])).content.decode()
    assert "report-status" in status


def test_status_fragment_polls_while_rendering(client, district_staff, draft):
    login(client, district_staff)
    Report.objects.filter(pk=draft.pk).update(
        render_state="running",
        progress=40,
        progress_note="Đang dàn trang",
        render_claimed_until=timezone.now() + timedelta(minutes=5),
    )
    fragment = client.get(reverse("report-status", args=[draft.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "40%" in fragment and "Đang dàn trang" in fragment


def test_a_killed_render_can_be_started_again_from_the_page(
    client, district_staff, draft, django_capture_on_commit_callbacks
):
    """A worker killed at 35 %: once its time limit has passed the page stops polling and offers a new render."""
    login(client, district_staff)
    Report.objects.filter(pk=draft.pk).update(
        render_state="running",
        progress=35,
        progress_note="Đang dàn trang",
        render_claimed_until=timezone.now() - timedelta(seconds=1),
    )
    fragment = client.get(reverse("report-status", args=[draft.pk])).content.decode()
    assert "hx-trigger" not in fragment and "bị gián đoạn" in fragment
    page = client.get(reverse("report-detail", args=[draft.pk])).content.decode()
    assert 'value="render"' in page
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_generate_request(report=draft)
    draft.refresh_from_db()
    assert draft.render_state == "done" and draft.sha256 and draft.progress == 100


def test_an_issued_report_without_its_pdf_says_so_and_is_rendered_again(
    client, district_staff, draft, django_capture_on_commit_callbacks
):
    """The state a broker outage used to leave: a number, no PDF. The download explains; the page restarts it."""
    Report.objects.filter(pk=draft.pk).update(status="issued", number=7, sha256="", render_state="failed")
    login(client, district_staff)
    response = client.get(reverse("report-download", args=[draft.pk]), follow=True)
    page = response.content.decode()
    assert "chưa tạo xong" in page and "SHA-256" not in page.split("chưa tạo xong")[0][-200:]
    assert 'value="render"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("report-detail", args=[draft.pk]), {"action": "render"})
    draft.refresh_from_db()
    assert draft.sha256 and draft.number == 7
    assert hashlib.sha256(services.report_file_bytes(draft)).hexdigest() == draft.sha256


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
        report = services.report_issue(report=draft, confirm_incomplete=True)
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
