"""Parse a stream of cable texts, in this process or in worker processes, keeping input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from cablecli.inputs import CableText, InputError
from cablecli.model import Cable
from cablecli.parse import parse_text

# Texts handed to a worker at a time: large enough to amortise the pickling round trip,
# small enough to keep memory flat and output flowing.
_CHUNK = 64


def _identity(cable: Cable) -> Cable:
    return cable


class _Work:
    """Picklable worker callable: parse, then transform (e.g. to a dict or a line of output)."""

    def __init__(self, transform: Callable[[Cable], Any], body: bool = True) -> None:
        self.transform = transform
        self.body = body

    def __call__(self, item: CableText) -> Any:
        return self.transform(parse_text(item.text, item.source, body=self.body))


def resolve_jobs(jobs: int) -> int:
    """`-j 0` means one worker per core."""
    return (os.cpu_count() or 1) if jobs <= 0 else jobs


def parse_stream(
    items: Iterable[CableText | InputError],
    jobs: int = 1,
    transform: Callable[[Cable], Any] = _identity,
    body: bool = True,
) -> Iterator[Any | InputError]:
    """Yield `transform(parse_text(text))` for each text and each InputError as it comes, in order.

    `body=False` skips the body walk (see parse_text) for a transform that reads no body field.
    With `jobs` > 1 the parsing and the transform run in worker processes (the transform must then
    be picklable: a module-level function or a functools.partial of one).
    """
    work = _Work(transform, body)
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        for item in items:
            yield item if isinstance(item, InputError) else work(item)
        return
    yield from _parallel(items, jobs, work)


def _parallel(items: Iterable[CableText | InputError], jobs: int, work: _Work) -> Iterator[Any]:
    import multiprocessing as mp
    from collections import deque

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    pool = ctx.Pool(jobs, initializer=_worker_init, initargs=(os.getpid(),))
    try:
        # Batches go out in order and come back in order; InputErrors travel in the same queue
        # so that they are reported where they occur. A bounded window keeps memory flat.
        window: deque = deque()
        limit = jobs * 4
        batch: list[CableText | InputError] = []

        def submit(chunk: list[CableText | InputError]) -> None:
            window.append(pool.apply_async(_run_batch, (work, chunk)))

        for item in items:
            batch.append(item)
            if len(batch) >= _CHUNK:
                submit(batch)
                batch = []
                while len(window) >= limit:
                    yield from window.popleft().get()
        if batch:
            submit(batch)
        while window:
            yield from window.popleft().get()
    except BaseException:
        _abandon(pool)
        raise
    pool.terminate()


def _abandon(pool: Any) -> None:
    """Stop the workers at once when the run ends early (Ctrl-C, an error, a consumer gone).

    Pool.terminate() can block for ever then: its task thread stuck writing a batch into a full
    pipe, or a queue lock held by a busy worker (seen with Ctrl-C under load). The workers hold
    nothing worth saving, so they are killed, and the pool's own clean-up at exit is cancelled;
    its threads are daemons and end with the process.
    """
    from multiprocessing import pool as mp_pool

    workers = list(getattr(pool, "_pool", ()))
    for worker in workers:
        try:
            worker.kill()
        except (OSError, ValueError, AttributeError):
            pass
    for worker in workers:
        try:
            worker.join(timeout=1)
        except (OSError, ValueError, AttributeError, AssertionError):
            pass
    finalizer = getattr(pool, "_terminate", None)
    if finalizer is not None and hasattr(finalizer, "cancel"):
        finalizer.cancel()
    pool._state = mp_pool.TERMINATE  # no "unclosed running pool" warning when it is collected


def _worker_init(parent: int) -> None:
    # Ctrl-C goes to the whole process group: let the main process alone handle it, so that the
    # workers do not each print a traceback.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)


def _end_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this worker when the main process ends, however it ends.

    `cablecli parse -j 2 ... | head -1` kills the main process with SIGPIPE, which gives the pool
    no chance to stop its workers. A worker then writing a result into the closed queue dies of
    SIGPIPE too, holding the queue's lock, and the others wait for that lock forever.
    """
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGKILL))
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the main process ended before the call above
        os._exit(0)


def _run_batch(work: _Work, chunk: list[CableText | InputError]) -> list[Any]:
    return [item if isinstance(item, InputError) else work(item) for item in chunk]
