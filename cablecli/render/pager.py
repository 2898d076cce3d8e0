"""Paging output on a terminal as git does: through $PAGER (or less), started only when needed.

Text is held back until it is taller than the screen; if the output ends first it is written
straight to the terminal, otherwise the pager starts with what was held and gets the rest as it
comes, so that a long run shows its first screen at once. `LESS` is set to `FRX` when unset
(quit when one screen, pass colours, keep the screen), as git sets it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import TextIO

DEFAULT_PAGER = "less"
LESS_DEFAULT = "FRX"


def pager_command(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """The pager to run: $PAGER, else less; None when PAGER is empty or `cat` (no paging)."""
    env = os.environ if environ is None else environ
    command = env.get("PAGER", DEFAULT_PAGER).strip()
    if not command or command == "cat":
        return None
    return command


def pager_environment(environ: dict[str, str] | os._Environ[str] | None = None) -> dict[str, str]:
    """The pager's environment: ours, with LESS=FRX (and LV=-c for lv) when they are unset."""
    env = dict(os.environ if environ is None else environ)
    env.setdefault("LESS", LESS_DEFAULT)
    env.setdefault("LV", "-c")
    return env


class PagedOutput:
    """A text sink for a terminal: pages what is taller than `height` lines, writes the rest."""

    def __init__(self, out: TextIO, height: int) -> None:
        self.out = out
        self.height = max(1, height)
        self._held: list[str] = []
        self._lines = 0
        self._pager: subprocess.Popen[str] | None = None
        self._direct = False  # no pager could be started, or the reader quit it: write or drop

    def write(self, text: str) -> None:
        if self._pager is not None:
            self._to_pager(text)
            return
        if self._direct:
            self.out.write(text)
            return
        self._held.append(text)
        self._lines += text.count("\n")
        if self._lines > self.height:
            self._start()

    def _start(self) -> None:
        held, self._held = "".join(self._held), []
        command = pager_command()
        if command is None:
            self._direct = True
            self.out.write(held)
            return
        try:
            self._pager = subprocess.Popen(
                command if _needs_shell(command) else shlex.split(command),
                shell=_needs_shell(command),
                stdin=subprocess.PIPE,
                env=pager_environment(),
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        except OSError:
            self._direct = True
            self.out.write(held)
            return
        self._to_pager(held)

    def _to_pager(self, text: str) -> None:
        pager = self._pager
        if pager is None or pager.stdin is None or pager.stdin.closed:
            return
        try:
            pager.stdin.write(text)
        except (BrokenPipeError, OSError):
            # The reader quit the pager: the rest of the output is not wanted.
            _close_quietly(pager)

    def close(self) -> None:
        """Write what is held (short output), or end the pager's input and wait for the reader."""
        if self._pager is None:
            if self._held:
                self.out.write("".join(self._held))
                self._held = []
            self.out.flush()
            return
        _close_quietly(self._pager)
        try:
            self._pager.wait()
        except KeyboardInterrupt:
            self._pager.wait()


def _needs_shell(command: str) -> bool:
    # `PAGER="less -S"` runs as is; anything with shell syntax goes through the shell, as git does.
    return any(c in command for c in "|&;<>()$`\\\"'*?[#~=%")


def _close_quietly(pager: subprocess.Popen[str]) -> None:
    try:
        if pager.stdin is not None and not pager.stdin.closed:
            pager.stdin.close()
    except (BrokenPipeError, OSError):
        pass
