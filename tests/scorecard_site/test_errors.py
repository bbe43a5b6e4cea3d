"""Vietnamese 403, 404 and 500 pages with the site's navigation; the 500 page says whether the action was saved."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def test_404_is_vietnamese_with_the_navigation(officer):
    client = Client()
    client.login(username="canbo.binhthanh", password=PASSWORD)
    response = client.get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page and 'href="/nhap-diem/"' in page and "Đăng xuất" in page


def test_a_scorecard_outside_the_users_units_is_the_same_404(officer, other_card):
    client = Client()
    client.login(username="canbo.binhthanh", password=PASSWORD)
    response = client.get(f"/phieu-diem/{other_card.pk}/")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()


def test_a_stale_form_gets_a_vietnamese_403(officer):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "canbo.binhthanh", "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 403 and "Biểu mẫu đã hết hạn" in page and "Không có gì bị thay đổi" in page
    assert "Xếp hạng" in page  # the navigation


def test_403_page_is_vietnamese(rf, officer):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/")
    request.user = officer
    page = permission_denied(request, PermissionDenied()).content.decode()
    assert "Không có quyền truy cập" in page and "Xếp hạng" in page


@pytest.mark.django_db(transaction=True)  # the write must really commit for the page to say so
@pytest.mark.urls("tests.scorecard_site.error_urls")
def test_500_says_the_action_was_saved_when_it_was():
    client = Client(raise_request_exception=False)
    response = client.post("/thu-loi/da-luu/")
    page = response.content.decode()
    assert response.status_code == 500 and "Lỗi máy chủ" in page and "ĐÃ ĐƯỢC LƯU" in page
    assert Group.objects.filter(name="đã lưu rồi lỗi").exists()


@pytest.mark.urls("tests.scorecard_site.error_urls")
def test_500_says_the_action_was_not_saved_when_it_was_rolled_back():
    response = Client(raise_request_exception=False).post("/thu-loi/chua-luu/")
    page = response.content.decode()
    assert response.status_code == 500 and "CHƯA ĐƯỢC LƯU" in page and "ĐÃ ĐƯỢC LƯU" not in page
    assert not Group.objects.filter(name="chưa lưu").exists()


@pytest.mark.urls("tests.scorecard_site.error_urls")
def test_500_on_a_read_says_nothing_changed(officer):
    client = Client(raise_request_exception=False)
    client.login(username="canbo.binhthanh", password=PASSWORD)
    response = client.get("/thu-loi/doc/")
    page = response.content.decode()
    assert response.status_code == 500 and "Không có dữ liệu nào bị thay đổi" in page and "Đăng xuất" in page
