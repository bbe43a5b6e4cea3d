"""gunicorn's settings, read by the image, docker-compose.yml and bench/entry.py, so the benchmark measures what
ships.

Threaded workers (gthread): a request spends much of its time waiting for PostgreSQL, and while it waits another
thread of the same process runs, so two processes keep two cores busy; a sync worker idles through every query,
and clients queue in the kernel behind it. The environment overrides: WEB_CONCURRENCY (processes, default 2, about
one per core), GUNICORN_THREADS (per process, default 4; each holds its own database connection), GUNICORN_BIND.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
accesslog = "-"
