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


# In a child with SIGPIPE at its default, as the command has it: the pool's task thread is made
# slow to send its last words (an end mark for each worker), so that it writes them after the
# run has dropped the pool. With no reader left on the task pipe, that write would end the whole
# process with SIGPIPE (status -13).
_LATE_TASK_THREAD = """
import gc, signal, sys, time
from multiprocessing import pool as mp_pool
from cablecli.parse import pool

signal.signal(signal.SIGPIPE, signal.SIG_DFL)
handle_tasks = mp_pool.Pool._handle_tasks

def late(taskqueue, put, outqueue, workers, cache):
    def slow_put(obj):
        if obj is None:
            time.sleep(0.5)
        put(obj)
    handle_tasks(taskqueue, slow_put, outqueue, workers, cache)

mp_pool.Pool._handle_tasks = staticmethod(late)
p, _ = pool._new_pool(2)
assert p.apply_async(abs, (-2,)).get(timeout=60) == 2
reader = p._inqueue._reader
pool._abandon(p)
del p
gc.collect()
del reader  # the last reference this script holds to the task pipe's read end
gc.collect()
time.sleep(1.5)
print("ended")
"""


def test_the_task_thread_writing_after_the_run_does_not_end_the_process():
    import subprocess
    import sys

    from tests.conftest import ROOT

    proc = subprocess.run(
        [sys.executable, "-c", _LATE_TASK_THREAD], capture_output=True, cwd=ROOT, timeout=60
    )
    assert (proc.returncode, proc.stdout) == (0, b"ended\n"), proc.stderr
