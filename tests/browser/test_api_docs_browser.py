"""In a real browser: the API's two documentation pages render under the site's CSP with nothing refused
(no fonts or scripts from elsewhere, no inline script)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("path", "ready"), [("/api/v1/redoc/", "redoc-wrap"), ("/api/v1/docs/", "swagger-ui")])
def test_the_api_docs_render_with_nothing_refused_by_the_csp(new_page, path, ready):
    page = new_page()
    refused: list[str] = []
    page.on("requestfailed", lambda request: refused.append(f"{request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and refused.append(f"{response.url} {response.status}"))
    page.goto(path)
    expect(page.locator(f".{ready}").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("/api/v1/scorecards/").first).to_be_attached(timeout=30_000)
    # Redoc's own attribution logo is fetched from its CDN by its script; the CSP refuses it and Redoc then drops
    # the image (its onError handler). Nothing else may be refused or missing.
    assert [r for r in refused if not r.startswith("https://cdn.redoc.ly/redoc/logo-mini.svg")] == []
