"""Expand command-line paths into the files to read: directories walked sorted, hidden entries skipped."""

from __future__ import annotations

import os
import stat
from collections.abc import Container, Iterable, Iterator, Sequence
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


def expand_paths(
    paths: Iterable[str], globs: Sequence[str] = (), follow: bool = False, skip: Container[str] = ()
) -> Iterator[str | InputError]:
    """Yield the files named by `paths`, in order, and an InputError for a directory that cannot be listed.

    A file path (or "-" for stdin) is yielded as given, even if it does not exist or is hidden:
    opening it is what reports the problem; a symbolic link given on the command line is
    followed. A directory is walked depth first (without recursion: any depth), entries sorted by
    name, skipping names that start with "." and anything that is neither a file nor a directory
    (sockets, FIFOs, devices), and the files whose real path is in `skip` (the output being
    written, an index's own database files).

    Symbolic links met inside a walked directory are skipped, as ripgrep does, unless `follow`
    (`-L`/`--follow`): then they are resolved and what they point to is taken as if it were
    there, still only files and directories (a link to a FIFO is skipped, never opened); a
    dangling link is yielded so that opening it reports the problem. Each directory is entered
    once: a link back to a directory being walked (a loop) yields an InputError naming the link,
    as ripgrep and find report it, and a second way into a directory already read is passed
    over. Paths found while walking are joined onto the directory as given. `globs` (see PathGlobs)
    choose among the files found while walking; a file named on the command line is always read.

    >>> list(expand_paths(["-"]))
    ['-']
    """
    chosen = PathGlobs(globs)
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path, follow, skip, chosen)
        else:
            yield path


def _walk(
    top: str, follow: bool, skip: Container[str], globs: PathGlobs | None = None
) -> Iterator[str | InputError]:
    seen: set[tuple[int, int]] = set()
    # The directories from the top down to the one being read: (key, path, entries left).
    stack: list[tuple[tuple[int, int], str, Iterator[os.DirEntry]]] = []
    walking: dict[tuple[int, int], str] = {}

    def enter(directory: str) -> InputError | None:
        try:
            status = os.stat(directory)
        except OSError as exc:
            return InputError(directory, exc.strerror or str(exc))
        key = (status.st_dev, status.st_ino)
        if key in walking:
            return InputError(directory, f"directory loop: links back to {walking[key]}, not followed")
        if key in seen:
            return None
        seen.add(key)
        try:
            with os.scandir(directory) as listing:
                entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            return InputError(directory, exc.strerror or str(exc))
        walking[key] = directory
        stack.append((key, directory, iter(entries)))
        return None

    error = enter(top)
    if error is not None:
        yield error
    real_dirs: dict[str, str] = {}
    while stack:
        key, directory, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            del walking[key]
            continue
        path = os.path.join(directory, entry.name)
        kind = _kind(entry, path, follow)
        if kind == "dir":
            if globs and not globs.keeps_dir(top, path):
                continue
            error = enter(path)
            if error is not None:
                yield error
        elif globs and kind in ("file", "dangling") and not globs.keeps_file(top, path):
            continue
        elif kind == "file":
            if skip:
                real = real_dirs.get(directory)
                if real is None:
                    real = real_dirs[directory] = os.path.realpath(directory)
                if os.path.join(real, entry.name) in skip:
                    continue
            yield WalkedPath(path)
        elif kind == "dangling":
            yield WalkedPath(path)  # opening it reports the problem


def _kind(entry: os.DirEntry, path: str, follow: bool) -> str:
    """'dir', 'file', 'dangling' (a link to nothing, with `follow`) or 'skip'."""
    try:
        if not entry.is_symlink():
            if entry.is_dir(follow_symlinks=False):
                return "dir"
            return "file" if entry.is_file(follow_symlinks=False) else "skip"
        if not follow:
            return "skip"
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            return "dangling"
        except OSError:
            return "dangling"
    except OSError:
        return "skip"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "skip"
