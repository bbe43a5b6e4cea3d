"""/api/v1/ schemes, periods, scorecards and rankings: the web's scoping, services and messages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from indicators.constants import ScorecardStatus
from indicators.models import Entry, Scorecard
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db

CARDS = "/api/v1/scorecards/"


@pytest.mark.parametrize("url", ["/api/v1/schemes/", "/api/v1/periods/", CARDS, "/api/v1/rankings/"])
def test_anonymous_gets_401(api, qd766, url):
    assert api().get(url).status_code == 401


def test_schemes_nest_groups_indicators_and_bands(api, officer, qd766):
    body = api(officer).get("/api/v1/schemes/", {"code": "qd766"}).json()
    [scheme] = body["results"]
    assert [g["code"] for g in scheme["groups"]][:2] == ["CKMB", "TDGQ"]
    assert scheme["groups"][0]["indicators"][0]["code"] == "CKMB1"
    assert {b["label"] for b in scheme["bands"]} >= {"Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"}


def test_periods_filter_by_kind(api, officer, card):
    period_get_or_create(key="2023-W49")
    body = api(officer).get("/api/v1/periods/", {"kind": "month"}).json()
    assert [p["key"] for p in body["results"]] == ["2024-04", "2024-05"]
    assert body["results"][1]["label"] == "Tháng 05 năm 2024" and body["results"][1]["previous"] == "2024-04"


# --- reading scorecards ---------------------------------------------------------------------------------


def test_officer_sees_only_their_communes_scorecards(api, officer, january, binh_thanh):
    client = api(officer)
    body = client.get(CARDS).json()
    assert [c["unit"]["code"] for c in body["results"]] == ["30193"]
    other = Scorecard.objects.exclude(unit=binh_thanh).first()
    assert client.get(f"{CARDS}{other.pk}/").status_code == 404


def test_district_staff_see_their_district_filtered_by_the_shared_filterset(api, district_staff, january, lap_vo):
    client = api(district_staff)
    assert client.get(CARDS).json()["count"] == 13
    body = client.get(CARDS, {"period": "2024-01", "parent": lap_vo.pk, "sort": "-total"}).json()
    totals = [Decimal(c["converted_total"]) for c in body["results"]]
    assert totals == sorted(totals, reverse=True) and body["results"][0]["unit"]["name"] == "Vĩnh Thạnh"
    assert client.get(CARDS, {"classification": "xuat_sac"}).json()["count"] >= 1
    assert client.get(CARDS, {"scheme": "dienbien-459"}).json()["count"] == 0


def test_retrieve_gives_entries_by_code_and_group_scores(api, district_staff, january):
    card = Scorecard.objects.get(unit__name="Vĩnh Thạnh")
    body = api(district_staff).get(f"{CARDS}{card.pk}/").json()
    assert {"code": "CKMB", "points": "18.00"}.items() <= body["entries"][0].items()
    assert body["classification"] == "Xuất sắc" and body["published_total"] == "90.13"
    assert {g["group"] for g in body["group_scores"]} >= {"CKMB", "TDGQ"}


# --- writing scorecards ---------------------------------------------------------------------------------


def _put(client, card, entries, version=None, method="put"):
    return getattr(client, method)(
        f"{CARDS}{card.pk}/", {"version": version or card.version, "entries": entries}, format="json"
    )


def test_officer_saves_through_the_workflow_with_an_audit_trail(api, officer, card):
    response = _put(api(officer), card, [{"code": "CKMB1", "numerator": "9", "denominator": "10"}])
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == card.version + 1
    assert response.json()["entries"] == [
        {"code": "CKMB1", "points": None, "numerator": "9.00", "denominator": "10.00", "not_applicable": False}
    ]
    assert AuditEvent.objects.filter(scorecard=card, username=officer.username).exists()


def test_patch_keeps_other_entries_and_put_replaces_them(api, officer, card):
    client = api(officer)
    _put(client, card, [{"code": "CKMB1", "points": "5"}])
    card.refresh_from_db()
    _put(client, card, [{"code": "CKMB2", "points": "3"}], method="patch")
    assert set(Entry.objects.filter(scorecard=card).values_list("indicator__code", flat=True)) == {"CKMB1", "CKMB2"}
    card.refresh_from_db()
    _put(client, card, [{"code": "CKMB2", "points": "3"}])
    assert list(Entry.objects.filter(scorecard=card).values_list("indicator__code", flat=True)) == ["CKMB2"]


def test_invalid_values_get_the_forms_vietnamese_messages(api, officer, card):
    response = _put(api(officer), card, [{"code": "CKMB1", "numerator": "11", "denominator": "10"}])
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Có 1 ô chưa hợp lệ; chưa lưu gì."
    assert body["entries"]["CKMB1"].startswith("Tử số 11 lớn hơn mẫu số 10 của CKMB1")
    assert not Entry.objects.filter(scorecard=card).exists()


def test_unknown_codes_are_named(api, officer, card):
    response = _put(api(officer), card, [{"code": "XYZ9", "points": "1"}])
    assert response.status_code == 400
    assert response.json()["entries"] == ["Bộ chỉ số qd766 không có chỉ số hoặc nhóm mã: XYZ9."]


def test_a_stale_version_is_409(api, officer, card):
    client = api(officer)
    _put(client, card, [{"code": "CKMB1", "points": "5"}])
    response = _put(client, card, [{"code": "CKMB1", "points": "6"}], version=card.version)
    assert response.status_code == 409
    assert "CHƯA được lưu" in response.json()["detail"]
    assert Entry.objects.get(scorecard=card).points == Decimal("5")


def test_a_submitted_scorecard_is_locked(api, officer, card):
    Scorecard.objects.filter(pk=card.pk).update(status=ScorecardStatus.SUBMITTED)
    response = _put(api(officer), card, [{"code": "CKMB1", "points": "5"}])
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Phiếu đã nộp, đang chờ cấp trên duyệt")


def test_reviewers_may_read_but_not_enter(api, district_staff, card):
    response = _put(api(district_staff), card, [{"code": "CKMB1", "points": "5"}])
    assert response.status_code == 403
    assert "Chỉ cán bộ của Xã Bình Thành nhập điểm phiếu này" in response.json()["detail"]


def test_another_communes_scorecard_is_404_for_writes_too(api, other_officer, card):
    assert _put(api(other_officer), card, [{"code": "CKMB1", "points": "5"}]).status_code == 404


def test_create_a_scorecard_with_entries(api, officer, binh_thanh, card):
    period_get_or_create(key="2024-06")
    payload = {
        "unit": binh_thanh.pk,
        "period": "2024-06",
        "scheme": "qd766",
        "entries": [{"code": "CKMB", "points": 12}],
    }
    response = api(officer).post(CARDS, payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["entries"][0]["code"] == "CKMB"
    again = api(officer).post(CARDS, payload, format="json")
    assert again.status_code == 400 and "đã có" in again.json()["detail"]


def test_create_is_refused_where_the_form_is(api, officer, other_officer, district_staff, binh_thanh, card):
    period_get_or_create(key="2024-06")
    payload = {"unit": binh_thanh.pk, "period": "2024-06", "scheme": "qd766"}
    assert api(other_officer).post(CARDS, payload, format="json").status_code == 400  # not in their scope
    assert api(district_staff).post(CARDS, payload, format="json").status_code == 403
    bad = api(officer).post(CARDS, {**payload, "entries": [{"code": "CKMB", "points": 30}]}, format="json")
    assert bad.status_code == 400 and "vượt điểm tối đa" in bad.json()["entries"]["CKMB"]
    assert not Scorecard.objects.filter(period__key="2024-06").exists()  # rolled back with the refused entries
    missing = api(officer).post(CARDS, {**payload, "period": "2030-01"}, format="json")
    assert missing.json() == {"period": ["Không có kỳ “2030-01”."]}


# --- rankings -------------------------------------------------------------------------------------------


def test_rankings_are_the_league_tables_rows(api, district_staff, january, lap_vo):
    body = api(district_staff).get("/api/v1/rankings/", {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk})
    assert body.status_code == 200
    rows = body.json()["rows"]
    assert len(rows) == 13 and rows[0]["unit"]["full_name"] == "Xã Vĩnh Thạnh" and rows[0]["rank"] == 1
    assert rows[0]["total"] == "90.13" and rows[0]["classification"] == "Xuất sắc"
    assert [g["code"] for g in rows[0]["groups"]][:1] == ["CKMB"]


def test_rankings_are_scoped_and_validated(api, officer, district_staff, january, lap_vo):
    params = {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk}
    assert api(officer).get("/api/v1/rankings/", params).status_code == 404
    client = api(district_staff)
    assert client.get("/api/v1/rankings/", {**params, "parent": lap_vo.parent_id}).status_code == 404
    assert client.get("/api/v1/rankings/", {"scheme": "qd766"}).status_code == 400
    assert client.get("/api/v1/rankings/", {**params, "scheme": "khong-co"}).json() == {
        "scheme": ["Không có bộ chỉ số “khong-co”."]
    }
    sorted_rows = client.get("/api/v1/rankings/", {**params, "sort": "unit"}).json()["rows"]
    assert sorted_rows[0]["unit"]["name"] != "Vĩnh Thạnh"


# --- schema and docs ------------------------------------------------------------------------------------


def test_schema_and_docs_are_served_offline(client, officer):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"openapi: 3" in schema.content
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()
    redoc = client.get("/api/v1/redoc/")
    assert redoc.status_code == 200
    page = redoc.content.decode()
    # Everything the page loads comes from this site: the CSP allows nothing else, and the docs work offline.
    assert "redoc.standalone.js" in page
    assert re.findall(r'(?:href|src)="(https?://[^"]+)"', page) == []


def test_submit_through_the_api_as_the_form_does(
    api, officer, district_staff, card, complete_values, django_capture_on_commit_callbacks
):
    from indicators.entry.services import scorecard_save

    client = api(officer)
    response = client.post(f"{CARDS}{card.pk}/submit/", {"version": card.version}, format="json")
    assert response.status_code == 400 and "chưa có số liệu" in response.json()["detail"]
    saved = scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=1)
    assert saved.scorecard.version == 2
    stale = client.post(f"{CARDS}{card.pk}/submit/", {"version": 1}, format="json")  # it read version 1
    assert stale.status_code == 409
    assert (
        api(district_staff)
        .post(f"{CARDS}{card.pk}/submit/", {"version": saved.scorecard.version}, format="json")
        .status_code
        == 403
    )
    with django_capture_on_commit_callbacks(execute=True):  # the recompute queued at commit runs in-process
        response = client.post(f"{CARDS}{card.pk}/submit/", {"version": saved.scorecard.version}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"
    card.refresh_from_db()
    assert card.status == ScorecardStatus.SUBMITTED and card.rank == 1  # recomputed in-process (no broker)
