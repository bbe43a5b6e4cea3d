"""indicators/recompute_queue.py: triggers collapse into one run, a claim is taken once, failures retry."""

from __future__ import annotations

import threading
from decimal import Decimal as D
from unittest import mock

import pytest
from django.db import connection, transaction

from indicators.imports.services import scores_import
from indicators.models import RecomputeRequest, Scorecard
from indicators.recompute_queue import recompute_claim_and_run, recompute_request, recompute_request_all
from indicators.services import period_get_or_create, scorecards_recompute


@pytest.fixture
def january(lap_vo, qd766, seed_file):
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    return period


@pytest.mark.django_db
def test_many_triggers_send_one_task_and_one_run(january, qd766, django_capture_on_commit_callbacks):
    Scorecard.objects.filter(unit__name="Bình Thành", period=january).update(published_total=D("95"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(5):
            recompute_request(scheme=qd766, period=january)
    assert len(callbacks) == 1  # one task for five triggers, run in-process (no broker)
    request = RecomputeRequest.objects.get(scheme=qd766, period=january)
    assert request.runs == 1 and not request.pending and request.finished_at is not None
    assert Scorecard.objects.get(unit__name="Bình Thành", period=january).rank == 1


@pytest.mark.django_db
def test_a_claimed_request_is_not_run_twice(january, qd766):
    with mock.patch("indicators.recompute_queue.transaction.on_commit"):
        recompute_request(scheme=qd766, period=january)
    assert recompute_claim_and_run(scheme_id=qd766.pk, period_id=january.pk) == 13 + 0  # the 13 communes
    assert recompute_claim_and_run(scheme_id=qd766.pk, period_id=january.pk) == 0


@pytest.mark.django_db
def test_a_failed_run_stays_pending_and_a_rerun_gives_the_same_result(january, qd766):
    before = list(Scorecard.objects.filter(period=january).order_by("pk").values_list("rank", "converted_total"))
    with mock.patch("indicators.recompute_queue.transaction.on_commit"):
        recompute_request(scheme=qd766, period=january)
    with (
        mock.patch("indicators.recompute_queue.scorecards_recompute", side_effect=RuntimeError("mất kết nối")),
        pytest.raises(RuntimeError),
    ):
        recompute_claim_and_run(scheme_id=qd766.pk, period_id=january.pk)
    request = RecomputeRequest.objects.get(scheme=qd766, period=january)
    assert request.pending and request.last_error == "mất kết nối"
    assert recompute_claim_and_run(scheme_id=qd766.pk, period_id=january.pk) == 13
    after = list(Scorecard.objects.filter(period=january).order_by("pk").values_list("rank", "converted_total"))
    assert after == before


@pytest.mark.django_db
def test_nightly_run_queues_every_period_with_scorecards(january, qd766, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert recompute_request_all() == 1
    assert len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_two_recomputes_at_once_leave_one_consistent_ranking(january, qd766):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers by locking the whole file")
    Scorecard.objects.filter(unit__name="Bình Thành", period=january).update(published_total=D("95"))
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with transaction.atomic():
                scorecards_recompute(scheme=qd766, period=january)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    ranks = list(Scorecard.objects.filter(period=january).order_by("rank").values_list("rank", flat=True))
    assert ranks == list(range(1, 14))
    assert Scorecard.objects.get(unit__name="Bình Thành", period=january).rank == 1
