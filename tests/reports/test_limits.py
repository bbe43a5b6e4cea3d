"""Bounds on what a user sends to the report pages: section text, header text, the verification upload; and a
word longer than a line wraps in the PDF instead of being cut."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from reports import services
from reports.constants import SECTION_MAX_CHARS, SECTION_MAX_LINES
from reports.forms import VERIFY_MAX_BYTES
from reports.models import Report
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(january, lap_vo, qd766) -> Report:
    return services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")


def staff_client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def edit(report: Report, **sections: str) -> dict:
    data = {name: getattr(report, name) or "" for name in services.HEADER_FIELDS}
    data |= {f"section_{k}": v for k, v in report.sections.items()}
    data |= {f"section_{k}": v for k, v in sections.items()}
    return data | {"action": "save", "editor": "1"}


def test_a_section_over_the_length_limit_is_refused_and_nothing_is_saved(district_staff, draft):
    before = dict(draft.sections)
    key = next(iter(draft.sections))
    page = staff_client(district_staff).post(
        reverse("report-detail", args=[draft.pk]), edit(draft, **{key: "x" * (SECTION_MAX_CHARS + 1)})
    )
    text = page.content.decode()
    assert page.status_code == 200 and "quá giới hạn 20000 ký tự" in text.replace(".", "")
    draft.refresh_from_db()
    assert draft.sections == before


def test_a_section_with_too_many_lines_is_refused(district_staff, draft):
    key = next(iter(draft.sections))
    page = staff_client(district_staff).post(
        reverse("report-detail", args=[draft.pk]), edit(draft, **{key: "dòng\n" * (SECTION_MAX_LINES + 5)})
    )
    assert f"quá giới hạn {SECTION_MAX_LINES} dòng" in page.content.decode()
    draft.refresh_from_db()
    assert "dòng\ndòng" not in draft.sections[key]


def test_the_service_refuses_an_unbounded_section_too(draft):
    key = next(iter(draft.sections))
    with pytest.raises(services.ReportError, match="quá dài"):
        services.report_update(report=draft, fields={}, sections={key: "a\n" * 50_000})


def test_a_long_word_wraps_instead_of_being_cut(draft, tmp_path):
    word = "".join(chr(ord("a") + i % 26) for i in range(3_000))
    services.report_update(report=draft, fields={}, sections={"recommendations": f"Đường dẫn: {word}"})
    report = services.report_render(report=draft)
    path = tmp_path / "r.pdf"
    path.write_bytes(report.pdf.read())
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    # The word runs over pages: drop each page's number and the draft's "Dự thảo" mark.
    joined = re.sub(r"\d+|Dựthảo", "", "".join(text.split()))
    assert word in joined


def test_the_verification_upload_has_a_size_limit_with_a_vietnamese_message(officer, settings):
    settings.UPLOAD_MAX_SIZE = VERIFY_MAX_BYTES + 1024 * 1024
    big = SimpleUploadedFile("to.pdf", b"%PDF-1.7\n" + b"0" * (VERIFY_MAX_BYTES + 10), "application/pdf")
    page = staff_client(officer).post(reverse("report-verify"), {"file": big}).content.decode()
    assert "Tệp “to.pdf” nặng 20 MB, quá giới hạn 20 MB" in page or "quá giới hạn 20 MB" in page
    assert "Chữ ký" not in page.split("</form>")[-1]


def test_an_upload_past_the_stream_limit_is_dropped_while_reading(officer, settings):
    settings.UPLOAD_MAX_SIZE = 1024 * 1024
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024), "application/pdf")
    response = staff_client(officer).post(reverse("report-verify"), {"file": big})
    page = response.content.decode()
    assert response.status_code == 200 and "Tệp “lon.pdf” nặng 3 MB, quá giới hạn 20 MB" in page
