"""When a parallel run ends, its workers are killed and none is started in their place: the pool's
worker handler would otherwise fork new ones (from a process with threads, where a child can hang
before it runs), and the end of the run would wait for them for ever."""

from __future__ import annotations

import multiprocessing
import time

from cablecli.parse import pool


def _double(x: int) -> int:
    return 2 * x


def test_no_worker_is_started_after_the_pool_is_abandoned():
    workers = pool._new_pool(2)
    try:
        assert workers[0].apply_async(_double, (21,)).get(timeout=60) == 42
    finally:
        pool._abandon(workers[0])
    deadline = time.monotonic() + 1.0  # the handler checks its workers about every 0.1 s
    while time.monotonic() < deadline:
        assert multiprocessing.active_children() == []
        time.sleep(0.05)
