"""Garbage-collector settings for web processes, and a pause of the collector for bulk work.

A 700-row league table builds thousands of short-lived objects; with CPython's default thresholds a full
collection lands in some requests and doubled their time (p95 160 ms against a 75 ms median in
bench/rankings.py). Freezing the objects loaded at start-up and collecting the young generation less often keeps
p95 near the median; memory stays bounded because collections still run.

A period's recompute builds a few objects per entry (tens of thousands at country size) that reference counting
frees; the collector would walk the growing heap again and again for none of them (a quarter of a national
recompute's time), so `gc_paused` turns it off for such a block.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 50_000


def gc_tune() -> None:
    """Call once per process after Django is loaded (the WSGI entry point does)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, 20, 100)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (also a decorator); what it leaves is collected after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
