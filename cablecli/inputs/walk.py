"""Expand command-line paths into the files to read: directories walked sorted, hidden entries skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatchcase

from cablecli.inputs import InputError

STDIN = "-"


class WalkedPath(str):
    """A file found by walking a directory (not named by the user): one that holds no cable is
    passed over with a notice rather than counted as an error."""

    __slots__ = ()


class PathGlobs:
    """Which files a walk keeps, as ripgrep's `--glob`: `*.txt` keeps matches, `!drafts` leaves them out.

    A glob without `/` is matched against a name (of a file, or of a directory to leave out with
    everything below it); one with `/` against the path below the directory walked. With any
    keeping glob, a file must match one of them; a leaving-out glob always wins.

    >>> globs = PathGlobs(["*.txt", "!drafts"])
    >>> globs.keeps_file("cables", "cables/a/08BAKU187.txt"), globs.keeps_dir("cables", "cables/drafts")
    (True, False)
    """

    def __init__(self, globs: Sequence[str] = ()) -> None:
        self.keep = [g for g in globs if g and not g.startswith("!")]
        self.leave = [g[1:] for g in globs if g.startswith("!") and len(g) > 1]

    def __bool__(self) -> bool:
        return bool(self.keep or self.leave)

    def keeps_file(self, top: str, path: str) -> bool:
        if _any_match(self.leave, top, path):
            return False
        return not self.keep or _any_match(self.keep, top, path)

    def keeps_dir(self, top: str, path: str) -> bool:
        return not _any_match(self.leave, top, path)


def _any_match(globs: list[str], top: str, path: str) -> bool:
    if not globs:
        return False
    name = os.path.basename(path)
    below = os.path.relpath(path, top).replace(os.sep, "/")
    for glob in globs:
        g = glob.rstrip("/")
        if "/" in g:
            g = g.removeprefix("/").removeprefix("**/")
            if fnmatchcase(below, g) or fnmatchcase(below, g + "/*"):
                return True
        elif fnmatchcase(name, g):
            return True
    return False


def expand_paths(paths: Iterable[str], globs: Sequence[str] = ()) -> Iterator[str | InputError]:
    """Yield the files named by `paths`, in order, and an InputError for a directory that cannot be listed.

    A file path (or "-" for stdin) is yielded as given, even if it does not exist or is hidden:
    opening it is what reports the problem. A directory is walked depth first, entries sorted by
    name, skipping names that start with "." and anything that is neither a file nor a directory
    (sockets, FIFOs, devices). Symbolic links are followed, but each directory is entered once: a
    link back to a directory being walked (a loop) yields an InputError naming the link, as
    ripgrep and find report it, and a second way into a directory already read is passed over.
    Paths found while walking are joined onto the directory as given. `globs` (see PathGlobs)
    choose among the files found while walking; a file named on the command line is always read.

    >>> list(expand_paths(["-"]))
    ['-']
    """
    chosen = PathGlobs(globs)
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path, set(), {}, chosen, path)
        else:
            yield path


def _walk(
    directory: str,
    seen: set[tuple[int, int]],
    walking: dict[tuple[int, int], str],
    globs: PathGlobs | None = None,
    top: str = "",
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
            if not globs or globs.keeps_dir(top, path):
                yield from _walk(path, seen, walking, globs, top)
        elif globs and not globs.keeps_file(top, path):
            continue
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
