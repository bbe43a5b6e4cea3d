"""portal_fetch against a stand-in portal (pytest-httpserver on 127.0.0.1) serving the recorded responses."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from werkzeug import Response

from indicators.models import PortalFetch, PublishedFigure
from indicators.portal.client import PortalClient, PortalRefused
from indicators.portal.constants import API_PATH
from indicators.portal.fetching import portal_fetch
from indicators.portal.services import portal_import
from tests.portal_fixtures import PORTAL, responses


def _serve(httpserver, key: str, log: list) -> None:
    folder = PORTAL / "phu-tho" / key
    summary = (PORTAL / "national" / f"service-results-{key}.json").read_bytes()

    def handler(request):
        endpoint = request.path.removeprefix(API_PATH)
        body = json.loads(request.data)
        log.append((endpoint, body))
        if endpoint == "service-results":
            return Response(summary, status=201, content_type="application/json")
        page = body.get("currentPage", 1)
        path = folder / (f"{endpoint}.json" if page == 1 else f"{endpoint}-p{page}.json")
        return Response(path.read_bytes(), status=201, content_type="application/json")

    httpserver.expect_request(f"{API_PATH}", method="POST").respond_with_handler(handler)
    httpserver.expect_request(__import__("re").compile(f"{API_PATH}.*"), method="POST").respond_with_handler(handler)


def test_fetch_stores_the_same_figures_as_the_upload_politely(phu_tho, period, httpserver):
    log: list = []
    _serve(httpserver, "2026-10", log)
    pauses: list[float] = []
    client = PortalClient(base_url=httpserver.url_for("/"), delay=1.0, jitter=0.5, sleep=pauses.append)
    record, _report = portal_fetch(province=phu_tho, period=period("2026-10"), client=client)
    assert record.status == PortalFetch.DONE, record.message
    fetched = sorted(PublishedFigure.objects.values_list("scorecard__unit_id", "level", "code", "points"))
    endpoints = [e for e, _b in log]
    assert endpoints.count("service-results") == 1
    assert endpoints.count("dvc-progress-tree") == 2 and endpoints.count("transparency") == 1
    assert len(endpoints) == len(set(json.dumps(x, sort_keys=True) for x in log)) == 9  # each page once
    assert len(pauses) == 8 and all(1.0 <= p <= 1.5 for p in pauses)  # a delay with jitter between requests
    bodies = dict((e, b) for e, b in log)
    root = bodies["transparency"]["rootDepartmentId"]
    assert bodies["transparency"] == {
        "timeType": "month",
        "year": 2026,
        "month": 10,
        "rootDepartmentId": root,
        "currentPage": 1,
        "pageSize": 200,
    }
    assert bodies["handling-satisfaction"]["fromDate"] == "2026-10-01"
    assert (
        bodies["handling-satisfaction"]["toDate"] == "2026-10-31" and "timeType" not in bodies["handling-satisfaction"]
    )
    # The upload of the same responses changes nothing and stores the same figures.
    again = portal_import(files=responses("2026-10"), period=period("2026-10"))
    assert again.changed_count == 0
    assert sorted(PublishedFigure.objects.values_list("scorecard__unit_id", "level", "code", "points")) == fetched


@pytest.mark.parametrize(
    ("status", "content", "kind", "words"),
    [
        (429, b'{"message": "Too Many Requests"}', "application/json", "429"),
        (403, b"Forbidden", "text/plain", "403"),
        (200, (PORTAL / "errors" / "request-rejected.html").read_bytes(), "text/html", "request rejected"),
    ],
)
def test_fetch_stops_at_once_on_refusal(phu_tho, period, httpserver, status, content, kind, words):
    httpserver.expect_request(f"{API_PATH}service-results", method="POST").respond_with_data(
        content, status=status, content_type=kind
    )
    client = PortalClient(base_url=httpserver.url_for("/"), delay=0, jitter=0, retries=3)
    record, report = portal_fetch(province=phu_tho, period=period("2026-10"), client=client)
    assert record.status == PortalFetch.FAILED and words in record.message and report is None
    assert len(httpserver.log) == 1  # no retry after a refusal


def test_retries_a_server_error_a_limited_number_of_times(httpserver):
    httpserver.expect_request(f"{API_PATH}transparency").respond_with_data("oops", status=502)
    client = PortalClient(base_url=httpserver.url_for("/"), delay=0, jitter=0, retries=2)
    with pytest.raises(PortalRefused):
        client.post("transparency", {})
    assert len(httpserver.log) == 3


@override_settings(PORTAL_REQUEST_DELAY=1.0)
def test_default_delay_is_at_least_a_second():
    assert PortalClient().delay >= 1


def test_status_page_shows_the_last_fetch_outcome(client, phu_tho_staff, phu_tho, period, httpserver):
    from django.urls import reverse

    httpserver.expect_request(f"{API_PATH}service-results", method="POST").respond_with_data(
        "{}", status=429, content_type="application/json"
    )
    portal_fetch(province=phu_tho, period=period("2026-10"), client=PortalClient(base_url=httpserver.url_for("/")))
    client.force_login(phu_tho_staff)
    text = client.get(reverse("portal-home")).content.decode()
    assert "Lỗi" in text and "429" in text and "Tháng 10 năm 2026" in text
