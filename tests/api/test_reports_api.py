"""/api/v1/reports/: scoped like the report pages; the download is the stored PDF, checked by its SHA-256."""

from __future__ import annotations

import hashlib

import pytest

from reports.services import report_draft, report_render

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(january, lap_vo, qd766, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    draft = report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    return report_render(report=draft)


def test_district_staff_list_and_download_their_report(api, district_staff, report):
    client = api(district_staff)
    listed = client.get("/api/v1/reports/", {"period": "2024-01"}).json()
    assert [r["id"] for r in listed["results"]] == [report.pk]
    assert listed["results"][0]["issuing_unit"] == "Huyện Lấp Vò" and listed["results"][0]["kind"] == "monthly"
    response = client.get(f"/api/v1/reports/{report.pk}/tai-ve/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == report.sha256


def test_other_units_and_anonymous_get_nothing(api, officer, other_officer, report):
    assert api().get("/api/v1/reports/").status_code == 401
    client = api(officer)  # an officer of one of the district's communes: the district's report is above them
    assert client.get("/api/v1/reports/").json()["results"] == []
    assert client.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert client.get(f"/api/v1/reports/{report.pk}/tai-ve/").status_code == 404


def test_a_changed_file_is_not_handed_out(api, district_staff, report):
    report.pdf.open("rb")
    path = report.pdf.path
    report.pdf.close()
    with open(path, "ab") as handle:
        handle.write(b"%tampered")
    response = api(district_staff).get(f"/api/v1/reports/{report.pk}/tai-ve/")
    assert response.status_code == 404 and "SHA-256" in response.json()["detail"]
