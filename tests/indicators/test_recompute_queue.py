"""indicators/recompute_queue.py: triggers collapse into one run, a claim is taken once, failures retry, a killed
run is claimable again, a dead broker never leaves a request waiting for ever."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from decimal import Decimal as D
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from indicators.imports.services import scores_import
from indicators.models import RecomputeRequest, Scorecard
from indicators.recompute_queue import (
    recompute_claim_and_run,
    recompute_lease_left,
    recompute_request,
    recompute_request_all,
    recompute_unfinished,
)
from indicators.services import period_get_or_create, scorecards_recompute
from tests.brokers import DEAD_BROKER, broker


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


def _killed_mid_run(scheme, period, *, seconds_ago: int) -> None:
    """What a worker killed mid-run leaves: claimed (not pending), its lease running out `seconds_ago` ago."""
    RecomputeRequest.objects.filter(scheme=scheme, period=period).update(
        pending=False, started_at=timezone.now(), claimed_until=timezone.now() - timedelta(seconds=seconds_ago)
    )


@pytest.mark.django_db
def test_a_run_killed_mid_way_is_claimable_once_its_lease_expires(january, qd766):
    Scorecard.objects.filter(unit__name="Bình Thành", period=january).update(published_total=D("95"))
    with mock.patch("indicators.recompute_queue.transaction.on_commit"):
        recompute_request(scheme=qd766, period=january)
    _killed_mid_run(qd766, january, seconds_ago=-60)  # still within its time limit: maybe alive
    assert recompute_claim_and_run(scheme_id=qd766.pk, period_id=january.pk) == 0
    assert 0 < recompute_lease_left(scheme_id=qd766.pk, period_id=january.pk) <= 60
    _killed_mid_run(qd766, january, seconds_ago=1)  # past it: the run is dead
    assert recompute_lease_left(scheme_id=qd766.pk, period_id=january.pk) is None
    assert recompute_unfinished() == [(qd766.pk, january.pk)]
    assert recompute_claim_and_run(scheme_id=qd766.pk, period_id=january.pk) == 13
    request = RecomputeRequest.objects.get(scheme=qd766, period=january)
    assert request.claimed_until is None and not request.pending and request.runs == 1
    assert Scorecard.objects.get(unit__name="Bình Thành", period=january).rank == 1
    assert recompute_unfinished() == []


@pytest.mark.django_db
def test_a_trigger_while_pending_sends_again_only_when_the_task_seems_lost(
    january, qd766, settings, django_capture_on_commit_callbacks
):
    settings.RECOMPUTE_RESEND_AFTER = 60
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert recompute_request(scheme=qd766, period=january)
        assert not recompute_request(scheme=qd766, period=january)  # its task is on its way
        RecomputeRequest.objects.filter(scheme=qd766, period=january).update(
            requested_at=timezone.now() - timedelta(seconds=61)
        )
        assert recompute_request(scheme=qd766, period=january)  # not picked up for a minute: send again
        assert not recompute_request(scheme=qd766, period=january)
    assert len(callbacks) == 2


@pytest.mark.django_db(transaction=True)
def test_a_dead_broker_runs_the_recompute_in_process_and_nothing_stays_pending(january, qd766):
    Scorecard.objects.filter(unit__name="Bình Thành", period=january).update(published_total=D("95"))
    started = time.monotonic()
    with broker(DEAD_BROKER), transaction.atomic():
        recompute_request(scheme=qd766, period=january)
    assert time.monotonic() - started < 10
    request = RecomputeRequest.objects.get(scheme=qd766, period=january)
    assert not request.pending and request.claimed_until is None and request.runs == 1
    assert Scorecard.objects.get(unit__name="Bình Thành", period=january).rank == 1


@pytest.mark.django_db(transaction=True)
def test_a_dead_broker_and_a_failing_run_leave_the_request_pending_for_recompute_pending(january, qd766):
    """Neither the broker nor the in-process run work: the action still commits; `recompute --pending` catches up."""
    Scorecard.objects.filter(unit__name="Bình Thành", period=january).update(published_total=D("95"))
    with (
        broker(DEAD_BROKER),
        mock.patch("indicators.recompute_queue.scorecards_recompute", side_effect=RuntimeError("hết bộ nhớ")),
        transaction.atomic(),
    ):
        recompute_request(scheme=qd766, period=january)
    request = RecomputeRequest.objects.get(scheme=qd766, period=january)
    assert request.pending and request.last_error == "hết bộ nhớ"
    assert Scorecard.objects.get(unit__name="Bình Thành", period=january).rank != 1
    out = StringIO()
    call_command("recompute", "--pending", stdout=out)
    assert "Đã tính lại 13 phiếu điểm của Tháng 01 năm 2024 (qd766)" in out.getvalue()
    assert Scorecard.objects.get(unit__name="Bình Thành", period=january).rank == 1
    request.refresh_from_db()
    assert not request.pending and request.last_error == "" and recompute_unfinished() == []


@pytest.mark.django_db
def test_recompute_pending_runs_abandoned_runs_and_leaves_finished_ones(january, qd766):
    with mock.patch("indicators.recompute_queue.transaction.on_commit"):
        recompute_request(scheme=qd766, period=january)
    _killed_mid_run(qd766, january, seconds_ago=5)
    out = StringIO()
    call_command("recompute", "--pending", stdout=out)
    assert "Đã tính lại 13 phiếu điểm" in out.getvalue()
    out = StringIO()
    call_command("recompute", "--pending", stdout=out)
    assert "0 kỳ vừa tính" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("recompute", "--pending", "--scheme", "qd766")
    with pytest.raises(CommandError):
        call_command("recompute")


@pytest.mark.django_db
def test_nightly_run_resends_a_pending_request(january, qd766, django_capture_on_commit_callbacks):
    with mock.patch("indicators.recompute_queue.transaction.on_commit"):
        recompute_request(scheme=qd766, period=january)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert recompute_request_all() == 1  # pending since a moment ago, yet sent again
    assert len(callbacks) == 1
