"""Whatever the entry form displays, it accepts back unchanged: values stored by the service or the API, shown in
the real form page, posted back as the page holds them, are still exactly the stored values (issue 10).

The page is read the way a browser submits it: every input's name and value attribute, checked checkboxes,
textareas, the hidden version.
"""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indicators.constants import PointsMethod
from indicators.entry.selectors import entries_current
from indicators.entry.services import scorecard_save
from indicators.formatting import number_vi
from indicators.models import Entry, Indicator, Scorecard
from indicators.values import MAX_VERSION, EntryValue

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class _FormReader(HTMLParser):
    """The fields a browser would submit from the entry form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and "disabled" not in attributes:
            kind = attributes.get("type", "text")
            if kind == "checkbox":
                if "checked" in attributes:
                    self.data[name] = attributes.get("value") or "on"
            elif kind != "submit":
                self.data[name] = attributes.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea:
            self.data[self._textarea] = self.data[self._textarea].removeprefix("\n")
            self._textarea = None


def shown_form(client: Client, card: Scorecard) -> dict[str, str]:
    response = client.get(reverse("scorecard-entry", args=[card.pk]))
    assert response.status_code == 200
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader.data


def post_back_unchanged(client: Client, card: Scorecard) -> None:
    """Save the form exactly as it is shown; the page must say nothing changed."""
    data = {**shown_form(client, card), "action": "save"}
    response = client.post(reverse("scorecard-entry", args=[card.pk]), data, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ô chưa hợp lệ" not in page, page[page.find("ô chưa hợp lệ") - 300 :][:600]
    assert "không có thay đổi mới so với bản đã lưu" in page


@pytest.fixture
def api():
    """`api(user)`: an API client with the user's token."""

    def make(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
        return client

    return make


def officer_client(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def ind(code: str) -> Indicator:
    return Indicator.objects.get(group__scheme__code="qd766", code=code)


# --- strategies: any value the scheme accepts ------------------------------------------------------

COUNTS = st.one_of(st.integers(0, 20), st.integers(999, 99_999), st.integers(10**6, 10**12 - 1))


@st.composite
def rate_value(draw: st.DrawFn) -> EntryValue:
    denominator = draw(COUNTS)
    numerator = draw(st.one_of(st.just(denominator), st.just(0), st.integers(0, denominator)))
    return EntryValue(numerator=Decimal(numerator), denominator=Decimal(denominator))


def points_value(maximum: Decimal) -> st.SearchStrategy[EntryValue]:
    cents = st.one_of(st.just(0), st.just(int(maximum * 100)), st.integers(0, int(maximum * 100)))
    return cents.map(lambda c: EntryValue(points=Decimal(c) / 100))


def card_values(codes: list[str]) -> st.SearchStrategy[dict]:
    """Some of `codes` with a valid value each: points up to the maximum or whole counts with num ≤ den."""
    indicators = {code: ind(code) for code in codes}
    return st.fixed_dictionaries(
        {},
        optional={(i.pk, None): st.one_of(points_value(i.max_points), rate_value()) for code, i in indicators.items()},
    )


CODES = ["CKMB1", "CKMB2", "TDGQ1", "DVCTT1", "MDHL1", "MDHL4", "MDSH2"]


# --- the properties ---------------------------------------------------------------------------------


def test_any_valid_entry_saved_by_the_service_survives_a_save_of_the_form_that_shows_it(card, officer):
    client = officer_client(officer)

    @HYPOTHESIS
    @given(values=card_values(CODES))
    def check(values: dict) -> None:
        card.refresh_from_db()
        scorecard_save(scorecard=card, user=officer, values=values, causes={}, expected_version=card.version)
        post_back_unchanged(client, card)
        assert entries_current(scorecard=card) == values

    check()


def _as_api(value: EntryValue, style: str) -> dict:
    """A value as an API client may send it: as the form shows it ("1.222", "45,5"), as the API returns it
    ("1222.00"), or as JSON numbers."""

    def number(n: Decimal | None) -> object:
        if n is None:
            return None
        if style == "shown":
            return number_vi(n)
        if style == "returned":
            return f"{n:.2f}"
        return int(n) if n == n.to_integral_value() else float(n)

    return {
        "points": number(value.points),
        "numerator": number(value.numerator),
        "denominator": number(value.denominator),
    }


def test_any_valid_entry_set_through_the_api_survives_a_save_of_the_form_that_shows_it(api, card, officer):
    client, rest = officer_client(officer), api(officer)
    codes = {ind(code).pk: code for code in CODES}

    @HYPOTHESIS
    @given(values=card_values(CODES), style=st.sampled_from(["shown", "returned", "json"]))
    def check(values: dict, style: str) -> None:
        card.refresh_from_db()
        entries = [{"code": codes[key[0]], **_as_api(value, style)} for key, value in values.items()]
        url = f"/api/v1/scorecards/{card.pk}/"
        response = rest.put(url, {"version": card.version, "entries": entries}, format="json")
        assert response.status_code == 200, response.json()
        post_back_unchanged(client, card)
        assert entries_current(scorecard=card) == values

    check()


def test_zero_zero_over_zero_and_1222_set_through_the_api_survive_the_form(api, card, officer):
    """The issue's own example: 0 points, 0/0 (no complaints at all) and a four-digit count."""
    entries = [
        {"code": "CKMB2", "points": 0},
        {"code": "MDHL4", "numerator": "0", "denominator": "0"},
        {"code": "MDHL5", "numerator": 0, "denominator": 0},
        {"code": "TDGQ1", "numerator": "1.222", "denominator": 1222},
        {"code": "CKMB1", "numerator": 0, "denominator": 1222},
    ]
    response = api(officer).put(f"/api/v1/scorecards/{card.pk}/", {"version": 1, "entries": entries}, format="json")
    assert response.status_code == 200, response.json()
    stored = entries_current(scorecard=card)
    client = officer_client(officer)
    shown = shown_form(client, card)
    assert shown[f"i{ind('TDGQ1').pk}_num"] == "1.222" and shown[f"i{ind('CKMB2').pk}_points"] == "0"
    post_back_unchanged(client, card)
    assert entries_current(scorecard=card) == stored
    assert Entry.objects.get(scorecard=card, indicator=ind("TDGQ1")).numerator == 1222
    assert Entry.objects.get(scorecard=card, indicator=ind("CKMB2")).points == 0
    assert Entry.objects.get(scorecard=card, indicator=ind("MDHL4")).denominator == 0


def test_zero_typed_in_the_form_is_stored_not_dropped(card, officer):
    client = officer_client(officer)
    data = {**shown_form(client, card), "action": "save"}
    data[f"i{ind('CKMB2').pk}_points"] = "0"
    data[f"i{ind('MDHL4').pk}_num"] = "0"
    data[f"i{ind('MDHL4').pk}_den"] = "0"
    response = client.post(reverse("scorecard-entry", args=[card.pk]), data, follow=True)
    assert "Đã lưu nháp" in response.content.decode()
    assert entries_current(scorecard=card) == {
        (ind("CKMB2").pk, None): EntryValue(points=Decimal(0)),
        (ind("MDHL4").pk, None): EntryValue(numerator=Decimal(0), denominator=Decimal(0)),
    }


@pytest.mark.parametrize("method", list(PointsMethod))
def test_every_points_method_round_trips(card, officer, method):
    """One indicator switched to each method: what it stores is what the form shows and saves back."""
    indicator = ind("CKMB1")
    indicator.method = method
    indicator.target = Decimal(80) if method in (PointsMethod.TARGET_RATE, PointsMethod.FORMULA) else None
    indicator.formula = "threshold" if method == PointsMethod.FORMULA else ""
    indicator.save()
    client = officer_client(officer)
    if method == PointsMethod.DIRECT:
        samples = [EntryValue(points=Decimal(0)), EntryValue(points=Decimal("5.75")), EntryValue(points=Decimal(6))]
    else:
        samples = [
            EntryValue(numerator=Decimal(0), denominator=Decimal(0)),
            EntryValue(numerator=Decimal(1222), denominator=Decimal(1500)),
            EntryValue(numerator=Decimal(1_234_567), denominator=Decimal(1_234_567)),
            EntryValue(points=Decimal("4.5")),  # imported points on a rate indicator
        ]
    for value in samples:
        card.refresh_from_db()
        scorecard_save(
            scorecard=card, user=officer, values={(indicator.pk, None): value}, causes={}, expected_version=card.version
        )
        post_back_unchanged(client, card)
        assert entries_current(scorecard=card) == {(indicator.pk, None): value}


# --- bad input is a message, never a 500 -----------------------------------------------------------


@pytest.mark.parametrize("name", ["scorecard-entry", "scorecard-preview"])
@pytest.mark.parametrize(
    ("part", "typed", "message"),
    [
        ("points", "1e1000000", "Điểm CKMB1: “1e1000000” không phải là số"),
        ("num", "1e1000000", "Tử số CKMB1: “1e1000000” không phải là số"),
        ("num", "45,5", "Tử số 45,5 của CKMB1 (Tỷ lệ TTHC được công bố đúng hạn) không phải số nguyên"),
        ("den", "1.000.000.000.000", "Mẫu số CKMB1: “1.000.000.000.000” quá lớn"),
        pytest.param("points", "9" * 30, "Điểm CKMB1: “" + "9" * 30 + "” quá lớn", id="30-digits"),
        pytest.param(
            "points", "1" * 5000, "Điểm CKMB1: giá trị dài 5000 ký tự, không phải một số điểm", id="5000-digits"
        ),
    ],
)
def test_hostile_numbers_get_a_message_in_the_form_and_the_preview(card, officer, name, part, typed, message):
    client = officer_client(officer)
    data = {**shown_form(client, card), "action": "save", f"i{ind('CKMB1').pk}_{part}": typed}
    if part == "num":
        data[f"i{ind('CKMB1').pk}_den"] = "50"
    response = client.post(reverse(name, args=[card.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Entry.objects.filter(scorecard=card).exists()


def test_a_cause_too_long_is_a_message_beside_it_and_nothing_is_saved(card, officer):
    client = officer_client(officer)
    data = {**shown_form(client, card), "action": "save", f"i{ind('CKMB1').pk}_points": "5"}
    cause = next(name for name in data if name.startswith("cause_"))
    data[cause] = "Chậm. " * 700
    response = client.post(reverse("scorecard-entry", args=[card.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="field-error" role="alert">Nguyên nhân dài 4199 ký tự, quá 4000 ký tự' in page
    assert not Entry.objects.exists()


@pytest.mark.parametrize("version", ["2147483647", "9999999999999", "0", "-1", "abc"])
def test_an_impossible_version_is_a_message_in_the_form(card, officer, version):
    client = officer_client(officer)
    data = {**shown_form(client, card), "action": "save", "version": version, f"i{ind('CKMB1').pk}_points": "5"}
    response = client.post(reverse("scorecard-entry", args=[card.pk]), data)
    assert response.status_code == 200
    assert "Phiên bản phiếu điểm gửi lên không hợp lệ; hãy tải lại trang" in response.content.decode()
    card.refresh_from_db()
    assert card.version == 1 and not Entry.objects.exists()


@pytest.mark.parametrize("version", [MAX_VERSION + 1, 10**12, 0])  # MAX_VERSION + 1 is issue 11's 2 147 483 647
def test_an_impossible_version_is_a_400_in_the_api(api, card, officer, version):
    response = api(officer).put(
        f"/api/v1/scorecards/{card.pk}/",
        {"version": version, "entries": [{"code": "CKMB1", "points": 5}]},
        format="json",
    )
    assert response.status_code == 400
    assert "Phiên bản “version” phải là số nguyên từ 1 đến" in response.json()["version"][0]
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"code": "CKMB1", "points": "1e1000000"}, "Điểm CKMB1: “1e1000000” không phải là số"),
        ({"code": "CKMB1", "points": 1e300}, "không phải một số điểm hay số hồ sơ"),
        ({"code": "CKMB1", "points": True}, "Giá trị phải là một số hoặc chuỗi số"),
        ({"code": "CKMB1", "numerator": "45,5", "denominator": 50}, "Tử số 45,5 của CKMB1"),
        ({"code": "CKMB1", "numerator": 10**13, "denominator": 10**13}, "quá lớn"),
    ],
)
def test_hostile_numbers_are_a_400_naming_the_code_in_the_api(api, card, officer, entry, message):
    response = api(officer).put(f"/api/v1/scorecards/{card.pk}/", {"version": 1, "entries": [entry]}, format="json")
    assert response.status_code == 400
    assert message in str(response.json())
    assert not Entry.objects.exists()


def test_group_totals_from_an_import_round_trip(card, officer):
    """A commune whose card holds group totals (as the importer writes them) sees them and saves them back."""
    from indicators.models import IndicatorGroup

    groups = IndicatorGroup.objects.filter(scheme=card.scheme).order_by("order")
    values = {(None, g.pk): EntryValue(points=g.max_points * Decimal("0.71")) for g in groups}
    values = {key: EntryValue(points=value.points.quantize(Decimal("0.01"))) for key, value in values.items()}
    scorecard_save(scorecard=card, user=officer, values=values, causes={}, expected_version=card.version)
    client = officer_client(officer)
    shown = shown_form(client, card)
    assert shown[f"g{groups[0].pk}_points"] == number_vi(values[(None, groups[0].pk)].points)
    post_back_unchanged(client, card)
    assert entries_current(scorecard=card) == values


def test_not_applicable_and_points_under_the_converting_scheme_round_trip(dien_bien_dong, dienbien459):
    """Điện Biên (QĐ 459): "-" items are a ticked checkbox, points are typed; both survive a save as shown."""
    from accounts.constants import Role
    from indicators.services import period_get_or_create
    from tests.personas import persona

    commune = dien_bien_dong.children.order_by("code").first()
    officer = persona("canbo.dienbien", Role.COMMUNE_OFFICER, commune.code)
    card = Scorecard.objects.create(unit=commune, period=period_get_or_create(key="2024-06"), scheme=dienbien459)
    indicator = {i.code: i for i in Indicator.objects.filter(group__scheme=dienbien459)}
    values = {
        (indicator["CK1"].pk, None): EntryValue(not_applicable=True),
        (indicator["CK2"].pk, None): EntryValue(points=Decimal("4.5")),
        (indicator["CK3"].pk, None): EntryValue(points=Decimal(0)),
        (indicator["TD"].pk, None): EntryValue(points=Decimal("29.75")),
    }
    scorecard_save(scorecard=card, user=officer, values=values, causes={}, expected_version=card.version)
    client = officer_client(officer)
    shown = shown_form(client, card)
    assert shown[f"i{indicator['CK1'].pk}_na"] == "on" and shown[f"i{indicator['CK3'].pk}_points"] == "0"
    post_back_unchanged(client, card)
    assert entries_current(scorecard=card) == values
