"""Benchmark: officers saving and submitting complete scorecards through the web form.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scorecard CELERY_BROKER_URL=redis://127.0.0.1:6379/13 \
        python bench/entry.py [--officers 20] [--saves 5] [--think 5]

Works in `<database>_entrybench` on the configured PostgreSQL server (created and migrated once, reused later):
today's units of Đồng Tháp (2025 edition), one officer per commune for `--officers` communes, and each run a new
month whose scorecards they fill. Prints

- `queries per save: N`: SQL queries of one save-and-submit POST of a complete scorecard (Django's test client,
  the whole request: session, rights, parsing, validation, saving, the change log, submitting, queueing the
  recompute; the recompute itself runs afterwards in the Celery worker and is counted apart);
- the same for a draft save and for one per-cell autosave;
- p50 / p95 of the save POSTs of `--officers` officers working at once, each saving `--saves` drafts and then
  saving and submitting, against the app as it is deployed: gunicorn with two workers and the configuration the
  image runs (`gunicorn.conf.py`), production settings, and, with CELERY_BROKER_URL, a Celery worker that runs the
  submits' recomputes (without a broker they run inside the submit's request, as `make demo` runs them). Officers
  log in first (a login hashes the password: seconds of CPU for 20 at once, not a save). Two runs: officers who
  think between saves (exponential, mean `--think` seconds, after each answer), and a stress run where every
  officer posts again the moment the answer arrives (20 requests always in flight: a capacity figure, not how
  20 officers work). Each line names its setup and the load average of the machine.
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
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True, serialize=False)
    return name


def officers(count: int) -> list[tuple[str, object]]:
    """(username, commune) for the first `count` communes of today's Đồng Tháp (2025 edition), each with its officer.

    Today's units, since the run's months lie after 1/7/2025: a legacy commune has no scorecard then, and its form
    would only ever answer "locked" (an earlier version of this benchmark timed exactly that)."""
    from django.contrib.auth import get_user_model

    from accounts.constants import Role
    from accounts.models import Membership
    from units.loaders import province_load
    from units.models import AdministrativeUnit

    if not AdministrativeUnit.objects.filter(edition="2025", level=1, code="82").exists():
        province_load(province="Đồng Tháp", edition="2025")
    province = AdministrativeUnit.objects.get(edition="2025", level=1, code="82")
    communes = list(AdministrativeUnit.objects.filter(parent=province, level=3).order_by("code"))
    result = []
    for n, unit in enumerate(communes[:count]):
        username = f"bench.canbo.{n:02d}"
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_password(PASSWORD)
            user.save()
        Membership.objects.filter(user=user).exclude(unit=unit).delete()
        Membership.objects.get_or_create(user=user, unit=unit, role=Role.COMMUNE_OFFICER)
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
    """Queries of one draft save, one cell save and one save-and-submit, as the deployment runs them: the
    recompute a submit asks for is handed to the queue (here: recorded), then run and counted apart."""
    from django.contrib.auth import get_user_model

    from indicators.models import Scorecard
    from indicators.recompute_queue import recompute_claim_and_run

    username, unit = pairs[0]
    card = Scorecard.objects.create(unit=unit, period=period, scheme=scheme)
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    url = f"/phieu-diem/{card.pk}/"
    client.get(url)  # warm: templates, caches
    queued = []
    to_queue = mock.patch("indicators.recompute_queue.recompute_send", lambda **kwargs: queued.append(kwargs))
    with to_queue:
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
        with CaptureQueriesContext(connection) as submit:
            response = client.post(f"/phieu-diem/{other.pk}/", data)
        assert response.status_code == 302, response.status_code
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


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def served_env(database: str, broker: str) -> dict[str, str]:
    """The production settings (scorecard_site.settings, DEBUG off) against the bench database and `broker`."""
    url = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{url['USER']}@{url['HOST']}:{url['PORT']}/{database}",
        "DJANGO_SETTINGS_MODULE": "scorecard_site.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "DEBUG": "0",
        "CELERY_BROKER_URL": broker,
    }
    if not broker:
        env.pop("CELERY_BROKER_URL")  # tasks in-process: the submit's recompute is inside its request
    return env


def serve(database: str, port: int, broker: str) -> list[subprocess.Popen]:
    """gunicorn with two workers and the image's configuration, and a Celery worker when there is a broker."""
    env = served_env(database, broker)
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():  # production settings serve the hashed copies
        collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
        subprocess.run(collect, cwd=ROOT, env=env, check=True)  # noqa: S603 - fixed arguments
    quiet = {"cwd": ROOT, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "scorecard_site.wsgi"]
    processes = [subprocess.Popen([*command, "--workers", "2", "--bind", f"127.0.0.1:{port}"], **quiet)]  # noqa: S603
    if broker:  # as docker-compose.yml runs it, logging warnings only
        worker = [sys.executable, "-m", "celery", "-A", "scorecard_site", "worker", "-l", "warning"]
        processes.append(subprocess.Popen(worker, **quiet))  # noqa: S603 - fixed arguments
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return processes
        except OSError:
            time.sleep(0.2)
    stop(processes)
    sys.exit("gunicorn did not start")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Officer:
    """One officer's browser: logged in, the form open, then saves with a think time before each."""

    def __init__(self, base: str, username: str, card) -> None:
        import requests

        self.session = requests.Session()
        page = self.session.get(f"{base}/tai-khoan/dang-nhap/").text
        self.session.post(
            f"{base}/tai-khoan/dang-nhap/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": TOKEN.search(page).group(1)},
            allow_redirects=False,
        )
        self.url = f"{base}/phieu-diem/{card.pk}/"
        page = self.session.get(self.url).text
        self.csrf = TOKEN.search(page).group(1)
        self.version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
        self.card, self.username = card, username

    def run(self, saves: int, think: float, seed: int, times: list[float], errors: list[str]) -> None:
        import random

        rng = random.Random(seed)
        for n in range(saves + 1):
            if think:
                time.sleep(rng.expovariate(1 / think))
            action = "submit" if n == saves else "save"
            form = complete_form(self.card, version=self.version, seed=seed * 10 + n)
            data = {**form, "action": action, "csrfmiddlewaretoken": self.csrf}
            started = time.perf_counter()
            response = self.session.post(self.url, data, allow_redirects=False, headers={"Referer": self.url})
            times.append(time.perf_counter() - started)
            # A draft save comes back to the form; a submit goes home, or back to the form when it was refused.
            home = response.headers.get("Location", "").rstrip("/").endswith("/nhap-diem")
            if response.status_code != 302 or home != (action == "submit"):
                errors.append(f"{self.username}: {action} answered {response.status_code}")
                return
            self.version += 1


def concurrent_saves(database: str, pairs, scheme, saves: int, think: float, broker: str) -> None:
    from indicators.models import Entry, Scorecard

    period = fresh_period()  # each run starts from empty drafts
    cards = [Scorecard.objects.create(unit=unit, period=period, scheme=scheme) for _, unit in pairs]
    port = free_port()
    servers = serve(database, port, broker)
    times: list[float] = []
    errors: list[str] = []
    try:
        base = f"http://127.0.0.1:{port}"
        officers = [Officer(base, name, card) for (name, _), card in zip(pairs, cards, strict=True)]
        threads = [
            threading.Thread(target=officer.run, args=(saves, think, n, times, errors))
            for n, officer in enumerate(officers)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        caught_up = recompute_caught_up(scheme, period, cards, broker)
    finally:
        stop(servers)
    if errors:
        print("errors:", *errors[:5], sep="\n  ")
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)] if times else float("nan")
    submitted = Scorecard.objects.filter(pk__in=[c.pk for c in cards], status="submitted").count()
    stored = Entry.objects.filter(scorecard__in=cards).count()
    ranked = Scorecard.objects.filter(pk__in=[c.pk for c in cards], rank__isnull=False).count()
    who = (
        f"{len(pairs)} officers (logged in first) thinking between saves (exponential, mean {think:g} s)"
        if think
        else f"{len(pairs)} officers (logged in first) posting again as soon as answered (stress: {len(pairs)} "
        "requests always in flight, not how officers work)"
    )
    tasks = "recomputes in a Celery worker" if broker else "recomputes inside the submit's request (no broker)"
    print(
        f"{who}, {len(times)} save POSTs ({saves} drafts + 1 save-and-submit each) in {wall:.1f} s "
        f"({len(times) / wall:.1f}/s) on gunicorn -w 2 (gunicorn.conf.py), {tasks}: "
        f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; "
        f"{submitted}/{len(cards)} submitted, {stored} entries stored, {ranked}/{len(cards)} ranked{caught_up}; "
        f"{load()}"
    )


def recompute_caught_up(scheme, period, cards, broker: str) -> str:
    """Wait for the worker's recompute of the period; say how long after the last save it caught up."""
    from indicators.models import RecomputeRequest, Scorecard

    started = time.perf_counter()
    while time.perf_counter() - started < 60:
        request = RecomputeRequest.objects.filter(scheme=scheme, period=period).first()
        done = request is not None and not request.pending and request.claimed_until is None
        if done and not Scorecard.objects.filter(pk__in=[c.pk for c in cards], rank__isnull=True).exists():
            return f" ({time.perf_counter() - started:.1f} s after the last save)" if broker else ""
        time.sleep(0.1)
    return " (the recompute had not caught up 60 s after the last save)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=20)
    parser.add_argument("--saves", type=int, default=5, help="draft saves per officer before the submit")
    parser.add_argument("--think", type=float, default=5, help="mean seconds an officer thinks before each save")
    args = parser.parse_args()
    broker = os.environ.get("CELERY_BROKER_URL", "")
    database = use_bench_database()
    log(f"database {database}, broker {broker or 'none (tasks in-process)'}; {load()}")
    from indicators.models import Scheme

    scheme = Scheme.objects.get(code="qd766")
    pairs = officers(max(args.officers, 2))
    period = fresh_period()
    log(f"period {period.key}, {len(pairs)} officers")
    count_queries(pairs, period, scheme)
    for think in (args.think, 0) if args.think else (0,):
        concurrent_saves(database, pairs[: args.officers], scheme, args.saves, think, broker)
    log("done")


if __name__ == "__main__":
    main()
