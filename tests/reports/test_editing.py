"""The report editor: the live preview shows unsaved edits as they will print, a redraft shows every line it would
replace before it does, issuing and signing need a confirmation, and the new-report form opens on the user's body."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import services
from reports.editing import redraft_changes
from reports.forms import ReportCreateForm
from reports.models import Report
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(january, lap_vo, qd766) -> Report:
    return services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")


@pytest.fixture
def staff_client(client, district_staff):
    assert client.login(username=district_staff.username, password=PASSWORD)
    return client


def _editor_post(report: Report, **changes: str) -> dict[str, str]:
    data = {name: getattr(report, name) or "" for name in services.HEADER_FIELDS}
    data |= {f"section_{k}": v for k, v in report.sections.items()}
    data["editor"] = "1"
    return data | changes


def test_preview_prints_unsaved_edits_without_saving(staff_client, draft):
    url = reverse("report-preview", args=[draft.pk])
    saved = staff_client.get(url).content.decode()
    assert "82,07/100 điểm" in saved and "BÁO CÁO" in saved
    text = "Đề nghị Sở Nội vụ **hướng dẫn** rà soát."
    page = staff_client.post(url, _editor_post(draft, section_recommendations=text)).content.decode()
    assert "Đề nghị Sở Nội vụ <strong>hướng dẫn</strong> rà soát." in page
    draft.refresh_from_db()
    assert draft.sections["recommendations"] != text  # a preview writes nothing


def test_preview_escapes_html_typed_by_users(staff_client, draft):
    page = staff_client.post(
        reverse("report-preview", args=[draft.pk]),
        _editor_post(draft, section_recommendations='<script>alert("x")</script> *nghiêng*'),
    ).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<em>nghiêng</em>" in page


def test_redraft_shows_what_would_be_lost_then_keeps_edits_until_confirmed(staff_client, draft):
    url = reverse("report-detail", args=[draft.pk])
    edited = "Đề nghị UBND tỉnh bổ sung biên chế cho Bộ phận một cửa."
    page = staff_client.post(url, _editor_post(draft, action="redraft", section_recommendations=edited))
    body = page.content.decode()
    assert page.status_code == 200 and "Soạn lại nội dung từ số liệu mới?" in body
    assert f"<del>{edited}</del>" in body  # the hand edit is listed as what would be lost
    draft.refresh_from_db()
    assert draft.sections["recommendations"] == edited  # saved, not yet replaced
    staff_client.post(url, {"action": "redraft", "confirm": "1"})
    draft.refresh_from_db()
    assert draft.sections["recommendations"] != edited


def test_redraft_changes_lists_only_changed_sections(draft):
    assert redraft_changes(report=draft)[1] == []  # nothing edited, same data: nothing to lose
    draft.sections["closing"] = "Kết thúc do người dùng viết./."
    changes = redraft_changes(report=draft)[1]
    assert [c.key for c in changes] == ["closing"]
    assert changes[0].removed == ["Kết thúc do người dùng viết./."] and changes[0].added


def test_sign_needs_a_confirmation(staff_client, draft):
    services.report_issue(report=draft, in_process=True, confirm_incomplete=True)
    page = staff_client.post(reverse("report-detail", args=[draft.pk]), {"action": "sign"})
    assert page.status_code == 200 and "Ký số báo cáo?" in page.content.decode()
    assert Report.objects.get(pk=draft.pk).status == "issued"


def test_new_report_form_opens_on_the_users_body_and_latest_period(
    staff_client, district_staff, january, lap_vo, qd766
):
    page = staff_client.get(reverse("report-list")).content.decode()
    assert f'<option value="{lap_vo.pk}" selected>' in page
    assert f'<option value="{january.pk}" selected>' in page
    assert '<optgroup label="Tháng – năm 2024">' in page and '<optgroup label="Tháng – năm 2023">' in page


def test_period_groups_put_months_before_weeks_and_new_years_first(january, lap_vo, qd766):
    from indicators.models import Scorecard
    from indicators.services import period_get_or_create

    Scorecard.objects.create(unit=lap_vo, scheme=qd766, period=period_get_or_create(key="2024-W03"))
    form = ReportCreateForm(units=lap_vo.__class__.objects.filter(pk=lap_vo.pk))
    labels = [label for label, _ in form.fields["period"].choices][1:]
    assert labels.index("Tháng – năm 2024") < labels.index("Tuần – năm 2024") < labels.index("Tháng – năm 2023")


def test_editor_lists_sections_in_the_documents_order(draft):
    from reports.forms import ReportEditForm
    from reports.kinds import KINDS

    fields = [
        name.removeprefix("section_") for name in ReportEditForm(instance=draft).fields if name.startswith("section_")
    ]
    expected = [key for key in KINDS["monthly"].labels(draft.frozen_data) if key in draft.sections]
    assert fields == expected and fields[:2] == ["intro", "own_result"]
