"""The real path: a Celery worker process, the Redis broker and PostgreSQL, as deployed; and its faults: a worker
killed mid-run (SIGKILL) and a broker that is down.

Skipped without a broker or PostgreSQL, except in CI (CI=true), where those are required. Time limits and the
visibility timeout are shortened for the workers started here, so recovery is seen in seconds, not minutes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal as D
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from rest_framework.test import APIClient

from indicators.entry.services import scorecard_save
from indicators.imports.services import scores_import
from indicators.models import RecomputeRequest, Scorecard
from indicators.recompute_queue import recompute_request
from indicators.services import period_get_or_create
from scorecard_site.celery import app
from tests.brokers import DEAD_BROKER, broker
from tests.personas import PASSWORD, commune_indicators

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _require_real_services() -> str:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    problem = None
    if not broker.startswith("redis://"):
        problem = "CELERY_BROKER_URL is not a Redis URL"
    elif connection.vendor != "postgresql":
        problem = "the database is not PostgreSQL"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the worker test, but {problem}")
        pytest.skip(problem)
    return broker


def _worker_env(broker: str) -> dict[str, str]:
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return os.environ | {
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "SECRET_KEY": "worker-test",
        "DJANGO_SETTINGS_MODULE": "scorecard_site.settings",
        "RECOMPUTE_TIME_LIMIT": "4",
        "CELERY_VISIBILITY_TIMEOUT": "5",
    }


def _start_worker(broker: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "scorecard_site",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=_worker_env(broker),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _stop(worker: subprocess.Popen) -> str:
    if worker.poll() is None:
        worker.terminate()
    try:
        output, _ = worker.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
    return output or ""


def _wait_for(condition, seconds: float, worker: subprocess.Popen | None = None) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        if worker is not None and worker.poll() is not None:
            raise AssertionError(worker.stdout.read())
        time.sleep(0.3)
    return condition()


@pytest.fixture
def lap_vo_january(lap_vo, qd766, seed_file):
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    card = Scorecard.objects.get(unit__name="Bình Thành", period=period)
    assert card.rank == 13
    return period, card


def test_a_real_worker_recomputes_after_a_submission(lap_vo_january, qd766):
    broker_url = _require_real_services()
    period, card = lap_vo_january
    with broker(broker_url):
        app.control.purge()
        worker = _start_worker(broker_url)
        try:
            # An officer's corrected figure arrives (a submission), which queues a recompute for the worker.
            with transaction.atomic():
                Scorecard.objects.filter(pk=card.pk).update(published_total=D("95"))
                recompute_request(scheme=qd766, period=period)
            assert _wait_for(lambda: _rank(card) == 1 and _finished(qd766, period), 60, worker), (
                "the worker did not recompute within 60 s"
            )
            card.refresh_from_db()
            assert card.classification.label == "Xuất sắc"
            request = RecomputeRequest.objects.get(scheme=qd766, period=period)
            assert request.runs == 1 and not request.pending and request.claimed_until is None
        finally:
            output = _stop(worker)
    assert "recompute_period" in output and "succeeded" in output


def _finished(scheme, period) -> bool:
    """The run has let go of its claim (it clears the lease just after committing the figures)."""
    return RecomputeRequest.objects.filter(scheme=scheme, period=period, claimed_until__isnull=True).exists()


def _rank(card: Scorecard) -> int | None:
    return Scorecard.objects.filter(pk=card.pk).values_list("rank", flat=True).first()


def test_a_worker_killed_mid_run_is_caught_up_without_a_new_trigger(lap_vo_january, qd766):
    """SIGKILL while the run waits inside its transaction: the claim stays behind, and the next worker (or the
    redelivered task) claims it once its 4-second lease has expired. Nobody submits anything in between."""
    broker_url = _require_real_services()
    period, card = lap_vo_january
    with broker(broker_url):
        app.control.purge()
        with connection.cursor() as cursor:  # hold the period's lock, so the run is caught mid-way
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [qd766.pk, period.pk])
        first = _start_worker(broker_url)
        second = None
        try:
            with transaction.atomic():
                Scorecard.objects.filter(pk=card.pk).update(published_total=D("95"))
                recompute_request(scheme=qd766, period=period)
            claimed = RecomputeRequest.objects.filter(scheme=qd766, period=period, claimed_until__isnull=False)
            assert _wait_for(claimed.exists, 60, first), "the first worker never claimed the run"
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [qd766.pk, period.pk])
            request = RecomputeRequest.objects.get(scheme=qd766, period=period)
            assert not request.pending and request.claimed_until is not None and _rank(card) == 13
            second = _start_worker(broker_url)
            assert _wait_for(lambda: _rank(card) == 1 and _finished(qd766, period), 60, second), (
                "the killed run was never completed"
            )
            request.refresh_from_db()
            assert not request.pending and request.claimed_until is None and request.runs == 1
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock_all()")
            _stop(first)
            if second is not None:
                _stop(second)


def test_a_dead_broker_never_fails_a_submission_and_nothing_stays_stuck(
    card, other_card, officer, other_officer, complete_values, client
):
    """The broker is down: the API and the page submit in under 10 s without a 5xx, and the figures are computed
    in-process; once it is back, `recompute --pending` finds nothing left and the ranking is the fresh one."""
    broker_url = _require_real_services()
    saved = scorecard_save(
        scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version
    )
    api = APIClient()
    api.force_authenticate(officer)
    with broker(DEAD_BROKER):
        started = time.monotonic()
        response = api.post(
            f"/api/v1/scorecards/{card.pk}/submit/", {"version": saved.scorecard.version}, format="json"
        )
        assert time.monotonic() - started < 10
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "submitted" and response.json()["rank"] == 1
        # The page: Tân Mỹ's officer enters every indicator as 10 of 10 and presses "Nộp".
        assert client.login(username=other_officer.username, password=PASSWORD)
        data = {"version": str(other_card.version), "action": "submit"}
        for indicator in commune_indicators(other_card.scheme):
            data[f"i{indicator.pk}_num"], data[f"i{indicator.pk}_den"] = "10", "10"
        started = time.monotonic()
        page = client.post(reverse("scorecard-entry", args=[other_card.pk]), data, follow=True)
        assert time.monotonic() - started < 10
        assert page.status_code == 200 and "trong giây lát" in page.content.decode()
    out = StringIO()
    with broker(broker_url):
        call_command("recompute", "--pending", stdout=out)
    assert "0 kỳ vừa tính" in out.getvalue()
    assert not RecomputeRequest.objects.filter(Q(pending=True) | Q(claimed_until__isnull=False)).exists()
    assert (_rank(other_card), _rank(card)) == (1, 2)
    assert Scorecard.objects.get(pk=other_card.pk).status == "submitted"
