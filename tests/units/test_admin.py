"""Smoke tests for units/admin.py: the list, the search and the autocomplete used by parent and merge pickers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_changelist_filters_and_searches(admin_client, lap_vo: AdministrativeUnit) -> None:
    url = reverse("admin:units_administrativeunit_changelist")
    response = admin_client.get(url, {"edition": "legacy", "kind": "huyen", "q": "Lấp Vò"})
    assert response.status_code == 200
    assert "Huyện Lấp Vò" in response.content.decode()
    assert admin_client.get(url, {"q": "875"}).status_code == 200


def test_change_form_and_autocomplete(admin_client, lap_vo: AdministrativeUnit) -> None:
    response = admin_client.get(reverse("admin:units_administrativeunit_change", args=[lap_vo.pk]))
    assert response.status_code == 200
    autocomplete = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "units", "model_name": "administrativeunit", "field_name": "parent", "term": "Đồng Tháp"},
    )
    assert autocomplete.status_code == 200
    assert "Tỉnh Đồng Tháp" in autocomplete.json()["results"][0]["text"]


def test_an_administrator_adds_a_provincial_body(admin_client, dong_thap_2025: AdministrativeUnit) -> None:
    """Bodies are not in the official lists: the administrator adds them under the 2025 province."""
    url = reverse("admin:units_administrativeunit_add")
    form = {"code": "82-SYT", "name": "Sở Y tế", "kind": "co_quan_tinh", "parent": dong_thap_2025.pk}
    wrong = admin_client.post(url, {**form, "edition": "legacy"})
    assert wrong.status_code == 200 and "thuộc danh mục khác" in wrong.content.decode()
    assert admin_client.post(url, {**form, "edition": "2025"}).status_code == 302
    body = AdministrativeUnit.objects.get(code="82-SYT")
    assert body.level == 1 and body.is_department and body.path.startswith(dong_thap_2025.path)
    district = AdministrativeUnit.objects.get(edition="legacy", code="875")
    under_district = admin_client.post(url, {**form, "code": "82-X", "edition": "legacy", "parent": district.pk})
    assert "phải thuộc một tỉnh" in under_district.content.decode()
