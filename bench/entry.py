"""Benchmark: officers saving and submitting complete scorecards through the web form.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scorecard python bench/entry.py [--officers 20] [--saves 5]

Works in `<database>_entrybench` on the configured PostgreSQL server (created and migrated once, reused later):
the real units of Đồng Tháp, one officer per commune for `--officers` communes, and each run a new month whose
scorecards they fill. Prints

- `queries per save: N`: SQL queries of one save-and-submit POST of a complete scorecard (Django's test client,
  the whole request: session, rights, parsing, validation, saving, the change log, submitting, queueing the
  recompute; the recompute itself runs afterwards in the Celery worker and is counted apart);
- the same for a draft save and for one per-cell autosave;
- p50 / p95 of the save POSTs of `--officers` officers at once, each saving `--saves` drafts and then saving and
  submitting, against gunicorn with two workers (tasks in-process, as `make demo` runs them, so the submit's
  recompute is inside its request: the worst case).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard_site.test_settings")  # no collectstatic needed
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PASSWORD = "bench-766-officer"  # noqa: S105 - bench-only accounts in the bench database


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def use_bench_database() -> str:
    """Point Django at `<name>_entrybench` (created and migrated if missing), never at the user's own data."""
    if connection.vendor != "postgresql":
        sys.exit("bench/entry.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    name = f"{connection.settings_dict['NAME']}_entrybench"
    connection.settings_dict["TEST"]["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    return name


def officers(count: int) -> list[tuple[str, object]]:
    """(username, commune) for the first `count` communes of Đồng Tháp, each with its officer."""
    from django.contrib.auth import get_user_model

    from accounts.constants import Role
    from accounts.models import Membership
    from units.loaders import province_load
    from units.models import AdministrativeUnit

    if not AdministrativeUnit.objects.filter(edition="legacy", level=1, code="87").exists():
        province_load(province="Đồng Tháp", edition="legacy")
    communes = list(
        AdministrativeUnit.objects.filter(edition="legacy", level=3, code__startswith="30").order_by("code")
    )
    result = []
    for n, unit in enumerate(communes[:count]):
        username = f"bench.canbo.{n:02d}"
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_password(PASSWORD)
            user.save()
            Membership.objects.create(user=user, unit=unit, role=Role.COMMUNE_OFFICER)
        result.append((username, unit))
    return result


def fresh_period():
    """A month no run used yet, open for entry, so every run starts from empty drafts."""
    from indicators.models import Period
    from indicators.periods import period_next_key
    from indicators.services import period_get_or_create

    latest = Period.objects.filter(kind="month", key__gte="2040-01").order_by("-start").first()
    period = period_get_or_create(key=period_next_key(latest.key) if latest else "2040-01")
    period.entry_deadline = period.end
    period.save()
    return period


def complete_form(card, *, version: int, seed: int) -> dict[str, str]:
    from tests.personas import commune_indicators

    data = {"version": str(version)}
    for k, indicator in enumerate(commune_indicators(card.scheme)):
        data[f"i{indicator.pk}_num"] = str(50 + (seed * 7 + k * 3) % 50)
        data[f"i{indicator.pk}_den"] = "100"
    return data


def count_queries(pairs: list[tuple[str, object]], period, scheme) -> None:
    """Queries of one draft save, one cell save and one save-and-submit, as the deployment runs them."""
    from django.contrib.auth import get_user_model

    from indicators.models import Scorecard

    username, unit = pairs[0]
    card = Scorecard.objects.create(unit=unit, period=period, scheme=scheme)
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    url = f"/phieu-diem/{card.pk}/"
    client.get(url)  # warm: templates, caches
    queued = []
    with mock.patch("indicators.tasks.recompute_period.delay", lambda *args: queued.append(args)):
        data = {**complete_form(card, version=card.version, seed=1), "action": "save"}
        with CaptureQueriesContext(connection) as draft:
            response = client.post(url, data)
        assert response.status_code == 302, response.status_code
        card.refresh_from_db()
        data = complete_form(card, version=card.version, seed=2)
        first = next(name for name in data if name.endswith("_num"))
        with CaptureQueriesContext(connection) as cell:
            response = client.post(f"{url}o/{first.split('_')[0]}/", data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and 'data-state="saved"' in response.content.decode()
        card.refresh_from_db()
        data = {**complete_form(card, version=card.version, seed=3), "action": "submit"}
        with CaptureQueriesContext(connection) as submit:
            response = client.post(url, data)
        assert response.status_code == 302, response.status_code
    card.refresh_from_db()
    assert card.status == "submitted", card.status
    first_of_period = len(submit)
    # A second officer of the same period: the typical submit (the period's recompute row exists by now).
    other_name, other_unit = pairs[1]
    other = Scorecard.objects.create(unit=other_unit, period=period, scheme=scheme)
    client.force_login(get_user_model().objects.get(username=other_name))
    data = {**complete_form(other, version=other.version, seed=4), "action": "submit"}
    no_task = mock.patch("indicators.tasks.recompute_period.delay", lambda *args: queued.append(args))
    with no_task, CaptureQueriesContext(connection) as submit:
        response = client.post(f"/phieu-diem/{other.pk}/", data)
    assert response.status_code == 302, response.status_code
    from indicators.recompute_queue import recompute_claim_and_run

    with CaptureQueriesContext(connection) as recompute:
        recompute_claim_and_run(scheme_id=scheme.pk, period_id=period.pk)
    if os.environ.get("BENCH_SQL"):
        for query in submit.captured_queries:
            print("   ", query["sql"][:150])
    control = sum(
        1 for q in submit.captured_queries if q["sql"].split()[0] in {"BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"}
    )
    print(
        f"queries per save: {len(submit)}  (save and submit a complete scorecard; {control} of them BEGIN, COMMIT "
        f"and savepoints, so {len(submit) - control} statements that read or write)"
    )
    print(f"queries of the first save and submit of a period (creates its recompute row): {first_of_period}")
    print(f"queries per draft save: {len(draft)}")
    print(f"queries per cell save: {len(cell)}")
    print(f"queries of the recompute it queues (Celery worker): {len(recompute)}; tasks queued: {len(queued)}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn(database: str, port: int) -> subprocess.Popen:
    url = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{url['USER']}@{url['HOST']}:{url['PORT']}/{database}",
        "DJANGO_SETTINGS_MODULE": "scorecard_site.test_settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "DEBUG": "0",
    }
    env.pop("CELERY_BROKER_URL", None)  # tasks in-process: the submit's recompute is inside its request
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "gunicorn", "scorecard_site.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start")


def officer_run(base: str, username: str, card_id: int, saves: int, times: list[float], errors: list[str]) -> None:
    import requests

    session = requests.Session()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    page = session.get(f"{base}/tai-khoan/dang-nhap/").text
    session.post(
        f"{base}/tai-khoan/dang-nhap/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.search(page).group(1)},
        allow_redirects=False,
    )
    url = f"{base}/phieu-diem/{card_id}/"
    page = session.get(url).text
    csrf = token.search(page).group(1)
    version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
    from indicators.models import Scorecard

    card = Scorecard.objects.select_related("scheme").get(pk=card_id)
    for n in range(saves + 1):
        action = "submit" if n == saves else "save"
        data = {**complete_form(card, version=version, seed=n), "action": action, "csrfmiddlewaretoken": csrf}
        started = time.perf_counter()
        response = session.post(url, data, allow_redirects=False, headers={"Referer": url})
        times.append(time.perf_counter() - started)
        if response.status_code != 302:
            errors.append(f"{username}: {action} answered {response.status_code}")
            return
        version += 1


def concurrent_saves(database: str, pairs, period, scheme, saves: int) -> None:
    from indicators.models import Scorecard

    cards = [Scorecard.objects.create(unit=unit, period=period, scheme=scheme) for _, unit in pairs]
    port = free_port()
    server = gunicorn(database, port)
    times: list[float] = []
    errors: list[str] = []
    try:
        threads = [
            threading.Thread(
                target=officer_run, args=(f"http://127.0.0.1:{port}", username, card.pk, saves, times, errors)
            )
            for (username, _), card in zip(pairs, cards, strict=True)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    if errors:
        print("errors:", *errors[:5], sep="\n  ")
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)] if times else float("nan")
    submitted = Scorecard.objects.filter(pk__in=[c.pk for c in cards], status="submitted").count()
    print(
        f"{len(pairs)} officers at once, {len(times)} save POSTs ({saves} drafts + 1 save-and-submit each) "
        f"in {wall:.1f} s on gunicorn -w 2: p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; {submitted}/{len(cards)} submitted"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=20)
    parser.add_argument("--saves", type=int, default=5, help="draft saves per officer before the submit")
    args = parser.parse_args()
    database = use_bench_database()
    log(f"database {database}")
    from indicators.models import Scheme

    scheme = Scheme.objects.get(code="qd766")
    pairs = officers(max(args.officers, 2))
    period = fresh_period()
    log(f"period {period.key}, {len(pairs)} officers")
    count_queries(pairs, period, scheme)
    period = fresh_period()  # the concurrent run starts from empty drafts too
    concurrent_saves(database, pairs[: args.officers], period, scheme, args.saves)


if __name__ == "__main__":
    main()
