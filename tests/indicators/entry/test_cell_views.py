"""The per-cell autosave endpoint: one row stored from the posted form, its state, the totals and the version."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.entry.selectors import comments_current, entries_current
from indicators.entry.services import scorecard_save
from indicators.models import Entry, Indicator, Scorecard
from indicators.services import period_get_or_create
from indicators.values import EntryValue
from tests.indicators.entry.test_views import form_data, login

pytestmark = pytest.mark.django_db


def pk(code: str) -> int:
    return Indicator.objects.get(group__scheme__code="qd766", code=code).pk


def cell(client, card, code: str, data: dict) -> str:
    response = client.post(reverse("scorecard-cell", args=[card.pk, f"i{pk(code)}"]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_one_invalid_cell_does_not_stop_the_others(card, officer):
    client = login(officer)
    data = form_data(card, CKMB1_num="45", CKMB1_den="50", CKMB2_points="abc", CKMB3_points="1,5")
    body = cell(client, card, "CKMB1", data)
    assert 'data-state="saved"' in body and "Đã lưu lúc" in body
    assert f'name="version" value="{card.version + 1}"' in body
    body = cell(client, card, "CKMB2", {**data, "version": str(card.version + 1)})
    assert 'data-state="invalid"' in body and "“abc”" in body
    body = cell(client, card, "CKMB3", {**data, "version": str(card.version + 1)})
    assert 'data-state="saved"' in body
    assert entries_current(scorecard=card) == {
        (pk("CKMB1"), None): EntryValue(numerator=Decimal(45), denominator=Decimal(50)),
        (pk("CKMB3"), None): EntryValue(points=Decimal("1.5")),
    }


def test_a_cell_save_with_a_note_and_the_states_shown_back_on_the_form(card, officer):
    client = login(officer)
    data = {**form_data(card, CKMB1_num="1", CKMB1_den="1"), f"i{pk('CKMB1')}_note": "Chỉ một thủ tục"}
    body = cell(client, card, "CKMB1", data)
    assert 'data-state="warning"' in body and "mẫu số 1" in body
    assert comments_current(scorecard=card)[(pk("CKMB1"), None)].note == "Chỉ một thủ tục"
    page = client.get(reverse("scorecard-entry", args=[card.pk])).content.decode()
    assert 'value="Chỉ một thủ tục"' in page and "có ghi chú" in page
    assert 'data-state="warning"' in page and 'data-state="empty"' in page


def test_a_stale_cell_save_is_refused_and_says_so(card, officer):
    client = login(officer)
    opened = form_data(card, CKMB2_points="3")  # the version the page was opened with
    someone = {(pk("CKMB1"), None): EntryValue(points=Decimal(5))}
    scorecard_save(scorecard=card, user=officer, values=someone, causes={}, expected_version=card.version)
    body = cell(client, card, "CKMB2", opened)
    assert 'data-state="stale"' in body and "CHƯA được lưu" in body
    assert entries_current(scorecard=card) == someone


def test_locked_and_foreign_cards_and_unknown_cells(card, officer, other_officer, district_staff):
    body = cell(login(district_staff), card, "CKMB1", form_data(card, CKMB1_points="3"))
    assert 'data-state="locked"' in body
    assert not Entry.objects.filter(scorecard=card).exists()
    url = reverse("scorecard-cell", args=[card.pk, f"i{pk('CKMB1')}"])
    assert login(other_officer).post(url, form_data(card, CKMB1_points="3")).status_code == 404
    assert login(officer).post(reverse("scorecard-cell", args=[card.pk, "x1"]), {}).status_code == 404
    assert login(officer).post(reverse("scorecard-cell", args=[card.pk, "i999999"]), {}).status_code == 404


def test_the_history_of_each_value_beside_the_form(card, officer, scheme):
    for month, num in (("2024-03", 6), ("2024-04", 8)):
        old = Scorecard.objects.create(unit=card.unit, period=period_get_or_create(key=month), scheme=scheme)
        Entry.objects.create(scorecard=old, indicator_id=pk("CKMB1"), numerator=num, denominator=10)
    page = login(officer).get(reverse("scorecard-entry", args=[card.pk])).content.decode()
    assert "Lịch sử 2 kỳ" in page
    assert page.index("Tháng 04 năm 2024") < page.index("Tháng 03 năm 2024")  # newest first
    assert "8/10 (80 %)" in page and "6/10 (60 %)" in page


def test_a_zero_is_a_value_not_an_empty_cell(card, officer):
    client = login(officer)
    body = cell(client, card, "CKMB1", form_data(card, CKMB1_num="0", CKMB1_den="10"))
    assert 'data-state="saved"' in body
    assert entries_current(scorecard=card)[(pk("CKMB1"), None)] == EntryValue(
        numerator=Decimal(0), denominator=Decimal(10)
    )
