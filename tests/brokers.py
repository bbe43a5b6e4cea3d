"""Pointing the Celery app at a broker for one test: a dead one (nothing listens on port 1) or the real one.

Changing the URL alone is not enough: the app and kombu cache connection and producer pools, so they are reset.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kombu import pools

from scorecard_site.celery import app

DEAD_BROKER = "redis://127.0.0.1:1/0"


def _reset_pools() -> None:
    pools.reset()  # kombu's process-wide producer pools, keyed by connection
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker(url: str) -> Iterator[None]:
    """Publish to `url` (tasks no longer run in-process) until the block ends."""
    names = ("broker_url", "broker_read_url", "broker_write_url", "task_always_eager")
    saved = {name: app.conf[name] for name in names}
    _reset_pools()
    # The read and write URLs were copied from broker_url when the app was configured: set all three.
    app.conf.update(broker_url=url, broker_read_url=url, broker_write_url=url, task_always_eager=False)
    try:
        yield
    finally:
        _reset_pools()
        app.conf.update(saved)
