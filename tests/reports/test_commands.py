"""`render_report` writes the same PDF as the page, and signs it from the command line."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from reports.models import Report
from reports.signing import pdf_verify

pytestmark = pytest.mark.django_db


def test_render_report_writes_a_draft_and_keeps_nothing(january, tmp_path):
    out = tmp_path / "bao-cao.pdf"
    call_command(
        "render_report",
        "--unit",
        "875",
        "--scheme",
        "qd766",
        "--period",
        "2024-01",
        "--kind",
        "monthly",
        "--out",
        str(out),
        stdout=(said := io.StringIO()),
    )
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "82,07/100" in text and "BÁO CÁO" in text
    size = f"{out.stat().st_size:,}".replace(",", ".")  # said the Vietnamese way: 27.877 byte, 0,63 giây
    assert re.fullmatch(rf"Đã ghi {re.escape(str(out))}: .*, {size} byte, \d+,\d\d giây\.\n", said.getvalue())
    assert not Report.objects.exists()


def test_render_report_signs_with_a_pkcs12(january, tmp_path, p12, p12_pem, monkeypatch):
    data, password = p12
    (tmp_path / "lapvo.p12").write_bytes(data)
    monkeypatch.setenv("P12_PASSWORD", password)
    out = tmp_path / "da-ky.pdf"
    call_command(
        "render_report",
        "--confirm-incomplete",
        "--unit",
        "Lấp Vò",
        "--scheme",
        "qd766",
        "--period",
        "2024-01",
        "--kind",
        "monthly",
        "--out",
        str(out),
        "--sign",
        str(tmp_path / "lapvo.p12"),
        "--password-env",
        "P12_PASSWORD",
        "--signer",
        "Nguyễn Văn Thử",
    )
    [check] = pdf_verify(out.read_bytes(), trust_roots_pem=[p12_pem]).signatures
    assert check.ok
    report = Report.objects.get()
    assert report.number == 1 and report.status == "signed"


def test_render_report_needs_the_password_variable(january, tmp_path, p12):
    (tmp_path / "x.p12").write_bytes(p12[0])
    with pytest.raises(CommandError, match="password-env"):
        call_command(
            "render_report",
            "--unit",
            "875",
            "--scheme",
            "qd766",
            "--period",
            "2024-01",
            "--out",
            str(tmp_path / "x.pdf"),
            "--sign",
            str(tmp_path / "x.p12"),
        )
