"""Pointing the Celery app at a broker for one test: a dead one (nothing listens on port 1) or the real one.

Changing the URL alone is not enough: the app caches its connection and producer pools, so both are reset.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from scorecard_site.celery import app

DEAD_BROKER = "redis://127.0.0.1:1/0"


def _reset_pools() -> None:
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker(url: str) -> Iterator[None]:
    """Publish to `url` (tasks no longer run in-process) until the block ends."""
    saved = app.conf.broker_url, app.conf.task_always_eager
    _reset_pools()
    app.conf.broker_url, app.conf.task_always_eager = url, False
    try:
        yield
    finally:
        _reset_pools()
        app.conf.broker_url, app.conf.task_always_eager = saved
