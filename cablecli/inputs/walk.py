"""Expand command-line paths into the files to read: directories walked sorted, hidden entries skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from cablecli.inputs import InputError

STDIN = "-"


class WalkedPath(str):
    """A file found by walking a directory (not named by the user): one that holds no cable is
    passed over with a notice rather than counted as an error."""

    __slots__ = ()


def expand_paths(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Yield the files named by `paths`, in order, and an InputError for a directory that cannot be listed.

    A file path (or "-" for stdin) is yielded as given, even if it does not exist or is hidden:
    opening it is what reports the problem. A directory is walked depth first, entries sorted by
    name, skipping names that start with "." and anything that is neither a file nor a directory
    (sockets, FIFOs, devices). Symbolic links are followed, but each directory is entered once: a
    link back to a directory being walked (a loop) yields an InputError naming the link, as
    ripgrep and find report it, and a second way into a directory already read is passed over.
    Paths found while walking are joined onto the directory as given.

    >>> list(expand_paths(["-"]))
    ['-']
    """
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path, set(), {})
        else:
            yield path


def _walk(
    directory: str, seen: set[tuple[int, int]], walking: dict[tuple[int, int], str]
) -> Iterator[str | InputError]:
    """`walking` maps the directories from the top down to this one onto their paths."""
    try:
        status = os.stat(directory)
    except OSError as exc:
        yield InputError(directory, exc.strerror or str(exc))
        return
    key = (status.st_dev, status.st_ino)
    if key in walking:
        yield InputError(directory, f"directory loop: links back to {walking[key]}, not followed")
        return
    if key in seen:
        return
    seen.add(key)
    try:
        with os.scandir(directory) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(directory, exc.strerror or str(exc))
        return
    walking[key] = directory
    for entry in entries:
        path = os.path.join(directory, entry.name)
        if _is_dir(entry):
            yield from _walk(path, seen, walking)
        elif _is_file(entry) or entry.is_symlink():
            # A dangling link is yielded so that opening it reports the problem.
            yield WalkedPath(path)
    del walking[key]


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
