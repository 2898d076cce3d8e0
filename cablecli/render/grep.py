"""grep output: `REFID:PARA: line` (matches highlighted on a terminal), -l, -c, context, json, jsonl.

The text output shows control characters as escapes (`\\x1b[2J`) wherever it goes: a line with
a raw ESC or CR is unsafe in whatever terminal it ends up in, piped through `less` or `cat` or
not. The json and jsonl output keep the text exact (JSON escapes it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TextIO

from cablecli.render.records import json_line
from cablecli.render.safe import visible
from cablecli.search import CableHits, Hit

_MATCH = "\x1b[1;31m"
_NAME = "\x1b[35m"
_PLACE = "\x1b[32m"
_RESET = "\x1b[0m"


class GrepWriter:
    """Writes the hits of one cable at a time; `close()` finishes the document. `matched` counts cables."""

    def __init__(self, out: TextIO, color: bool = False) -> None:
        self.out = out
        self.color = color
        self.matched = 0

    def write(self, found: CableHits) -> None:
        self.matched += 1
        self.write_hits(found)

    def write_hits(self, found: CableHits) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()

    def _text(self, value: str) -> str:
        return visible(value)

    def _name(self, found: CableHits) -> str:
        name = self._text(found.name)
        return f"{_NAME}{name}{_RESET}" if self.color else name


class NamesWriter(GrepWriter):
    """`-l`: the reference id (or path) of each cable with a match."""

    def write_hits(self, found: CableHits) -> None:
        self.out.write(self._name(found) + "\n")


class CountWriter(GrepWriter):
    """`-c`: `REFID:count`, the number of matching lines (or values) per cable."""

    def write_hits(self, found: CableHits) -> None:
        self.out.write(f"{self._name(found)}:{len(found.hits)}\n")


class OnlyMatchingWriter(GrepWriter):
    """`-o`: `REFID:PARA: match`, each match alone (a match over a wrapped line end, unwrapped)."""

    def write_hits(self, found: CableHits) -> None:
        name = self._name(found)
        for paragraph, line, text in found.matches:
            place = str(paragraph) if paragraph is not None else "-" if line is not None else "match"
            if self.color:
                place = f"{_PLACE}{place}{_RESET}"
                text = f"{_MATCH}{self._text(text)}{_RESET}"
            else:
                text = self._text(text)
            self.out.write(f"{name}:{place}: {text}\n")


class LinesWriter(GrepWriter):
    """`REFID:PARA: line` for body lines, `REFID:FIELD: value` for other fields; -A/-B/-C context."""

    def __init__(self, out: TextIO, color: bool = False, before: int = 0, after: int = 0) -> None:
        super().__init__(out, color)
        self.before = before
        self.after = after
        self._groups = 0

    def write_hits(self, found: CableHits) -> None:
        name = self._name(found)
        if (self.before or self.after) and found.lines is not None:
            body = [h for h in found.hits if h.field == "body"]
            self._with_context(name, found, body)
            rest = [h for h in found.hits if h.field != "body"]
        else:
            rest = found.hits
        for hit in rest:
            self.out.write(f"{name}:{self._place(hit)}: {self._marked(hit)}\n")

    def _place(self, hit: Hit) -> str:
        if hit.field == "body":
            place = str(hit.paragraph) if hit.paragraph is not None else "-"
        else:
            place = hit.field
        return f"{_PLACE}{place}{_RESET}" if self.color else place

    def _marked(self, hit: Hit) -> str:
        out: list[str] = []
        at = 0
        for start, end in hit.spans:
            if start < at:
                continue
            out.append(self._text(hit.text[at:start]))
            piece = self._text(hit.text[start:end])
            out.append(f"{_MATCH}{piece}{_RESET}" if self.color and piece else piece)
            at = end
        out.append(self._text(hit.text[at:]))
        return "".join(out)

    def _with_context(self, name: str, found: CableHits, hits: list[Hit]) -> None:
        lines = found.lines or []
        if not hits or not lines:
            return
        position = {bl.line: k for k, bl in enumerate(lines)}  # a printout's body skips its page breaks
        by_line = {h.line: h for h in hits}
        wanted: set[int] = set()
        for h in hits:
            i = position.get(h.line, 0)
            wanted.update(range(max(0, i - self.before), min(len(lines), i + self.after + 1)))
        previous = None
        for i in sorted(wanted):
            if previous is not None and i != previous + 1 or previous is None and self._groups:
                self.out.write("--\n")
            previous = i
            bl = lines[i]
            hit = by_line.get(bl.line)
            if hit is not None:
                self.out.write(f"{name}:{self._place(hit)}: {self._marked(hit)}\n")
            else:
                place = str(bl.paragraph) if bl.paragraph is not None else "-"
                if self.color:
                    place = f"{_PLACE}{place}{_RESET}"
                self.out.write(f"{name}-{place}- {self._text(bl.text)}\n")
        self._groups += 1


def match_records(found: CableHits):
    """One JSON object per match: reference id, path, field, paragraph, line, text and span."""
    for hit in found.hits:
        for start, end in hit.spans:
            yield {
                "reference_id": found.reference_id,
                "path": found.path,
                "field": hit.field,
                "paragraph": hit.paragraph,
                "line": hit.line,
                "text": hit.text,
                "span": [start, end],
            }


class JsonlWriter(GrepWriter):
    """One object per match, one per line. With -l or -c, one object per cable instead."""

    def __init__(self, out: TextIO, mode: str = "lines") -> None:
        super().__init__(out)
        self.mode = mode
        self._count = 0

    def records(self, found: CableHits):
        if self.mode == "names":
            yield {"reference_id": found.reference_id, "path": found.path}
        elif self.mode == "count":
            yield {"reference_id": found.reference_id, "path": found.path, "count": len(found.hits)}
        else:
            yield from match_records(found)

    def write_hits(self, found: CableHits) -> None:
        for record in self.records(found):
            self.emit(record)

    def emit(self, record: dict) -> None:
        self.out.write(json_line(record))


class JsonWriter(JsonlWriter):
    """A JSON array of the same objects, streamed."""

    def emit(self, record: dict) -> None:
        self.out.write("[\n" if self._count == 0 else ",\n")
        self.out.write("  " + json.dumps(record, ensure_ascii=False))
        self._count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self._count == 0 else "\n]\n")
        super().close()


@dataclass(frozen=True)
class GrepLayout:
    """How grep prints what it found: the format, the mode (-l, -c, -o, -q) and the context lines."""

    fmt: str = "text"
    names: bool = False
    count: bool = False
    only: bool = False
    quiet: bool = False
    before: int = 0
    after: int = 0

    @property
    def wants_lines(self) -> bool:
        """Whether the writer needs every body line of a cable (for context)."""
        return bool(self.before or self.after) and self.fmt == "text" and not (self.names or self.count)

    def writer(self, out: TextIO, color: bool) -> GrepWriter:
        return make_writer(
            out, self.fmt, names=self.names, count=self.count, color=color, only=self.only,
            before=self.before, after=self.after,
        )  # fmt: skip


def make_writer(
    out: TextIO,
    fmt: str,
    names: bool,
    count: bool,
    color: bool,
    only: bool = False,
    before: int = 0,
    after: int = 0,
) -> GrepWriter:
    """The writer for the chosen format and mode (-l wins over -c, -c over -o)."""
    mode = "names" if names else "count" if count else "lines"
    if fmt == "json":
        return JsonWriter(out, mode)
    if fmt == "jsonl":
        return JsonlWriter(out, mode)
    if mode == "names":
        return NamesWriter(out, color)
    if mode == "count":
        return CountWriter(out, color)
    if only:
        return OnlyMatchingWriter(out, color)
    return LinesWriter(out, color, before, after)
