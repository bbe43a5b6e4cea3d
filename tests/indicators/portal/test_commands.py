"""The command lines of the issue: portal_import (one command per period), portal_reconcile --format csv, rankings
without --scheme; nightly periods of the Celery task."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from indicators.portal.tasks import nightly_period_keys
from tests.portal_fixtures import PORTAL


def _import(key: str) -> str:
    out = io.StringIO()
    files = [str(p) for p in sorted((PORTAL / "phu-tho" / key).glob("*.json"))]
    call_command(
        "portal_import", *files, str(PORTAL / "national" / f"service-results-{key}.json"), "--period", key, stdout=out
    )
    return out.getvalue()


def test_import_then_reconcile_csv_and_rankings(phu_tho):
    text = _import("2026-10")
    assert "bộ chỉ số dvcqg-2026" in text and "Đơn vị mới tạo" in text and "SHA-256" in text
    out = io.StringIO()
    call_command("portal_reconcile", "--period", "2026-10", "--province", "25", "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == ["unit_code", "unit_name", "portal_code", "group", "computed", "published", "difference"]
    assert len(rows) == 163 * 6 and {r["difference"] for r in rows} == {"0.00"}
    assert rows[0]["unit_name"] == "Tỉnh Phú Thọ" and rows[0]["portal_code"] == "H25"
    ranking = io.StringIO()
    call_command("rankings", "--period", "2026-10", "--parent", "25", "--format", "csv", stdout=ranking)
    ranked = list(csv.DictReader(io.StringIO(ranking.getvalue())))
    assert {r["rank_of"] for r in ranked} == {"14", "148"}


def test_dry_run_writes_nothing_and_errors_are_command_errors(phu_tho):
    from indicators.models import Scorecard

    out = io.StringIO()
    call_command(
        "portal_import",
        str(PORTAL / "phu-tho" / "2026-10" / "transparency.json"),
        "--period",
        "2026-10",
        "--dry-run",
        stdout=out,
    )
    assert "Chạy thử" in out.getvalue() and not Scorecard.objects.exists()
    with pytest.raises(CommandError, match="Không Có Thật"):
        call_command("portal_import", str(PORTAL / "errors" / "transparency-unmatched.json"), "--period", "2026-10")


def test_nightly_periods():
    assert nightly_period_keys(date(2026, 1, 5)) == ["2026-01", "2025-12", "2026-Q1", "2025-Q4", "2026", "2025"]
    assert nightly_period_keys(date(2026, 12, 1)) == ["2026-12", "2026-11", "2026-Q4", "2026-Q3", "2026", "2025"]


def test_nightly_task_queues_each_configured_province_and_period(phu_tho, settings, monkeypatch):
    from indicators.portal import tasks

    settings.PORTAL_PROVINCES = ["Tỉnh Phú Thọ"]
    queued = []
    monkeypatch.setattr(tasks.portal_fetch_province, "delay", lambda *args: queued.append(args))
    assert tasks.portal_fetch_nightly() == 6
    assert {province for province, _key in queued} == {phu_tho.pk} and len({key for _p, key in queued}) == 6
