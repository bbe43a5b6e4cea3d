"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

No browser is downloaded: the system's /usr/bin/chromium is launched headless. Playwright's sync API runs an
event loop in the test thread, so Django's async-safety check is relaxed for these tests only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from indicators.constants import ScorecardStatus
from indicators.models import Entry, Scorecard
from indicators.services import period_get_or_create, scorecards_recompute
from tests.personas import commune_indicators
from tests.reports.conftest import january, media  # noqa: F401  (seed 000's league tables, for the report pages)
from units.models import AdministrativeUnit

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(f"{CHROMIUM} is missing; CI installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)  # generous: CI machines are shared, and a miss is a real failure anyway
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """A factory of pages, each in its own context (its own cookies: one user each)."""
    contexts = []
    trouble: list[str] = []  # failed requests and console errors, printed when a test fails, to say why

    def make(width: int = 1400, height: int = 900):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, locale="vi-VN"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("requestfailed", lambda r: trouble.append(f"request failed: {r.method} {r.url} {r.failure}"))
        page.on(
            "response", lambda r: r.status >= 400 and trouble.append(f"HTTP {r.status}: {r.request.method} {r.url}")
        )
        page.on("console", lambda m: m.type == "error" and trouble.append(f"console: {m.text}"))
        return page

    yield make
    for line in trouble:
        print(line)
    for context in contexts:
        context.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def district_history(lap_vo, scheme, card):
    """Two earlier months for all 13 communes, approved with plausible values, so the matrix looks real."""
    communes = list(AdministrativeUnit.objects.filter(parent=lap_vo).order_by("name"))
    indicators = commune_indicators(scheme)
    for shift, month in enumerate(("2024-03", "2024-04")):
        period = period_get_or_create(key=month)
        cards = Scorecard.objects.bulk_create(
            Scorecard(unit=u, period=period, scheme=scheme, status=ScorecardStatus.APPROVED) for u in communes
        )
        Entry.objects.bulk_create(
            Entry(
                scorecard=c,
                indicator=i,
                numerator=Decimal(60 + (n * 7 + k * 3 + shift * 5) % 40),
                denominator=Decimal(100),
            )
            for n, c in enumerate(cards)
            for k, i in enumerate(indicators)
        )
        scorecards_recompute(scheme=scheme, period=period)
    for n, unit in enumerate(communes):
        if unit.pk != card.unit_id:
            Scorecard.objects.create(
                unit=unit, period=card.period, scheme=scheme, status=ScorecardStatus.DRAFT if n % 3 else "submitted"
            )
