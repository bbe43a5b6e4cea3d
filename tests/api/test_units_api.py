"""/api/v1/units/: scoped to the user's units, filtered by the shared filterset, with a subtree action."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/units/"


def test_anonymous_gets_401(api, lap_vo):
    response = api().get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_officer_sees_only_their_commune(api, officer, binh_thanh, tan_my):
    client = api(officer)
    response = client.get(URL)
    assert [u["code"] for u in response.json()["results"]] == ["30193"]
    assert client.get(f"{URL}{tan_my.pk}/").status_code == 404
    assert client.get(f"{URL}{binh_thanh.pk}/").json()["full_name"] == "Xã Bình Thành"


def test_district_staff_sees_their_district_and_filters(api, district_staff, lap_vo):
    client = api(district_staff)
    body = client.get(URL, {"parent": lap_vo.pk}).json()
    assert body["count"] == 13
    assert client.get(URL).json()["count"] == 14
    assert client.get(URL, {"parent": lap_vo.pk, "kind": "thi_tran"}).json()["results"][0]["name"] == "Lấp Vò"
    assert client.get(URL, {"edition": "2025"}).json()["count"] == 0
    assert client.get(f"{URL}{lap_vo.parent_id}/").status_code == 404
    assert client.get(URL, {"kind": "nonsense"}).status_code == 400


def test_pagination_is_fifty_a_page(api, province_staff, lap_vo):
    body = api(province_staff).get(URL).json()
    assert body["count"] == 154 and len(body["results"]) == 50 and body["next"].endswith("page=2")


def test_tree_gives_the_subtree(api, province_staff, lap_vo):
    tree = api(province_staff).get(f"{URL}{lap_vo.parent_id}/tree/").json()
    assert tree["code"] == "87" and len(tree["children"]) == 12
    lap_vo_node = next(c for c in tree["children"] if c["code"] == "875")
    assert len(lap_vo_node["children"]) == 13 and lap_vo_node["children"][0]["children"] == []


def test_tree_outside_the_scope_is_404(api, district_staff, lap_vo):
    assert api(district_staff).get(f"{URL}{lap_vo.parent_id}/tree/").status_code == 404


def test_session_authentication_works(client, district_staff, lap_vo):
    from tests.personas import PASSWORD

    assert client.login(username=district_staff.username, password=PASSWORD)
    assert client.get(URL).json()["count"] == 14


def test_token_is_issued_for_a_password(api, district_staff):
    from tests.personas import PASSWORD

    response = api().post("/api/v1/auth/token/", {"username": district_staff.username, "password": PASSWORD})
    assert response.status_code == 200 and len(response.json()["token"]) == 40
