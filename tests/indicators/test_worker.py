"""The real path: a Celery worker process, the Redis broker and PostgreSQL, as deployed.

Skipped without a broker or PostgreSQL, except in CI (CI=true), where those are required.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.db import connection, transaction

from indicators.imports.services import scores_import
from indicators.models import RecomputeRequest, Scorecard
from indicators.recompute_queue import recompute_request
from indicators.services import period_get_or_create
from scorecard_site.celery import app

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


def test_a_real_worker_recomputes_after_a_submission(lap_vo, qd766, seed_file):
    broker = _require_real_services()
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    card = Scorecard.objects.get(unit__name="Bình Thành", period=period)
    assert card.rank == 13

    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = os.environ | {
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "SECRET_KEY": "worker-test",
        "DJANGO_SETTINGS_MODULE": "scorecard_site.settings",
    }
    app.conf.task_always_eager = False
    app.control.purge()
    worker = subprocess.Popen(
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
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # An officer's corrected figure arrives (a submission), which queues a recompute for the worker.
        with transaction.atomic():
            Scorecard.objects.filter(pk=card.pk).update(published_total=D("95"))
            recompute_request(scheme=qd766, period=period)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            card.refresh_from_db()
            if card.rank == 1:
                break
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.3)
        assert card.rank == 1, "the worker did not recompute within 60 s"
        assert card.classification.label == "Xuất sắc"
        request = RecomputeRequest.objects.get(scheme=qd766, period=period)
        assert request.runs == 1 and not request.pending
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert "recompute_period" in output and "succeeded" in output
