"""Entry pages: every route against every persona, validation through the form, live preview, stale saves,
the workflow buttons, the officer's home and the district's matrix."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from indicators.constants import ScorecardStatus
from indicators.entry.services import scorecard_save, scorecard_submit
from indicators.models import Entry, Indicator, Scorecard
from tests.personas import PASSWORD, commune_indicators

pytestmark = pytest.mark.django_db

CARD_ROUTES = [
    ("scorecard-entry", "get"),
    ("scorecard-entry", "post"),
    ("scorecard-preview", "post"),
    ("scorecard-approve", "post"),
    ("scorecard-return", "post"),
    ("scorecard-reopen", "post"),
    ("scorecard-history", "get"),
    ("scorecard-export", "get"),
]
POST_ONLY = ["scorecard-preview", "scorecard-approve", "scorecard-return", "scorecard-reopen"]


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def field(code: str, part: str) -> str:
    return f"i{Indicator.objects.get(group__scheme__code='qd766', code=code).pk}_{part}"


def form_data(card, **values: str) -> dict[str, str]:
    """POST data for the entry form: `CKMB1_num="45"` becomes i<id>_num."""
    data = {"version": str(card.version), "action": "save"}
    for name, value in values.items():
        code, _, part = name.rpartition("_")
        data[field(code, part)] = value
    return data


def complete_form(card) -> dict[str, str]:
    data = {"version": str(card.version), "action": "save"}
    for indicator in commune_indicators(card.scheme):
        data[f"i{indicator.pk}_num"] = "9"
        data[f"i{indicator.pk}_den"] = "10"
    return data


# --- every route, every persona --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "method"), CARD_ROUTES)
def test_anonymous_is_sent_to_the_login_page(client, card, name, method):
    url = reverse(name, args=[card.pk])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"/tai-khoan/dang-nhap/?next={url}"


@pytest.mark.parametrize("name", ["entry-home", "review-matrix"])
def test_anonymous_is_sent_to_the_login_page_from_the_lists(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/dang-nhap/")


@pytest.mark.parametrize(("name", "method"), CARD_ROUTES)
def test_another_communes_officer_gets_404_and_changes_nothing(card, officer, other_officer, name, method):
    scorecard_save(scorecard=card, user=officer, values={}, causes={}, expected_version=1)
    response = getattr(login(other_officer), method)(
        reverse(name, args=[card.pk]), {**form_data(card, CKMB1_points="1"), "text": "x"}
    )
    assert response.status_code == 404
    card.refresh_from_db()
    assert card.version == 1 and card.status == ScorecardStatus.DRAFT and not Entry.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        # persona: entry GET, entry POST, preview, approve, return, reopen, history, export
        ("officer", [200, 302, 200, 403, 403, 403, 200, 200]),
        ("district_staff", [200, 403, 200, 302, 302, 403, 200, 200]),
        ("district_reopener", [200, 403, 200, 302, 302, 302, 200, 200]),
        ("province_staff", [200, 403, 200, 302, 302, 403, 200, 200]),
        ("administrator", [200, 302, 200, 302, 302, 302, 200, 200]),
    ],
)
def test_each_persona_on_each_scorecard_route(request, card, persona, expected):
    user = request.getfixturevalue(persona)
    client = login(user)
    got = [
        getattr(client, method)(reverse(name, args=[card.pk]), {**form_data(card), "text": "Lý do"}).status_code
        for name, method in CARD_ROUTES
    ]
    assert got == expected


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_routes_refuse_get(card, officer, name):
    assert login(officer).get(reverse(name, args=[card.pk])).status_code == 405


@pytest.mark.parametrize(
    ("persona", "home", "matrix"),
    [
        ("officer", 200, 403),
        ("other_officer", 200, 403),
        ("district_staff", 302, 200),  # the fixture gives the district no scorecard of its own
        ("province_staff", 302, 200),  # staff with nothing to enter are sent to the matrix
        ("administrator", 302, 200),
    ],
)
def test_lists_per_persona(request, card, persona, home, matrix):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("entry-home")).status_code == home
    assert client.get(reverse("review-matrix")).status_code == matrix


def test_a_user_without_any_unit_is_told_so(db, django_user_model):
    django_user_model.objects.create_user(username="moi", password=PASSWORD)
    client = Client()
    client.login(username="moi", password=PASSWORD)
    page = client.get(reverse("entry-home")).content.decode()
    assert "chưa được giao đơn vị nào" in page


def test_the_matrix_of_another_district_is_404(card, district_staff, dong_thap):
    from units.models import AdministrativeUnit

    other_district = AdministrativeUnit.objects.get(edition="legacy", code="874")  # Huyện Lai Vung
    client = login(district_staff)
    assert client.get(reverse("review-matrix"), {"don_vi": other_district.pk}).status_code == 404
    assert client.get(reverse("review-matrix"), {"don_vi": dong_thap.pk}).status_code == 404


def test_csrf_is_enforced_on_the_entry_form(card, officer):
    client = Client(enforce_csrf_checks=True)
    client.login(username=officer.username, password=PASSWORD)
    response = client.post(reverse("scorecard-entry", args=[card.pk]), form_data(card, CKMB1_points="1"))
    assert response.status_code == 403
    assert not Entry.objects.exists()


# --- entering values -------------------------------------------------------------------------------


def test_the_form_shows_groups_maxima_targets_and_last_periods_values(card, officer, scheme):
    from indicators.services import period_get_or_create

    previous = Scorecard.objects.create(unit=card.unit, period=period_get_or_create(key="2024-04"), scheme=scheme)
    Entry.objects.create(
        scorecard=previous,
        indicator=Indicator.objects.get(group__scheme=scheme, code="CKMB1"),
        numerator=120,
        denominator=185,
    )
    page = login(officer).get(reverse("scorecard-entry", args=[card.pk])).content.decode()
    assert "CKMB – Công khai, minh bạch" in page and "tối đa 18 điểm" in page
    assert "≥ 80%" in page  # DVCTT1's target
    assert "120/185" in page
    assert "Còn 7 ngày" in page
    assert "Không áp dụng cho cấp của đơn vị" in page  # MDSH6, MDSH7 at commune level
    assert 'name="cause_' in page and "Nguyên nhân" in page
    assert 'src="/static/vendor/htmx.min.js"' in page


@pytest.mark.parametrize("typed", ["3,5", "3.5"])
def test_decimal_comma_and_dot_are_both_accepted(card, officer, typed):
    response = login(officer).post(
        reverse("scorecard-entry", args=[card.pk]), form_data(card, CKMB2_points=typed, CKMB1_num="45", CKMB1_den="50")
    )
    assert response.status_code == 302
    assert Entry.objects.get(indicator__code="CKMB2").points == Decimal("3.5")
    page = login(officer).get(reverse("scorecard-entry", args=[card.pk])).content.decode()
    assert 'value="3,5"' in page and "90%" in page  # shown the Vietnamese way, with the rate that follows


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"CKMB1_points": "7"}, "Điểm 7 vượt điểm tối đa 6 của CKMB1"),
        ({"CKMB1_points": "-2"}, "Điểm -2 âm; CKMB1"),
        ({"CKMB1_points": "abc"}, "Điểm CKMB1: “abc” không phải là số; hãy nhập số, ví dụ 12,5 hoặc 12.5."),
        ({"CKMB1_num": "12%", "CKMB1_den": "50"}, "Tử số CKMB1: “12%” là tỷ lệ phần trăm; hãy nhập số hồ sơ"),
        ({"CKMB1_num": "51", "CKMB1_den": "50"}, "Tử số 51 lớn hơn mẫu số 50 của CKMB1"),
        ({"CKMB1_num": "5"}, "CKMB1 (Tỷ lệ TTHC được công bố đúng hạn) có tử số nhưng thiếu mẫu số"),
        ({"CKMB1_points": "-"}, "CKMB1 (Tỷ lệ TTHC được công bố đúng hạn) không được để “-” (không áp dụng)"),
        ({"CKMB1_points": "2", "CKMB1_num": "1", "CKMB1_den": "2"}, "không nhập cả hai"),
        ({"CKMB1_points": "1,234"}, "có quá 2 chữ số thập phân"),
    ],
)
def test_each_validation_message_names_the_field_and_keeps_the_valid_values(card, officer, values, message):
    data = form_data(card, CKMB2_points="3,5", TDGQ1_num="80", TDGQ1_den="100", **values)
    response = login(officer).post(reverse("scorecard-entry", args=[card.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Chưa lưu: 1 ô chưa hợp lệ" in page
    assert 'value="3,5"' in page and 'value="80"' in page  # nothing valid is lost
    assert 'aria-invalid="true"' in page
    assert not Entry.objects.exists()  # nothing is saved


def test_not_applicable_is_refused_where_the_scheme_does_not_allow_it_even_if_posted(card, officer):
    data = form_data(card)
    data[field("CKMB1", "na")] = "on"  # no checkbox is shown for CKMB1; a crafted POST is still refused
    login(officer).post(reverse("scorecard-entry", args=[card.pk]), data)
    assert not Entry.objects.filter(not_applicable=True).exists()


def test_causes_are_saved_per_group(card, officer):
    from indicators.models import GroupNote, IndicatorGroup

    group = IndicatorGroup.objects.get(scheme=card.scheme, code="TDGQ")
    data = {**form_data(card), f"cause_{group.pk}": "Hồ sơ đất đai trễ hạn do chờ đo đạc."}
    login(officer).post(reverse("scorecard-entry", args=[card.pk]), data)
    assert GroupNote.objects.get(scorecard=card, group=group).cause == "Hồ sơ đất đai trễ hạn do chờ đo đạc."


def test_the_live_preview_returns_totals_class_and_each_rows_figures(card, officer):
    response = login(officer).post(
        reverse("scorecard-preview", args=[card.pk]),
        form_data(card, CKMB1_num="91", CKMB1_den="100", CKMB2_points="abc"),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<aside id="summary"')
    assert "Tổng điểm" in page and "9,46/100" in page and "Yếu" in page  # 5,46 + MDSH6-7's 4 points
    assert f'id="rate-{field("CKMB1", "x")[:-2]}" hx-swap-oob="true">91%' in page
    assert "“abc” không phải là số" in page  # the message appears while typing, too
    assert not Entry.objects.exists()


def test_a_stale_second_save_is_refused_with_who_saved_and_their_values(card, officer):
    first, second = login(officer), login(officer)
    opened = form_data(card, CKMB1_points="5")  # both forms were opened at version 1
    assert first.post(reverse("scorecard-entry", args=[card.pk]), opened).status_code == 302
    response = second.post(reverse("scorecard-entry", args=[card.pk]), form_data(card, CKMB1_points="2"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Thay đổi của bạn CHƯA được lưu" in page and "canbo.binhthanh" in page
    assert "Người khác đã lưu: <strong>5</strong>" in page
    assert 'value="2"' in page  # what the second person typed is still on their screen
    assert reverse("scorecard-history", args=[card.pk]) in page
    assert Entry.objects.get(indicator__code="CKMB1").points == Decimal(5)


def test_save_and_submit_from_the_form(card, officer):
    client = login(officer)
    incomplete = client.post(
        reverse("scorecard-entry", args=[card.pk]),
        {**form_data(card, CKMB1_points="5"), "action": "submit"},
        follow=True,
    )
    assert "Đã lưu nháp lúc" in incomplete.content.decode() and "chưa nộp" in incomplete.content.decode()
    card.refresh_from_db()
    response = client.post(reverse("scorecard-entry", args=[card.pk]), {**complete_form(card), "action": "submit"})
    assert response.status_code == 302 and response["Location"] == reverse("entry-home")
    card.refresh_from_db()
    assert card.status == ScorecardStatus.SUBMITTED


def test_enter_in_a_field_saves_a_draft(card, officer):
    page = login(officer).get(reverse("scorecard-entry", args=[card.pk])).content.decode()
    # The first submit button in the form is the one a browser presses on Enter.
    assert page.index('value="save"') < page.index('value="submit"')


# --- review ---------------------------------------------------------------------------------------


def submit(card, officer):
    client = login(officer)
    client.post(reverse("scorecard-entry", args=[card.pk]), {**complete_form(card), "action": "submit"})
    card.refresh_from_db()


def test_district_approves_and_the_officer_can_no_longer_edit(card, officer, district_staff):
    submit(card, officer)
    staff = login(district_staff)
    page = staff.get(reverse("scorecard-entry", args=[card.pk])).content.decode()
    assert "Duyệt" in page and "Trả lại" in page and "disabled" in page
    staff.post(reverse("scorecard-approve", args=[card.pk]))
    card.refresh_from_db()
    assert card.status == ScorecardStatus.APPROVED

    client = login(officer)
    page = client.get(reverse("scorecard-entry", args=[card.pk])).content.decode()
    assert "đã được duyệt và khóa" in page and 'value="save"' not in page
    response = client.post(
        reverse("scorecard-entry", args=[card.pk]), complete_form(card) | {field("CKMB1", "num"): "1"}
    )
    assert response.status_code == 302
    assert Entry.objects.get(scorecard=card, indicator__code="CKMB1").numerator == Decimal(9)


def test_return_needs_a_comment_which_the_officer_then_sees(card, officer, district_staff):
    submit(card, officer)
    staff = login(district_staff)
    empty = staff.post(reverse("scorecard-return", args=[card.pk]), {"text": ""}, follow=True)
    assert "Hãy ghi ý kiến hoặc lý do" in empty.content.decode()
    staff.post(reverse("scorecard-return", args=[card.pk]), {"text": "TDGQ1: mẫu số chưa khớp báo cáo tháng."})
    page = login(officer).get(reverse("entry-home")).content.decode()
    assert "Trả lại" in page and "TDGQ1: mẫu số chưa khớp" in page and "Sửa và nộp lại" in page


def test_reopen_from_the_page_records_the_reason(card, officer, district_staff, district_reopener):
    submit(card, officer)
    login(district_staff).post(reverse("scorecard-approve", args=[card.pk]))
    page = login(district_staff).get(reverse("scorecard-entry", args=[card.pk])).content.decode()
    assert "Mở lại" not in page  # no right, no button
    login(district_reopener).post(reverse("scorecard-reopen", args=[card.pk]), {"text": "Đính chính TDGQ1."})
    card.refresh_from_db()
    assert card.status == ScorecardStatus.RETURNED
    history = login(officer).get(reverse("scorecard-history", args=[card.pk])).content.decode()
    assert "Đính chính TDGQ1." in history and "huyen.lapvo.molai" in history


def test_history_shows_who_when_before_and_after(card, officer):
    client = login(officer)
    client.post(reverse("scorecard-entry", args=[card.pk]), form_data(card, CKMB1_points="5"))
    card.refresh_from_db()
    client.post(reverse("scorecard-entry", args=[card.pk]), form_data(card, CKMB1_points="5,5"))
    page = client.get(reverse("scorecard-history", args=[card.pk])).content.decode()
    assert page.count("canbo.binhthanh") >= 2
    assert '<td class="before">5</td>' in page and '<td class="after">5,5</td>' in page
    assert AuditEvent.objects.filter(scorecard=card).count() == 2


# --- home and matrix -----------------------------------------------------------------------------


def test_home_lists_periods_with_status_and_deadline(card, officer, scheme):
    from indicators.services import period_get_or_create

    late = period_get_or_create(key="2024-04")
    late.entry_deadline = timezone.localdate() - timedelta(days=3)
    late.save()
    Scorecard.objects.create(unit=card.unit, period=late, scheme=scheme)
    page = login(officer).get(reverse("entry-home")).content.decode()
    assert "Tháng 05 năm 2024" in page and "Còn 7 ngày" in page
    assert "Quá hạn 3 ngày" in page
    assert page.index("Còn 7 ngày") < page.index("Quá hạn 3 ngày")  # still open first
    assert "Đang nhập" in page


def test_home_does_not_list_other_communes(card, other_card, officer):
    page = login(officer).get(reverse("entry-home")).content.decode()
    assert reverse("scorecard-entry", args=[card.pk]) in page
    assert reverse("scorecard-entry", args=[other_card.pk]) not in page


def test_the_matrix_shows_statuses_and_completeness(card, other_card, officer, district_staff):
    submit(card, officer)
    page = login(district_staff).get(reverse("review-matrix")).content.decode()
    assert "Duyệt phiếu điểm – Huyện Lấp Vò" in page
    assert "1/13 đã nộp" in page and "1 chờ duyệt" in page
    assert "Xã Bình Thành" in page and "Xã Tân Mỹ" in page
    assert reverse("scorecard-entry", args=[card.pk]) in page and "Đã nộp" in page and "Đang nhập" in page


def test_the_province_drills_into_a_district(card, officer, province_staff, lap_vo):
    submit(card, officer)
    client = login(province_staff)
    top = client.get(reverse("review-matrix")).content.decode()
    assert "Tỉnh Đồng Tháp" in top
    page = client.get(reverse("review-matrix"), {"don_vi": lap_vo.pk}).content.decode()
    assert "1/13 đã nộp" in page


def test_submitted_scorecard_helper_is_complete(card, officer):
    """complete_form fills exactly what submitting needs (guards the helpers above)."""
    client = login(officer)
    client.post(reverse("scorecard-entry", args=[card.pk]), complete_form(card))
    card.refresh_from_db()
    scorecard_submit(scorecard=card, user=officer)


def test_matrix_links_carry_plain_ids_even_above_a_thousand(province_staff, dong_thap, card):
    """USE_THOUSAND_SEPARATOR would print 12345 as "12.345" in a link; ids are unlocalized."""
    from units.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.create(pk=12345, code="999", name="Thử Nghiệm", kind="huyen", parent=dong_thap)
    Scorecard.objects.create(unit=unit, period=card.period, scheme=card.scheme)
    page = login(province_staff).get(reverse("review-matrix"), {"ky": "month"}).content.decode()
    assert "?don_vi=12345&ky=month" in page and "12.345" not in page
