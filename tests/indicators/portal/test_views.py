"""The portal pages: upload several responses, preview (nothing written), confirm, reconcile; who may use them."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import PortalResponse, Scorecard
from tests.portal_fixtures import PORTAL, responses


def _zip(files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files:
            archive.writestr(name, content)
    return buffer.getvalue()


def test_upload_zip_preview_confirm_and_reconcile(client, phu_tho_staff, phu_tho, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(phu_tho_staff)
    upload = SimpleUploadedFile("phu-tho-2026-10.zip", _zip(responses("2026-10", summary=False)))
    response = client.post(reverse("portal-upload"), {"period": "2026-10", "province": phu_tho.pk, "files": [upload]})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    text = preview.content.decode()
    assert "163 đơn vị" in text and "Sở Y tế" in text and "tạo mới" in text
    assert not Scorecard.objects.exists()  # the preview wrote nothing
    token = response["Location"].rstrip("/").split("/")[-1]
    confirm = client.post(reverse("portal-confirm", args=[token]))
    assert confirm.status_code == 302 and Scorecard.objects.count() == 163
    assert PortalResponse.objects.filter(user=phu_tho_staff).count() == 8
    page = client.get(confirm["Location"])
    assert "<strong>0</strong> dòng chênh lệch" in page.content.decode()
    csv_text = client.get(confirm["Location"] + "&format=csv").content.decode()
    assert csv_text.splitlines()[0] == "unit_code,unit_name,portal_code,group,computed,published,difference"
    assert len(csv_text.splitlines()) == 1 + 163 * 6


def test_errors_are_listed_and_nothing_written(client, phu_tho_staff, phu_tho, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(phu_tho_staff)
    bad = PORTAL / "errors" / "transparency-unmatched.json"
    response = client.post(
        reverse("portal-upload"),
        {"period": "2026-10", "province": phu_tho.pk, "files": [SimpleUploadedFile(bad.name, bad.read_bytes())]},
    )
    text = client.get(response["Location"]).content.decode()
    assert "Không Có Thật" in text and "chưa ghi gì" in text and "Xác nhận" not in text


def test_commune_officer_cannot_use_the_portal_pages(client, officer):
    client.force_login(officer)
    assert client.get(reverse("portal-upload")).status_code == 403
    assert client.get(reverse("portal-reconcile")).status_code == 403


def test_national_summary_needs_an_administrator(client, phu_tho_staff, phu_tho, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(phu_tho_staff)
    path = PORTAL / "national" / "service-results-2026-10.json"
    response = client.post(
        reverse("portal-upload"),
        {"period": "2026-10", "province": phu_tho.pk, "files": [SimpleUploadedFile(path.name, path.read_bytes())]},
    )
    assert "Chỉ quản trị viên" in client.get(response["Location"]).content.decode()


def test_province_page_and_reports_say_its_national_rank(admin_client, phu_tho, period):
    from indicators.portal.services import portal_import
    from reports.data import siblings_label
    from tests.portal_fixtures import responses

    portal_import(files=responses("2026-10"), period=period("2026-10"))
    page = admin_client.get(reverse("unit-detail", args=[phu_tho.pk]) + "?scheme=dvcqg-2026&period_kind=month")
    assert "Tháng 10 năm 2026: xếp hạng 08/34 tỉnh, thành phố" in page.content.decode()
    assert siblings_label(phu_tho) == "tỉnh, thành phố"
