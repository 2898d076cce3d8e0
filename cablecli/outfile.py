"""Where a command's output goes: stdout, or the file given with `-o`, written safely.

Every command writes through `open_output`:

- no path: stdout (a file name that is not UTF-8 is written back as its own bytes);
- a regular file, or a path that does not exist yet: the output goes to a temporary file beside
  it, renamed onto it once complete. An interrupted or failed run (Ctrl-C, SIGTERM, SIGHUP, a
  full disk) leaves the file as it was and no temporary file behind. A new file gets the mode an
  ordinary write gives (0666 less the umask); a file replaced keeps its mode and, where the
  system permits it, its owner and group. A symbolic link to a file is kept: its target is
  replaced.
- anything else (a device such as /dev/null, a FIFO, a socket, /dev/stdout, /dev/fd/N): opened
  and written in place; it is never replaced by a regular file.

Errors name the path the user gave, never the temporary file.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["OutputError", "open_output", "output_paths"]

# /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: a descriptor this process already holds.
_DESCRIPTOR = re.compile(r"/(?:dev/(?:std(out|err)|fd/(\d+))|proc/self/fd/(\d+))")

# The paths currently written by open_output (real paths), for the walk to leave out.
_writing: set[str] = set()


class OutputError(OSError):
    """An output file that cannot be written: one line naming the user's path."""

    def __init__(self, path: str, exc: OSError | str) -> None:
        message = exc if isinstance(exc, str) else (exc.strerror or str(exc))
        errno = None if isinstance(exc, str) else exc.errno
        super().__init__(errno, message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def output_paths() -> frozenset[str]:
    """The real paths of the files being written now (the -o target, stdout when it is a file)."""
    found = set(_writing)
    try:
        if stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode):
            found.add(os.path.realpath(f"/proc/self/fd/{sys.stdout.fileno()}"))
    except (OSError, ValueError, AttributeError):
        pass
    return frozenset(found)


@contextmanager
def open_output(path: str | os.PathLike[str] | None) -> Iterator[TextIO]:
    """A text stream for the output: stdout, or `path` as the module docstring says."""
    if path is None:
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="surrogateescape")
        yield sys.stdout
        return
    name = os.fspath(path)
    descriptor = _DESCRIPTOR.fullmatch(name)
    if descriptor:
        yield from _in_place_descriptor(name, descriptor)
        return
    try:
        status: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise OutputError(name, exc) from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(name, "is a directory")
        yield from _in_place(name)
        return
    yield from _replace(name, status)


def _in_place_descriptor(name: str, match: re.Match[str]) -> Iterator[TextIO]:
    std, fd = match.group(1), match.group(2) or match.group(3)
    number = {"out": 1, "err": 2}[std] if std else int(fd)
    try:
        if number in (1, 2):
            (sys.stdout if number == 1 else sys.stderr).flush()
        copy = os.dup(number)
    except OSError as exc:
        raise OutputError(name, exc) from None
    with os.fdopen(copy, "w", encoding="utf-8", errors="surrogateescape", newline="") as handle:
        yield handle


def _in_place(name: str) -> Iterator[TextIO]:
    """A device, FIFO or socket: written as it is, never replaced."""
    try:
        handle = open(name, "w", encoding="utf-8", errors="surrogateescape", newline="")  # noqa: SIM115
    except OSError as exc:
        raise OutputError(name, exc) from None
    with handle:
        yield handle


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace(name: str, status: os.stat_result | None) -> Iterator[TextIO]:
    # A symbolic link to a file stays a link: its target is what gets replaced.
    target = os.path.realpath(name) if status is not None else name
    directory = os.path.dirname(target) or "."
    import tempfile  # with random, hashlib..., only when writing a file (-o)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        if status is None and not os.path.isdir(directory):
            raise OutputError(name, f"no such directory: {directory}") from None
        raise OutputError(name, exc) from None
    real = os.path.realpath(target)
    _writing.add(real)
    previous = _clean_on_signal(tmp)
    try:
        try:
            if status is None:
                os.fchmod(fd, 0o666 & ~_umask())
            else:
                _keep_owner_and_mode(fd, status)
        except OSError:
            pass
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as handle:
            yield handle
            try:
                handle.flush()
            except OSError as exc:
                raise OutputError(name, exc) from None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(name, exc) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    finally:
        _writing.discard(real)
        _restore_signals(previous, tmp)


def _keep_owner_and_mode(fd: int, status: os.stat_result) -> None:
    if hasattr(os, "fchown") and (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, status.st_uid, status.st_gid)
        except OSError:
            try:  # not permitted to give the file away: keep at least its group
                os.fchown(fd, -1, status.st_gid)
            except OSError:
                pass
    # After chown, which clears the set-id bits.
    os.fchmod(fd, stat.S_IMODE(status.st_mode))


_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
# Temporary files being written now; a watcher thread removes them when SIGTERM or SIGHUP comes.
_temporary: set[str] = set()
_watcher: threading.Thread | None = None


def _clean_on_signal(tmp: str) -> frozenset[int]:
    """Have `tmp` removed if SIGTERM or SIGHUP ends the run; return the signals blocked here.

    A Python signal handler runs in the main thread between two steps of Python code, so a
    signal that comes just before a blocking read would wait for the read to end (for ever, on a
    quiet pipe). Instead the signals (those left at their default action) are blocked in this
    thread, and a watcher thread waits for them: it removes the temporary files, then lets the
    signal end the process as it would have.
    """
    global _watcher
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        return frozenset()
    wanted = frozenset(s for s in _SIGNALS if signal.getsignal(s) is signal.SIG_DFL)
    if not wanted:
        return wanted
    _temporary.add(tmp)
    already = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    if _watcher is None or not _watcher.is_alive():
        # Started with the signals blocked, which it inherits: only sigwait takes them there. It
        # blocks SIGINT too (inherited the same way), so that Ctrl-C reaches the main thread.
        interrupt = signal.SIGINT not in already
        if interrupt:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            _watcher = threading.Thread(target=_watch, args=(_SIGNALS,), name="cablecli-signals", daemon=True)
            _watcher.start()
        finally:
            if interrupt:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    return wanted - frozenset(already)


def _watch(signals: frozenset[int]) -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    while True:
        signum = signal.sigwait(signals)
        for tmp in list(_temporary):
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signum})
            signal.pthread_kill(threading.get_ident(), signum)  # the default action: the process ends


def _restore_signals(blocked: frozenset[int], tmp: str) -> None:
    _temporary.discard(tmp)
    if blocked:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)
