"""Searching cables for `grep`: the pattern, the raw-text test that spares parsing, filters, hits.

    >>> m = Matcher.build("lachin corridor", ignore_case=True)
    >>> m.may_match("...the Lachin corridor cannot...")
    True

A cable is parsed only when its raw text can match (`Matcher.may_match`, and for whole files
`Matcher.needle`, see inputs/scan.py); filters need the record, so they run after parsing.
The body is searched paragraph by paragraph, each unwrapped (its lines joined with single spaces),
so that a phrase is found where the cable wraps it; hits are reported on the lines as written.
`SearchOptions(unwrap=False)` searches line by line instead. Other fields are searched value by
value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
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
# Regular expression features whose meaning differs between one line and a whole text, or that
# may match across a line end (a wrapped paragraph is searched unwrapped).
_MAY_SPAN = re.compile(r"\\[AZzsWDxuUN0-7]|\(\?|[\s.]|\[\^")
_ESCAPE = re.compile(r"\\.")
_CLASS = re.compile(r"\[\^?\]?[^\]]*\]")
_ANCHOR = re.compile(r"[\^$]")


@dataclass(frozen=True)
class Matcher:
    """The compiled pattern, and the cheaper tests that tell when a raw text cannot match.

    `regex` is what paragraphs, lines and values are searched with. `prefilter` (or None)
    searches a whole raw cable text: it matches whenever the text could match, its paragraphs
    unwrapped or not. `needle` (or None) is a bytes pattern for whole files: it matches the raw
    bytes of any file holding a match, whatever its encoding (UTF-8 or Latin-1) and CSV escaping;
    it is only made for ASCII literals without quotes, backslashes or control characters.
    A literal that holds spaces may wrap in the raw text: its tests look for its longest word.
    """

    regex: Any  # a compiled pattern: RE2's, or re.Pattern (see compile_pattern)
    prefilter: Any
    needle: re.Pattern[bytes] | None
    line_anchored: bool = False  # a `^` or `$` in the pattern: search line by line
    ignore_case: bool = False  # -i, or -S on a pattern without capitals

    @classmethod
    def build(
        cls,
        pattern: str | Sequence[str],
        fixed: bool = False,
        ignore_case: bool = False,
        word: bool = False,
        smart_case: bool = False,
    ) -> Matcher:
        """Compile `pattern`, or several (a match of any), as grep -e does (raises re.error when bad).

        `word` matches only where no word character comes right before or after, as grep -w does
        (so `(C)` and `U.S.` work too). `smart_case` ignores case when no pattern holds a capital.
        """
        patterns = [pattern] if isinstance(pattern, str) else list(pattern)
        if smart_case and not ignore_case:
            ignore_case = not any(_has_capital(p, fixed) for p in patterns)
        sources = [re.escape(p) if fixed else p for p in patterns]
        source = sources[0] if len(sources) == 1 else "|".join(f"(?:{s})" for s in sources)
        flags = re.IGNORECASE if ignore_case else 0
        regex = compile_word_pattern(source, flags) if word else compile_pattern(source, flags)
        literals = [p if fixed else (None if _REGEX_SYNTAX.search(p) else p) for p in patterns]
        if all(literals) and patterns:
            words = [_longest_word(lit) for lit in literals if lit]
            prefilter = re.compile("|".join(re.escape(w) for w in words), flags)
            needles = [_needle(w, ignore_case) for w in words]
            needle = None if None in needles else _either(needles)  # type: ignore[arg-type]
        else:
            # A regular expression that may span a line end, or whose meaning differs between one
            # line and a whole text, cannot be tried on the raw text.
            spans_lines = any(_MAY_SPAN.search(p) for p in patterns)
            compile_prefilter = compile_word_pattern if word else compile_pattern
            prefilter = None if spans_lines else compile_prefilter(source, flags | re.MULTILINE)
            needle = None
        anchored = not fixed and any(_ANCHOR.search(_CLASS.sub("", _ESCAPE.sub("", p))) for p in patterns)
        return cls(regex, prefilter, needle, anchored, ignore_case)

    def may_match(self, raw: str) -> bool:
        """False only when no paragraph, line or value of `raw` can match."""
        if self.prefilter is None:
            return True
        if "\r" in raw:
            raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        return self.prefilter.search(raw) is not None


def _has_capital(pattern: str, fixed: bool) -> bool:
    # Escapes such as \W or \S are syntax, not letters (ripgrep's smart case reads them so too).
    return any(c.isupper() for c in (pattern if fixed else _ESCAPE.sub("", pattern)))


def _longest_word(literal: str) -> str:
    return max(literal.split(), key=len, default=literal) if literal.strip() else literal


def _either(needles: list[re.Pattern[bytes]]) -> re.Pattern[bytes]:
    if len(needles) == 1:
        return needles[0]
    flags = re.IGNORECASE if any(n.flags & re.IGNORECASE for n in needles) else 0
    return re.compile(b"|".join(b"(?:" + n.pattern + b")" for n in needles), flags)


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


# A word constituent for grep -w, as GNU grep and ripgrep have it: a letter, a digit or `_`. It is
# what Python's `\w` matches on text (str.isalnum() and `_`), written so that RE2 runs it.
_WORD_CHAR = r"\pL\pN_"


def compile_word_pattern(source: str, flags: int = 0) -> Any:
    r"""`source` matched only as a whole word (grep -w): no word character right before or after.

    Python's `re` says it with lookaround, `(?<!\w)(?:source)(?!\w)`, which RE2 lacks, and `\b` in
    RE2 knows only ASCII letters. So RE2 runs the pattern with the neighbouring characters taken in,
    `(?:^|[^\pL\pN_])(source)(?:[^\pL\pN_]|$)`, and the match is its group (WordPattern): linear time
    like any other RE2 pattern. A source RE2 cannot run (a backreference) falls back to `re` with the
    lookaround, as compile_pattern does.
    """
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        re2 = None
    if re2 is not None:
        options = re2.Options()
        options.log_errors = False
        prefix = ("i" if flags & re.IGNORECASE else "") + ("m" if flags & re.MULTILINE else "")
        after = f"[^{_WORD_CHAR}]({source})(?:[^{_WORD_CHAR}]|$)"
        around = f"(?:^|[^{_WORD_CHAR}])({source})(?:[^{_WORD_CHAR}]|$)"
        try:
            compiled = [re2.compile(f"(?{prefix}){p}" if prefix else p, options) for p in (around, after)]
        except re2.error:
            pass
        else:
            return WordPattern(*compiled, rf"(?<!\w)(?:{source})(?!\w)")
    return compile_pattern(rf"(?<!\w)(?:{source})(?!\w)", flags)


@dataclass(frozen=True)
class WordMatch:
    """A match of a WordPattern: its span in the text searched, and its text."""

    text: str
    begin: int
    finish: int

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text[self.begin : self.finish]


class WordPattern:
    """An RE2 pattern whose group 1 is a whole-word match (see compile_word_pattern), searched as
    Python's `re` searches the lookaround form: `search` and `finditer` give the same spans.

    The text is encoded to UTF-8 once per call and RE2 searched over the bytes, each search from
    where the last match ended less one character (the one the next match may take as its left
    neighbour); byte offsets are turned into character offsets as the matches go, so finditer is
    linear in the text."""

    def __init__(self, compiled: Any, after: Any, pattern: str) -> None:
        self.compiled = compiled
        self.after = after  # the same without `^`: a match that starts after a character
        self.pattern = pattern  # the lookaround form, as Python's re would write it

    def search(self, text: str, pos: int = 0) -> WordMatch | None:
        return next(self._matches(text, pos), None)

    def finditer(self, text: str) -> Iterator[WordMatch]:
        return self._matches(text, 0)

    def _matches(self, text: str, pos: int) -> Iterator[WordMatch]:
        ascii_only = text.isascii()
        # A lone surrogate cannot be encoded: `?` stands for it, one character for one, and like it
        # is no word character.
        data = text.encode("ascii") if ascii_only else text.encode("utf-8", "replace")
        chars = _CharOffsets(data, ascii_only)
        at = len(text[:pos].encode("utf-8", "replace")) if pos and not ascii_only else pos
        must_advance = False
        while at <= len(data):
            # From one character back, which the next match may take as its left neighbour; `^`
            # only at the very start.
            found = self.after.search(data, at - 1) if at else self.compiled.search(data, 0)
            if found is None:
                return
            start, end = found.span(1)
            if must_advance and start == end == at:
                # An empty match where the last one ended: look again one character on.
                found = self.after.search(data, at)
                if found is None:
                    return
                start, end = found.span(1)
            yield WordMatch(text, chars.of(start), chars.of(end))
            must_advance = start == end
            at = end


class _CharOffsets:
    """Character offsets of increasing byte offsets into UTF-8 `data`, each found from the last."""

    def __init__(self, data: bytes, ascii_only: bool) -> None:
        self.data = data
        self.ascii_only = ascii_only
        self.byte = 0
        self.char = 0

    def of(self, byte: int) -> int:
        if self.ascii_only:
            return byte
        if byte < self.byte:
            self.byte = self.char = 0
        self.char += len(self.data[self.byte : byte].decode("utf-8", "replace"))
        self.byte = byte
        return self.char


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
    text = cable.text.rstrip("\n")
    offset = len(text) - len(body) if text.endswith(body) else text.find(body)
    first = text.count("\n", 0, offset) + 1 if offset >= 0 else 1
    values = body.split("\n")
    numbers = range(first, first + len(values)) if offset >= 0 else _aligned(text.split("\n"), values)
    starts = [(p.line, p.number) for p in cable.paragraphs if p.line is not None]
    lines: list[BodyLine] = []
    k = 0
    current: int | None = None
    for number, value in zip(numbers, values, strict=True):
        while k < len(starts) and starts[k][0] <= number:
            current = starts[k][1]
            k += 1
        lines.append(BodyLine(number, current, value))
    return lines


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
    """How to search: paragraphs unwrapped (`unwrap`) or line by line, `invert` (-v), `max_count` (-m)."""

    unwrap: bool = True
    invert: bool = False
    max_count: int | None = None


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
    if opts.max_count is not None and len(found.hits) > opts.max_count:
        del found.hits[opts.max_count :]
        last = found.hits[-1] if found.hits else None
        found.matches = [m for m in found.matches if last is not None and _before(m, last)]
    return found


def _before(match: tuple[int | None, int | None, str], last: Hit) -> bool:
    return match[1] is None or last.line is None or match[1] <= last.line


class Search:
    """Parse-and-search work for one cable, picklable so that worker processes can run it."""

    def __init__(
        self,
        matcher: Matcher,
        fields: str,
        filters: Filters,
        context: bool,
        options: SearchOptions | None = None,
    ) -> None:
        self.matcher = matcher
        self.fields = fields
        self.filters = filters
        self.context = context
        self.options = options or SearchOptions()
        if matcher.line_anchored:
            # `^` and `$` speak of lines: a pattern holding them is matched line by line.
            self.options = replace(self.options, unwrap=False)

    def __call__(self, cable: Cable) -> CableHits | None:
        if self.filters and not self.filters.accepts(cable):
            return None
        found = search_cable(cable, self.matcher.regex, self.fields, self.context, self.options)
        return found if found.hits else None


def candidates(
    items: Iterable[CableText | InputError], matcher: Matcher, fields: str, invert: bool = False
) -> Iterator:
    """The texts worth parsing: for a body search, only those whose raw text can match."""
    if fields != "body" or invert:
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
    options: SearchOptions | None = None,
) -> Iterator[CableHits | InputError]:
    """The cables of `items` with hits, in input order, and each InputError where it occurs."""
    from cablecli.parse.pool import parse_stream

    opts = options or SearchOptions()
    work = Search(matcher, fields, filters or Filters(), context, opts)
    for result in parse_stream(candidates(items, matcher, fields, opts.invert), jobs, work):
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


_REFERENCE_ID = re.compile(r"(\d{2})([A-Z][A-Z0-9]*?)(\d+)")


def reference_id_test(reference_ids: Iterable[str]) -> tuple[re.Pattern[bytes], re.Pattern[str]] | None:
    """Tests that skip texts which cannot be one of `reference_ids`: (bytes for whole files, str).

    A cable's reference id ends in its serial, which its raw text holds as written (`000187`) or
    its metadata holds in the id itself (`08BAKU187`): a text without the serial as a number of its
    own cannot be the cable. None when an id is not of the usual form (nothing can be skipped).
    """
    serials = set()
    for ref in reference_ids:
        m = _REFERENCE_ID.fullmatch(ref.strip().upper())
        if m is None:
            return None
        # An office may end in digits (USMISSION GENEVA2 gives 08GENEVA277 for serial 77): the
        # serial is some tail of the trailing digits, so every tail is a candidate.
        digits = m.group(3)
        serials.update(str(int(digits[i:])) for i in range(len(digits)))
    if not serials:
        return None
    numbers = "|".join(sorted(serials))
    # The bytes test starts with the digits themselves, so that a whole file is scanned at the
    # speed of a plain string search; it lets `10256` through for `256`, which the text test stops.
    scan = "|".join(f"{n}(?![0-9])(?<![1-9]{n})" for n in sorted(serials))
    exact = rf"(?<![0-9])0*(?:{numbers})(?![0-9])"
    return re.compile(scan.encode("ascii")), re.compile(exact)
