"""Searching one parsed cable: its body lines numbered as written and grouped into paragraphs, its
other fields' values, and the hits (`search_cable`) with their match spans.

The body is searched paragraph by paragraph, each unwrapped (its lines joined with single spaces),
so that a phrase is found where the cable wraps it; hits are reported on the lines as written.
`SearchOptions(unwrap=False)` searches line by line instead. Other fields are searched value by
value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from cablecli.model import Cable

FIELD_NAMES: tuple[str, ...] = (
    "body",
    "subject",
    "tags",
    "origin",
    "to",
    "info",
    "references",
    "summary",
    "comment",
    "all",
)


@dataclass(frozen=True)
class Hit:
    """One line (body) or value (other fields) that matched, with the spans of every match in it."""

    field: str
    paragraph: int | None
    line: int | None
    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class BodyLine:
    line: int
    paragraph: int | None
    text: str


@dataclass
class CableHits:
    """What grep found in one cable; `lines` holds the body lines when context was asked for."""

    reference_id: str | None
    path: str | None
    hits: list[Hit] = field(default_factory=list)
    lines: list[BodyLine] | None = None
    # Each match's whole text with its paragraph and first line, for --only-matching.
    matches: list[tuple[int | None, int | None, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """How the cable is named in output: its reference id, or where it came from."""
        return self.reference_id or self.path or "-"


def body_lines(cable: Cable) -> list[BodyLine]:
    """The body's lines as written, numbered from 1 in the cable text, with their paragraph number."""
    body = cable.body
    if not body:
        return []
    first = _first_line(cable.text, body)
    values = body.split("\n")
    numbers = (
        range(first, first + len(values)) if first else _aligned(cable.text.rstrip("\n").split("\n"), values)
    )
    paragraphs = _paragraphs_at(cable, numbers)
    return [BodyLine(n, p, v) for n, p, v in zip(numbers, paragraphs, values, strict=True)]


def _paragraphs_at(cable: Cable, numbers: Iterable[int]) -> Iterator[int | None]:
    """For each line number of `numbers` (in increasing order), the number of the paragraph that
    line is in: the last one starting at or before it, None before the first."""
    starts = [(p.line, p.number) for p in cable.paragraphs if p.line is not None]
    k = 0
    current: int | None = None
    for number in numbers:
        while k < len(starts) and starts[k][0] <= number:
            current = starts[k][1]
            k += 1
        yield current


def _first_line(text: str, body: str) -> int:
    """The number of the text's line where `body` begins, or 0 when the body is not one stretch of
    the text (an archive printout's body, its page breaks left out)."""
    text = text.rstrip("\n")
    offset = len(text) - len(body) if text.endswith(body) else text.find(body)
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 0


def _aligned(text_lines: list[str], values: list[str]) -> list[int]:
    """Line numbers of a body that is not one stretch of the text (an archive printout's body, its page
    breaks left out): each body line matched to the text from the end, in order."""
    numbers: list[int] = []
    j = len(text_lines) - 1
    for value in reversed(values):
        k = j
        while k >= 0 and text_lines[k] != value:
            k -= 1
        if k >= 0:
            j = k
        numbers.append(max(j, 0) + 1)
        j = max(j - 1, 0) if k >= 0 else j
    return numbers[::-1]


def field_values(cable: Cable, name: str) -> list[str]:
    """The values of a field other than the body, each searched on its own."""
    if name == "subject":
        return [cable.subject] if cable.subject else []
    if name == "tags":
        return list(cable.tags)
    if name == "origin":
        return [cable.origin] if cable.origin else []
    if name in ("to", "info"):
        addressees = getattr(cable, name)
        return [f"{a.routing_indicator}/{a.name}" if a.routing_indicator else a.name for a in addressees]
    if name == "references":
        return [r.text for r in cable.references]
    if name == "summary":
        return [cable.summary] if cable.summary else []
    if name == "comment":
        return [cable.comment] if cable.comment else []
    raise ValueError(f"unknown field {name!r}")


@dataclass(frozen=True)
class SearchOptions:
    """How to search: paragraphs unwrapped (`unwrap`) or line by line, `invert` (-v), `max_count` (-m).

    `tally`: only how many hits a cable has is wanted (grep -c, -l, -q), not their paragraphs, so
    a body search may parse the cable without its body walk (parse.BODY_TEXT); its hits then have
    no paragraph number."""

    unwrap: bool = True
    invert: bool = False
    max_count: int | None = None
    tally: bool = False


def paragraph_blocks(lines: Sequence[BodyLine]) -> Iterator[list[int]]:
    """The body as written paragraphs: runs of non-blank lines (indices into `lines`).

    Page headers and repeated classification banners inside a paragraph are left out of it, so a
    sentence that runs over a page break reads on; each is a block of its own.
    """
    from cablecli.parse.pages import is_page_break

    block: list[int] = []
    for i, bl in enumerate(lines):
        stripped = bl.text.strip()
        if not stripped:
            if block:
                yield block
                block = []
        elif is_page_break(stripped):
            yield [i]
        else:
            block.append(i)
    if block:
        yield block


def _unwrapped_spans(
    lines: Sequence[BodyLine], regex: re.Pattern[str]
) -> tuple[dict[int, list[tuple[int, int]]], list[tuple[int, str]]]:
    """The match spans of `regex` per line (index), the paragraphs searched unwrapped.

    A paragraph's lines are joined with single spaces (each line's leading and trailing
    whitespace dropped), searched, and every match mapped back onto the lines it covers. Also
    returns each match's whole text with the index of its first line (for --only-matching).
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    matches: list[tuple[int, str]] = []
    for block in paragraph_blocks(lines):
        pieces: list[tuple[int, int, int, int]] = []  # (start in joined, end in joined, line, lead)
        parts: list[str] = []
        at = 0
        for i in block:
            text = lines[i].text
            stripped = text.strip()
            lead = len(text) - len(text.lstrip())
            pieces.append((at, at + len(stripped), i, lead))
            parts.append(stripped)
            at += len(stripped) + 1
        joined = " ".join(parts)
        k = 0
        for m in regex.finditer(joined):
            start, end = m.span()
            while k < len(pieces) - 1 and pieces[k][1] < start:
                k += 1
            matches.append((pieces[k][2], m.group()))
            j = k
            while j < len(pieces):
                p_start, p_end, i, lead = pieces[j]
                if p_start > end or (p_start == end and start != end):
                    break
                lo, hi = max(start, p_start), min(end, p_end)
                if lo < hi or (start == end and p_start <= start <= p_end):
                    spans.setdefault(i, []).append((lo - p_start + lead, hi - p_start + lead))
                j += 1
    return spans, matches


def search_cable(
    cable: Cable,
    regex: re.Pattern[str],
    fields: str,
    context: bool = False,
    options: SearchOptions | None = None,
) -> CableHits:
    """Every hit of `regex` in the chosen field(s) of `cable` (with `invert`, every miss)."""
    opts = options or SearchOptions()
    found = CableHits(cable.reference_id, cable.source.path)
    names = FIELD_NAMES[:-1] if fields == "all" else (fields,)
    for name in names:
        if name == "body":
            lines = body_lines(cable)
            if opts.unwrap:
                spans, matches = _unwrapped_spans(lines, regex)
                matches.sort(key=lambda m: m[0])
                found.matches.extend((lines[i].paragraph, lines[i].line, text) for i, text in matches)
            else:
                spans = {}
                for i, bl in enumerate(lines):
                    line_spans = [m.span() for m in regex.finditer(bl.text)]
                    if line_spans:
                        spans[i] = line_spans
                        found.matches.extend((bl.paragraph, bl.line, bl.text[a:b]) for a, b in line_spans)
            for i, bl in enumerate(lines):
                if (i in spans) != opts.invert:
                    found.hits.append(Hit("body", bl.paragraph, bl.line, bl.text, tuple(spans.get(i, ()))))
            if context:
                found.lines = lines
            continue
        for value in field_values(cable, name):
            value_spans = tuple(m.span() for m in regex.finditer(value))
            if bool(value_spans) != opts.invert:
                found.hits.append(Hit(name, None, None, value, value_spans))
                found.matches.extend((None, None, value[a:b]) for a, b in value_spans)
    _limit(found, opts)
    return found


def search_body_lines(
    cable: Cable, regex: re.Pattern[str], options: SearchOptions | None = None, literal: str | None = None
) -> CableHits:
    """The hits of `regex` in the body of `cable`, as `search_cable(cable, regex, "body",
    options=options)` gives them (without `invert`), for a pattern each of whose matches lies inside
    one line and holds a character that is not blank (`Matcher.line_local`).

    Such a match cannot take in the space that joins two lines of an unwrapped paragraph, nor the
    blanks a line is stripped of, nor a blank line; its neighbours there are blanks or a line's
    end, which no word boundary (-w) tells apart. So the matches of a paragraph unwrapped are those
    of its lines, and those of a line are those of the whole body in that line: the body is
    searched once, and only the lines that hold a match are numbered. `literal`, when given, is
    the pattern as a plain string (case-sensitive, one pattern, no -w), found by str.find.
    """
    opts = options or SearchOptions()
    found = CableHits(cable.reference_id, cable.source.path)
    body = cable.body
    if not body:
        return found
    spans: dict[int, list[tuple[int, int]]] = {}  # line index -> spans in that line
    texts: dict[int, str] = {}
    index, begin, stop = 0, 0, -1  # the line of the last match: its index, start and end
    for start, end in _body_matches(body, regex, literal):
        if start > stop:  # a match in a later line
            index += body.count("\n", begin, start)
            begin = body.rfind("\n", 0, start) + 1
            stop = body.find("\n", start)
            if stop < 0:
                stop = len(body)
            texts[index] = body[begin:stop]
        spans.setdefault(index, []).append((start - begin, end - begin))
    if not spans:
        return found
    first = _first_line(cable.text, body)
    if first:
        # As body_lines numbers them: the lines skipped hold no paragraph start that a later line
        # would not also pass (their numbers only grow).
        numbers = [first + i for i in spans]
        located: Iterable[tuple[int, int | None]] = zip(numbers, _paragraphs_at(cable, numbers), strict=True)
    else:
        numbered = body_lines(cable)
        located = ((numbered[i].line, numbered[i].paragraph) for i in spans)
    for (i, line_spans), (number, paragraph) in zip(spans.items(), located, strict=True):  # line order
        text = texts[i]
        found.hits.append(Hit("body", paragraph, number, text, tuple(line_spans)))
        found.matches.extend((paragraph, number, text[a:b]) for a, b in line_spans)
    _limit(found, opts)
    return found


def _body_matches(body: str, regex: re.Pattern[str], literal: str | None) -> Iterator[tuple[int, int]]:
    if literal is None:
        for m in regex.finditer(body):
            yield m.span()
        return
    size = len(literal)
    at = body.find(literal)
    while at >= 0:
        yield at, at + size
        at = body.find(literal, at + size)


def _limit(found: CableHits, opts: SearchOptions) -> None:
    """At most `max_count` hits (-m), and the matches of those alone."""
    if opts.max_count is not None and len(found.hits) > opts.max_count:
        del found.hits[opts.max_count :]
        last = found.hits[-1] if found.hits else None
        found.matches = [m for m in found.matches if last is not None and _before(m, last)]


def _before(match: tuple[int | None, int | None, str], last: Hit) -> bool:
    return match[1] is None or last.line is None or match[1] <= last.line


def match_spans(hits: Sequence[Hit]) -> int:
    """How many matches the hits hold."""
    return sum(len(h.spans) for h in hits)
