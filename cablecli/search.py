"""Searching cables for `grep`: the pattern, the raw-text test that spares parsing, filters, hits.

    >>> m = Matcher.build("lachin corridor", ignore_case=True)
    >>> m.may_match("...the Lachin corridor cannot...")
    True

A cable is parsed only when its raw text can match (`Matcher.may_match`, and for whole files
`Matcher.needle`, see inputs/scan.py); filters need the record, so they run after parsing.
Body lines are searched one at a time as written; other fields value by value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cablecli.inputs import CableText, InputError
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

# Characters that Python's re folds onto an ASCII letter under IGNORECASE, by their bytes in UTF-8.
_UNICODE_FOLDS = {
    "i": (b"\xc4\xb0", b"\xc4\xb1"),  # İ ı
    "k": (b"\xe2\x84\xaa",),  # Kelvin sign
    "s": (b"\xc5\xbf",),  # long s
}
# A pattern that is a plain string when written as a regular expression.
_REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")
# Regular expression features whose meaning differs between one line and a whole text.
_LINE_ONLY = re.compile(r"\\[AZz]|\(\?")


@dataclass(frozen=True)
class Matcher:
    """The compiled pattern, and the cheaper tests that tell when a raw text cannot match.

    `regex` is what lines and values are searched with. `prefilter` (or None) searches a whole
    raw cable text: it matches whenever some line of the text would. `needle` (or None) is a
    bytes pattern for whole files: it matches the raw bytes of any file holding a matching line,
    whatever its encoding (UTF-8 or Latin-1) and CSV escaping; it is only made for ASCII literals
    without quotes, backslashes or control characters.
    """

    regex: Any  # a compiled pattern: RE2's, or re.Pattern (see compile_pattern)
    prefilter: Any
    needle: re.Pattern[bytes] | None

    @classmethod
    def build(
        cls, pattern: str, fixed: bool = False, ignore_case: bool = False, word: bool = False
    ) -> Matcher:
        """Compile `pattern` (raises re.error when it is not a valid regular expression)."""
        literal = pattern if fixed else (None if _REGEX_SYNTAX.search(pattern) else pattern)
        source = re.escape(pattern) if fixed else pattern
        if word:
            source = rf"\b(?:{source})\b"
        flags = re.IGNORECASE if ignore_case else 0
        regex = compile_pattern(source, flags)
        if literal is not None:
            prefilter = re.compile(re.escape(literal), flags)
        elif _LINE_ONLY.search(pattern):
            prefilter = None
        else:
            prefilter = compile_pattern(source, flags | re.MULTILINE)
        needle = _needle(literal, ignore_case) if literal else None
        return cls(regex, prefilter, needle)

    def may_match(self, raw: str) -> bool:
        """False only when no line of `raw` can match."""
        if self.prefilter is None:
            return True
        if "\r" in raw:
            raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        return self.prefilter.search(raw) is not None


def compile_pattern(source: str, flags: int = 0) -> Any:
    """A user's regular expression, compiled for a linear-time engine (RE2) when it can be.

    RE2 never backtracks: `(a+)+$` against a long line costs what the line costs. What RE2 lacks
    (backreferences, lookahead and lookbehind) falls back to Python's `re`, and then only for a
    pattern without a repeat inside a repeat (the shape whose backtracking explodes): that one is
    refused with re.error. Flags are re.IGNORECASE and re.MULTILINE.
    """
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        re2 = None
    if re2 is not None:
        options = re2.Options()
        options.log_errors = False
        prefix = ("i" if flags & re.IGNORECASE else "") + ("m" if flags & re.MULTILINE else "")
        try:
            return re2.compile(f"(?{prefix}){source}" if prefix else source, options)
        except re2.error:
            pass  # not RE2 syntax: perhaps a backreference or a lookaround
    compiled = re.compile(source, flags)
    if re2 is not None and _nested_repeat(re._parser.parse(source, flags)):  # type: ignore[attr-defined]
        raise re.error("a repeat inside a repeat, with backreferences or lookaround, could run for ever")
    return compiled


def _nested_repeat(parsed: Any, inside: bool = False) -> bool:
    """Whether a parsed pattern holds an unbounded repeat inside another repeat."""
    for op, value in parsed:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = value
            unbounded = high == re._constants.MAXREPEAT or high > 1000  # type: ignore[attr-defined]
            if unbounded and inside:
                return True
            if _nested_repeat(item, inside or unbounded):
                return True
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            if _nested_repeat(value[-1], inside):
                return True
        elif name == "BRANCH":
            if any(_nested_repeat(branch, inside) for branch in value[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _nested_repeat(value[1], inside):
                return True
    return False


def _needle(literal: str, ignore_case: bool) -> re.Pattern[bytes] | None:
    if not literal.isascii() or not literal.isprintable() or '"' in literal or "\\" in literal:
        return None
    parts = []
    for char in literal:
        folds = _UNICODE_FOLDS.get(char.lower()) if ignore_case else None
        if char == "'":  # a MySQL dump writes it \'
            parts.append(rb"\\?'")
        elif folds:
            options = [re.escape(char.encode("ascii")), *(re.escape(f) for f in folds)]
            parts.append(b"(?:" + b"|".join(options) + b")")
        else:
            parts.append(re.escape(char.encode("ascii")))
    return re.compile(b"".join(parts), re.IGNORECASE if ignore_case else 0)


@dataclass(frozen=True)
class Filters:
    """Conditions on the record: every given tag, an origin substring, any of the levels, a date range."""

    tags: tuple[str, ...] = ()
    origin: str | None = None
    classifications: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return bool(self.tags or self.origin or self.classifications or self.since or self.until)

    def accepts(self, cable: Cable) -> bool:
        if self.tags:
            have = {t.upper() for t in cable.tags}
            if not all(t.upper() in have for t in self.tags):
                return False
        if self.origin and (not cable.origin or self.origin.lower() not in cable.origin.lower()):
            return False
        if self.classifications:
            level = (cable.classification or "").upper()
            if level not in {c.upper() for c in self.classifications}:
                return False
        if self.since or self.until:
            day = _cable_day(cable.date)
            if day is None:
                return False
            if self.since and day < self.since:
                return False
            if self.until and day > self.until:
                return False
        return True


def _cable_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


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

    @property
    def name(self) -> str:
        """How the cable is named in output: its reference id, or where it came from."""
        return self.reference_id or self.path or "-"


def body_lines(cable: Cable) -> list[BodyLine]:
    """The body's lines as written, numbered from 1 in the cable text, with their paragraph number."""
    body = cable.body
    if not body:
        return []
    text = cable.text.rstrip("\n")
    offset = len(text) - len(body) if text.endswith(body) else text.find(body)
    first = text.count("\n", 0, offset) + 1 if offset >= 0 else 1
    starts = [(p.line, p.number) for p in cable.paragraphs if p.line is not None]
    lines: list[BodyLine] = []
    k = 0
    current: int | None = None
    for i, value in enumerate(body.split("\n")):
        number = first + i
        while k < len(starts) and starts[k][0] <= number:
            current = starts[k][1]
            k += 1
        lines.append(BodyLine(number, current, value))
    return lines


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


def search_cable(cable: Cable, regex: re.Pattern[str], fields: str, context: bool = False) -> CableHits:
    """Every hit of `regex` in the chosen field(s) of `cable`."""
    found = CableHits(cable.reference_id, cable.source.path)
    names = FIELD_NAMES[:-1] if fields == "all" else (fields,)
    for name in names:
        if name == "body":
            lines = body_lines(cable)
            for bl in lines:
                spans = tuple(m.span() for m in regex.finditer(bl.text))
                if spans:
                    found.hits.append(Hit("body", bl.paragraph, bl.line, bl.text, spans))
            if context:
                found.lines = lines
            continue
        for value in field_values(cable, name):
            spans = tuple(m.span() for m in regex.finditer(value))
            if spans:
                found.hits.append(Hit(name, None, None, value, spans))
    return found


class Search:
    """Parse-and-search work for one cable, picklable so that worker processes can run it."""

    def __init__(self, matcher: Matcher, fields: str, filters: Filters, context: bool) -> None:
        self.matcher = matcher
        self.fields = fields
        self.filters = filters
        self.context = context

    def __call__(self, cable: Cable) -> CableHits | None:
        if self.filters and not self.filters.accepts(cable):
            return None
        found = search_cable(cable, self.matcher.regex, self.fields, self.context)
        return found if found.hits else None


def candidates(items: Iterable[CableText | InputError], matcher: Matcher, fields: str) -> Iterator:
    """The texts worth parsing: for a body search, only those whose raw text can match."""
    if fields != "body":
        yield from items
        return
    for item in items:
        if isinstance(item, InputError) or matcher.may_match(item.text):
            yield item


def grep(
    items: Iterable[CableText | InputError],
    matcher: Matcher,
    fields: str = "body",
    filters: Filters | None = None,
    context: bool = False,
    jobs: int = 1,
) -> Iterator[CableHits | InputError]:
    """The cables of `items` with hits, in input order, and each InputError where it occurs."""
    from cablecli.parse.pool import parse_stream

    work = Search(matcher, fields, filters or Filters(), context)
    for result in parse_stream(candidates(items, matcher, fields), jobs, work):
        if result is not None:
            yield result


def parse_date(value: str, end: bool = False) -> date:
    """A date as a person writes it (`2008-03`, `March 2008`, `4 Mar 2008`); ValueError if none.

    A partial date means its first day, or with `end` its last: `--until 2008-03` takes in March.
    A date without a year (`March 4`) or a negative one (`-1`) is refused.
    """
    from dateutil import parser

    text = value.strip()
    if not text or text.isdigit() and len(text) != 4 and len(text) != 8 or text.startswith(("-", "+")):
        raise ValueError(f"not a date: {value!r}")
    try:
        low = parser.parse(text, default=datetime(1, 1, 1))
        high = parser.parse(text, default=datetime(9999, 12, 28))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a date: {value!r}") from exc
    # Fields the text did not give take their largest value: year alone -> Dec 31, month -> its last day.
    import calendar

    if low.year != high.year:  # "March 4": no year given, which would read as year 1 or 9999
        raise ValueError(f"not a date (no year): {value!r}")
    if not end:
        return low.date()
    year = low.year
    month = low.month if low.month == high.month else 12
    day = low.day if low.day == high.day else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def match_spans(hits: Sequence[Hit]) -> int:
    """How many matches the hits hold."""
    return sum(len(h.spans) for h in hits)
