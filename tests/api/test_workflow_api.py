"""POST /api/v1/scorecards/{id}/submit|approve|return|reopen/: the pages' rules, messages and change log."""

from __future__ import annotations

import pytest

from audit.constants import EventKind
from audit.models import AuditEvent
from indicators.constants import ScorecardStatus
from indicators.entry.services import scorecard_save
from indicators.models import Scorecard

pytestmark = pytest.mark.django_db


def url(card: Scorecard, step: str) -> str:
    return f"/api/v1/scorecards/{card.pk}/{step}/"


@pytest.fixture
def filled(card, officer, complete_values) -> Scorecard:
    """Bình Thành's complete draft, saved through the workflow."""
    scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version)
    card.refresh_from_db()
    return card


def test_the_whole_workflow_through_the_api_with_its_history(api, officer, district_reopener, filled):
    version = filled.version
    body = api(officer).post(url(filled, "submit"), {"version": version}, format="json").json()
    assert body["status"] == ScorecardStatus.SUBMITTED and body["version"] == version + 1
    reviewer = api(district_reopener)
    body = reviewer.post(url(filled, "return"), {"version": body["version"], "comment": "Sửa MDHL"}, format="json")
    assert body.status_code == 200 and body.json()["status"] == ScorecardStatus.RETURNED
    body = api(officer).post(url(filled, "submit"), {"version": body.json()["version"]}, format="json").json()
    body = reviewer.post(url(filled, "approve"), {"version": body["version"]}, format="json").json()
    assert body["status"] == ScorecardStatus.APPROVED
    body = reviewer.post(
        url(filled, "reopen"), {"version": body["version"], "reason": "Cổng sửa số liệu"}, format="json"
    )
    assert body.status_code == 200 and body.json()["status"] == ScorecardStatus.RETURNED
    events = AuditEvent.objects.filter(scorecard=filled, kind=EventKind.STATUS).order_by("created_at", "pk")
    assert [(e.before, e.after) for e in events] == [
        ("Đang nhập", "Đã nộp"),
        ("Đã nộp", "Trả lại"),
        ("Trả lại", "Đã nộp"),
        ("Đã nộp", "Đã duyệt"),
        ("Đã duyệt", "Trả lại"),
    ]
    assert events[1].reason == "Sửa MDHL" and events[4].reason == "Cổng sửa số liệu"
    assert events[4].username == district_reopener.username


def test_a_stale_version_is_409_and_changes_nothing(api, officer, filled):
    response = api(officer).post(url(filled, "submit"), {"version": filled.version - 1}, format="json")
    assert response.status_code == 409 and "CHƯA được lưu" in response.json()["detail"]
    filled.refresh_from_db()
    assert filled.status == ScorecardStatus.DRAFT


def test_an_incomplete_draft_is_refused_with_the_pages_message(api, officer, card):
    response = api(officer).post(url(card, "submit"), {"version": card.version}, format="json")
    assert response.status_code == 400 and "chưa có số liệu nào" in response.json()["detail"]


def test_the_officer_may_not_approve_and_staff_without_the_right_may_not_reopen(api, officer, district_staff, filled):
    api(officer).post(url(filled, "submit"), {"version": filled.version}, format="json")
    filled.refresh_from_db()
    response = api(officer).post(url(filled, "approve"), {"version": filled.version}, format="json")
    assert response.status_code == 403 and "Chỉ cấp trên" in response.json()["detail"]
    staff = api(district_staff)
    approved = staff.post(url(filled, "approve"), {"version": filled.version}, format="json").json()
    response = staff.post(url(filled, "reopen"), {"version": approved["version"], "reason": "x"}, format="json")
    assert response.status_code == 403 and "không có quyền mở lại" in response.json()["detail"]


def test_return_needs_a_comment_and_reopen_a_reason(api, officer, district_reopener, filled):
    api(officer).post(url(filled, "submit"), {"version": filled.version}, format="json")
    filled.refresh_from_db()
    reviewer = api(district_reopener)
    response = reviewer.post(url(filled, "return"), {"version": filled.version, "comment": "  "}, format="json")
    assert response.status_code == 400 and "Hãy ghi ý kiến" in response.json()["detail"]
    body = reviewer.post(url(filled, "approve"), {"version": filled.version}, format="json").json()
    response = reviewer.post(url(filled, "reopen"), {"version": body["version"]}, format="json")
    assert response.status_code == 400 and "Hãy ghi lý do mở lại" in response.json()["detail"]


def test_approving_twice_is_400_naming_the_state(api, officer, district_staff, filled):
    api(officer).post(url(filled, "submit"), {"version": filled.version}, format="json")
    filled.refresh_from_db()
    body = api(district_staff).post(url(filled, "approve"), {"version": filled.version}, format="json").json()
    response = api(district_staff).post(url(filled, "approve"), {"version": body["version"]}, format="json")
    assert response.status_code == 400 and "Đã duyệt" in response.json()["detail"]


def test_other_units_scorecards_are_404_and_version_is_required(api, other_officer, officer, filled):
    assert api(other_officer).post(url(filled, "submit"), {"version": filled.version}, format="json").status_code == 404
    response = api(officer).post(url(filled, "submit"), {}, format="json")
    assert response.status_code == 400 and "version" in response.json()


def test_rankings_say_how_many_cards_are_submitted_and_approved(api, district_staff, january, lap_vo):
    Scorecard.objects.filter(period=january, unit__name="Vĩnh Thạnh").update(status=ScorecardStatus.APPROVED)
    body = api(district_staff).get("/api/v1/rankings/", {"scheme": "qd766", "period": "2024-01", "parent": lap_vo.pk})
    data = body.json()
    assert data["completeness"] | {"sentence": ""} == {
        "units": 13,
        "cards": 13,
        "draft": 12,
        "submitted": 0,
        "approved": 1,
        "all_approved": False,
        "draft_ranking": "mark",
        "sentence": "",
    }
    first = data["rows"][0]
    assert first["unit"]["name"] == "Vĩnh Thạnh" and first["status"] == "approved" and first["final"] is True
    assert all(not row["final"] for row in data["rows"][1:])
    assert first["total"] == "90.13" and first["applicable_max"] == "100.00"
