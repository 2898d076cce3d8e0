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
    """Picklable worker callable: parse, then transform (e.g. to a dict or a line of output);
    `batch` does a batch, its results combined by `combine` when given (see parse_stream)."""

    def __init__(
        self,
        transform: Callable[[Cable], Any],
        body: bool | str = True,
        combine: Callable[[list[Any]], Any] | None = None,
    ) -> None:
        self.transform = transform
        self.body = body
        self.combine = combine

    def __call__(self, item: CableText) -> Any:
        if not isinstance(item, CableText):
            item = item.cable_text()  # a row of a dump, decoded here (see csvdump.RawRow)
        return self.transform(parse_text(item.text, item.source, body=self.body))

    def one(self, item: CableText | InputError) -> Any:
        """The item's result in this process: each comes out as soon as it is parsed."""
        if isinstance(item, InputError):
            return item
        return self(item) if self.combine is None else self.combine([self(item)])

    def batch(self, chunk: list[CableText | InputError]) -> list[Any]:
        results = [item if isinstance(item, InputError) else self(item) for item in chunk]
        if self.combine is None:
            return results
        combined: list[Any] = []
        run: list[Any] = []
        for result in results:
            if isinstance(result, InputError):
                if run:
                    combined.append(self.combine(run))
                    run = []
                combined.append(result)
            else:
                run.append(result)
        if run:
            combined.append(self.combine(run))
        return combined


def resolve_jobs(jobs: int) -> int:
    """`-j 0` means one worker per core; more than `max_jobs()` is taken as that many."""
    return (os.cpu_count() or 1) if jobs <= 0 else min(jobs, max_jobs())


def max_jobs() -> int:
    """The most worker processes a run starts: four per core (parsing is CPU-bound)."""
    return 4 * (os.cpu_count() or 1)


def parse_stream(
    items: Iterable[CableText | InputError],
    jobs: int = 1,
    transform: Callable[[Cable], Any] = _identity,
    body: bool | str = True,
    combine: Callable[[list[Any]], Any] | None = None,
) -> Iterator[Any | InputError]:
    """Yield `transform(parse_text(text))` for each text and each InputError as it comes, in order.

    A text may also be a row of a dump not yet decoded (`iter_texts(..., raw_rows=True)`): it is
    decoded where it is parsed, in a worker with `jobs` > 1.

    `body=False` skips the body walk (see parse_text) for a transform that reads no body field,
    `body=BODY_TEXT` keeps the body's text without walking it.
    With `jobs` > 1 the parsing and the transform run in worker processes (the transform must then
    be picklable: a module-level function or a functools.partial of one).

    With `combine` (picklable too), each run of results between InputErrors is passed as a list to
    `combine`, and what it returns is yielded in place of the run: in a worker the runs of a
    batch, so that a batch comes back as one object (`parse` gets its records as one block of
    output bytes, render.records.join_records); in this process each result alone, so that it
    comes out as soon as it is parsed.
    """
    work = _Work(transform, body, combine)
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        for item in items:
            yield work.one(item)
        return
    yield from _parallel(items, jobs, work)


def _parallel(items: Iterable[CableText | InputError], jobs: int, work: _Work) -> Iterator[Any]:
    """Batches go out in order and come back in order; InputErrors travel with them, so that they
    are reported where they occur. A bounded window of batches in flight keeps memory flat.

    A worker that dies (killed, or by the out-of-memory killer) takes its batch with it, and the
    pool would wait for that batch for ever. So the workers are watched while waiting: when one
    has died, the batches not done by then are reported lost (one InputError per file, naming how
    many cables), and the rest of the input goes to a fresh pool (three at most; after that it is
    parsed in this process).
    """
    from collections import deque

    window: deque[tuple[Any, list[CableText | InputError]]] = deque()
    limit = jobs * 4
    pool, workers = _new_pool(jobs)
    restarts = 0
    try:
        stream = iter(items)
        while True:
            batch = list(_take(stream, _CHUNK))
            if batch:
                window.append((_submit(pool, work, batch) if pool is not None else None, batch))
            while window and (len(window) >= limit or not batch):
                result, chunk = window[0]
                if result is None:
                    window.popleft()
                    yield from _run_batch(work, chunk)
                    continue
                dead = _wait(result, workers)
                if dead is None:
                    window.popleft()
                    yield from result.get()
                    continue
                lost = [c for r, c in window if r is not None and not _done_ok(r)]
                kept = [(r, c) for r, c in window if r is None or _done_ok(r)]
                yield from _lost(lost, dead)
                _abandon(pool)
                restarts += 1
                pool, workers = _new_pool(jobs) if restarts <= 3 else (None, [])
                window = deque(kept)
            if not batch:
                break
    except BaseException:
        if pool is not None:
            _abandon(pool)
        raise
    if pool is not None:
        # Every batch is back: the workers are idle and hold nothing. Killing them cannot block,
        # where Pool.terminate() joins each and can wait for ever (see _abandon).
        _abandon(pool)


def _new_pool(jobs: int) -> tuple[Any, list[Any]]:
    """A pool whose threads (and workers) block SIGINT, so that Ctrl-C reaches the main thread.

    The kernel gives a signal sent to the process to any thread that does not block it. Taken by
    one of the pool's threads, Ctrl-C would leave the main thread blocked where it is (reading a
    quiet stdin, for ever). Threads and forked processes inherit the signal mask of their creator,
    so SIGINT is blocked while the pool is made and unblocked again in this thread only.
    """
    import multiprocessing as mp
    import signal
    import threading

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    mask = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if mask else set()
    try:
        pool = ctx.Pool(jobs, initializer=_worker_init, initargs=(os.getpid(),))
    finally:
        if mask and signal.SIGINT not in before:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    return pool, list(getattr(pool, "_pool", ()))


def _wait(result: Any, workers: list[Any]) -> str | None:
    """Wait for `result`; None when it is ready, or how a worker died (its batch then never comes)."""
    while True:
        result.wait(0.2)
        if result.ready():
            return None
        for worker in workers:
            code = worker.exitcode
            if code is not None:
                return _death(code)


def _done_ok(result: Any) -> bool:
    return result.ready() and result.successful()


def _death(code: int) -> str:
    import signal

    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"ended with exit status {code}"


def _submit(pool: Any, work: _Work, batch: list[CableText | InputError]) -> Any:
    return pool.apply_async(_run_batch, (work, batch))


def _take(stream: Iterator[Any], count: int) -> Iterator[Any]:
    for _ in range(count):
        try:
            yield next(stream)
        except StopIteration:
            return


def _lost(batches: list[list[CableText | InputError]], how: str) -> Iterator[InputError]:
    """One InputError per file whose cables were lost with a dead worker (InputErrors pass through)."""
    counts: dict[str, int] = {}
    for batch in batches:
        for item in batch:
            if isinstance(item, InputError):
                yield item
            else:
                path = (item.source.path if isinstance(item, CableText) else item.path) or "-"
                counts[path] = counts.get(path, 0) + 1
    for path, count in counts.items():
        cables = "1 cable" if count == 1 else f"{count:,} cables"
        yield InputError(path, f"{cables} not parsed: a worker process {how} (out of memory?)")


def _abandon(pool: Any) -> None:
    """Stop the workers at once when the run ends early (Ctrl-C, an error, a consumer gone).

    Pool.terminate() can block for ever then: its task thread stuck writing a batch into a full
    pipe, or a queue lock held by a busy worker (seen with Ctrl-C under load). The workers hold
    nothing worth saving, so they are killed, and the pool's own clean-up at exit is cancelled;
    its threads are daemons and end with the process.
    """
    from multiprocessing import pool as mp_pool

    # First stop the pool's worker handler, which would start a new worker in place of each one
    # killed: forked from this process's threads, such a worker could hang before it even ran,
    # and the exit of this process waits for every child (seen as a run that never ended).
    handler = getattr(pool, "_worker_handler", None)
    if handler is not None:
        handler._state = mp_pool.TERMINATE
        notifier = getattr(pool, "_change_notifier", None)
        if notifier is not None:
            try:
                notifier.put(None)  # wakes the handler from its wait
            except (OSError, ValueError):
                pass
        handler.join(timeout=1)
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
    _keep_until_written(pool)


def _keep_until_written(pool: Any) -> None:
    """Hold the pool, and so the read ends of its pipes, until its task thread has written its
    last words (an end mark for each worker); a later call lets go of those done.

    Once the workers are dead this process holds the only read end of their task pipe. Dropped
    with the pool while the task thread still writes, the pipe has no reader left, and the write
    raises SIGPIPE, which ends the whole process (SIGPIPE has its default action, for `| head`):
    a run that had done its work died with status -13, its `-o` file never renamed into place.
    """
    _ENDING[:] = [(p, t) for p, t in _ENDING if t.is_alive()]  # those done with writing let go
    task_thread = getattr(pool, "_task_handler", None)
    if task_thread is not None and task_thread.is_alive():
        _ENDING.append((pool, task_thread))


# Pools whose task thread may still write to their pipes (see _keep_until_written).
_ENDING: list[tuple[Any, Any]] = []


def _worker_init(parent: int) -> None:
    # Ctrl-C goes to the whole process group: let the main process alone handle it, so that the
    # workers do not each print a traceback.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker forked while an output file was being written inherits SIGTERM and SIGHUP
    # blocked (see cablecli.outfile): unblock them, or Pool.terminate() would wait on it for ever.
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGHUP})
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
    return work.batch(chunk)
