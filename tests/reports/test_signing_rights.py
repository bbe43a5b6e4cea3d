"""Signing is an act of its own: only a holder of the body's signing right ("người ký") signs, after confirming
with their password; a body's numbers are consumed only by its own staff or signers; who, when and which
certificate are recorded on the report and in the change log."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.constants import Role
from accounts.models import Membership
from audit.models import AuditEvent
from reports import services, signatures
from reports.constants import BodyKind, ReportStatus
from reports.models import Report
from tests.personas import PASSWORD, persona

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def edit_data(report: Report, action: str) -> dict:
    data = {name: getattr(report, name) or "" for name in services.HEADER_FIELDS}
    data |= {f"section_{k}": v for k, v in report.sections.items()}
    # Past the confirmation page (and its box for data not all approved): these tests are about who may act.
    return data | {"action": action, "signer_name": "Trần Thị Ký", "confirm": "1", "confirm_incomplete": "1"}


@pytest.fixture
def commune_draft(january, binh_thanh, qd766) -> Report:
    return services.report_draft(issuing_unit=binh_thanh, scheme=qd766, period=january, kind="commune")


@pytest.fixture
def district_draft(january, lap_vo, qd766) -> Report:
    return services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")


@pytest.fixture
def commune_signer(binh_thanh):
    user = persona("chutich.binhthanh", Role.COMMUNE_OFFICER, "30193")
    Membership.objects.filter(user=user).update(may_sign=True)
    return user


@pytest.fixture
def district_signer(lap_vo):
    user = persona("chutich.lapvo", Role.DISTRICT_STAFF, "875")
    Membership.objects.filter(user=user).update(may_sign=True)
    return user


@pytest.fixture
def body_certificate(p12):
    def make(unit):
        return signatures.certificate_save(unit=unit, body_kind=BodyKind.COMMITTEE, pkcs12=p12[0], password=p12[1])

    return make


def issue_on_page(client: Client, report: Report, django_capture_on_commit_callbacks) -> Report:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("report-detail", args=[report.pk]), edit_data(report, "issue"))
    report.refresh_from_db()
    return report


def test_a_commune_officer_without_the_right_can_neither_issue_nor_sign(
    officer, commune_draft, commune_signer, body_certificate, binh_thanh, django_capture_on_commit_callbacks
):
    client = login(officer)
    page = client.get(reverse("report-detail", args=[commune_draft.pk])).content.decode()
    assert 'value="issue"' not in page and "Chỉ chuyên viên hoặc người ký" in page
    report = issue_on_page(client, commune_draft, django_capture_on_commit_callbacks)
    assert report.status == ReportStatus.DRAFT and report.number is None
    # Issued by the commune's signer, the officer still cannot sign it, on the page or by posting.
    report = issue_on_page(login(commune_signer), report, django_capture_on_commit_callbacks)
    assert report.status == ReportStatus.ISSUED and report.issued_by == commune_signer
    body_certificate(binh_thanh)
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert 'value="sign"' not in page and "quyền người ký" in page
    response = client.post(
        reverse("report-detail", args=[report.pk]), {"action": "sign", "confirm": "1", "password": PASSWORD}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED and not report.signed_pdf
    assert "không có quyền người ký" in client.get(response["Location"]).content.decode()


def test_district_staff_do_not_consume_a_communes_numbers(
    district_staff, commune_draft, commune_signer, django_capture_on_commit_callbacks
):
    client = login(district_staff)
    assert client.get(reverse("report-detail", args=[commune_draft.pk])).status_code == 200  # may still read it
    report = issue_on_page(client, commune_draft, django_capture_on_commit_callbacks)
    assert report.number is None
    with pytest.raises(services.ReportError, match="chính Xã Bình Thành"):
        services.report_issue(report=report, by=district_staff)
    report = issue_on_page(login(commune_signer), report, django_capture_on_commit_callbacks)
    assert report.number == 1  # the commune's first number is still its own


def test_the_signer_confirms_with_their_password_and_is_recorded(
    district_signer, district_draft, body_certificate, lap_vo, p12_pem, django_capture_on_commit_callbacks
):
    certificate = body_certificate(lap_vo)
    client = login(district_signer)
    report = issue_on_page(client, district_draft, django_capture_on_commit_callbacks)
    assert report.status == ReportStatus.ISSUED and report.issued_by == district_signer and report.issued_at
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert 'value="sign"' in page  # the password is asked on the confirmation page
    confirm_page = client.post(reverse("report-detail", args=[report.pk]), {"action": "sign"}).content.decode()
    assert "Ký số báo cáo?" in confirm_page and "Mật khẩu đăng nhập của bạn" in confirm_page
    wrong = client.post(
        reverse("report-detail", args=[report.pk]), {"action": "sign", "confirm": "1", "password": "sai"}
    )
    assert "Mật khẩu không đúng" in wrong.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED
    right = client.post(
        reverse("report-detail", args=[report.pk]), {"action": "sign", "confirm": "1", "password": PASSWORD}
    )
    assert right.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SIGNED and report.signed_by == district_signer and report.signed_at
    assert report.signing_certificate == certificate and "Nguyễn Văn Thử" in report.signing_certificate_subject
    event = AuditEvent.objects.get(field="signature")  # reports.audit: issued file's SHA-256 → the signed one's
    assert event.user == district_signer and event.unit == lap_vo and event.period == report.period
    assert event.details["certificate"] == certificate.subject and event.after == report.signed_sha256
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert "Ký số bởi chutich.lapvo" in page


def test_district_staff_without_the_right_issue_their_own_report_but_do_not_sign(
    district_staff, district_draft, body_certificate, lap_vo, django_capture_on_commit_callbacks
):
    body_certificate(lap_vo)
    client = login(district_staff)
    report = issue_on_page(client, district_draft, django_capture_on_commit_callbacks)
    assert report.number == 1 and report.issued_by == district_staff
    with pytest.raises(services.ReportError, match="quyền người ký"):
        signatures.report_sign(report=report, by=district_staff)


def test_a_signing_right_above_the_body_does_not_reach_it(
    district_signer, commune_draft, commune_signer, binh_thanh, body_certificate, django_capture_on_commit_callbacks
):
    body_certificate(binh_thanh)
    report = issue_on_page(login(commune_signer), commune_draft, django_capture_on_commit_callbacks)
    with pytest.raises(services.ReportError, match="Xã Bình Thành"):
        signatures.report_sign(report=report, by=district_signer)
    assert signatures.report_sign(report=report, by=commune_signer).signed_by == commune_signer


def test_wrong_signing_passwords_count_towards_the_lockout(
    district_signer, district_draft, body_certificate, lap_vo, django_capture_on_commit_callbacks
):
    body_certificate(lap_vo)
    client = login(district_signer)
    report = issue_on_page(client, district_draft, django_capture_on_commit_callbacks)
    url = reverse("report-detail", args=[report.pk])
    for i in range(10):
        client.post(url, {"action": "sign", "confirm": "1", "password": f"sai-{i}"})
    locked = client.post(url, {"action": "sign", "confirm": "1", "password": PASSWORD})
    assert locked.status_code == 429 and "quá 10 lần" in locked.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED
