"""Bytes on disk -> cable texts: walking paths, detecting the form, and one reader per form."""

from __future__ import annotations

from dataclasses import dataclass

from cablecli.model import Source


@dataclass(frozen=True, slots=True)
class CableText:
    """One cable's text as published, and where it came from."""

    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read; the run goes on without it."""

    path: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}: row {self.row}" if self.row is not None else self.path
        return f"{where}: {self.message}"
