"""`show`: one cable laid out for a person, as Rich renderables; the caller prints or pages them.

Every piece of cable text goes in as a `Text` object (never markup) after `visible()`, so that a
cable cannot style the output or send escape sequences to the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from cablecli.model import Cable
from cablecli.render.safe import visible
from cablecli.view import CableView, ParagraphView

# The conventional colours of classification banners.
BANNER_STYLES = {
    "UNCLASSIFIED": "bold white on green4",
    "LIMITED OFFICIAL USE": "bold black on yellow3",
    "CONFIDENTIAL": "bold white on blue",
    "SECRET": "bold white on red3",
    "TOP SECRET": "bold black on dark_orange",
}
_UNKNOWN_STYLE = "bold reverse"
_LABEL = "bold"
_ROLE_STYLES = {"summary": "italic", "comment": "italic cyan"}
_REDACTED = "[redacted]"


def _t(value: Any, style: str = "") -> Text:
    return Text(visible(str(value)) if value is not None else "", style=style)


def _reference_lookups() -> tuple[Callable | None, Callable | None, Callable | None]:
    """explain_tag, station_name and reason_meaning from cablecli.reference, when it is there."""
    try:
        from cablecli.reference import explain_tag, reason_meaning, station_name
    except ImportError:  # reference data not installed: show codes without meanings
        return None, None, None
    return explain_tag, station_name, reason_meaning


def banner(cable: Cable, width: int, color: bool) -> Text:
    """The classification banner: level and handling, full width, in the level's colour."""
    level = cable.classification
    label = level or "CLASSIFICATION UNKNOWN"
    if cable.handling:
        label += "//" + "/".join(cable.handling)
    label = visible(label)
    if color:
        return Text(f" {label} ".center(width), style=BANNER_STYLES.get(level or "", _UNKNOWN_STYLE))
    return Text(f" {label} ".center(width, "="))


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def header_table(cable: Cable, view: CableView, reason_meaning: Callable | None) -> Table:
    """Reference id, date, precedence, origin, section, classification, E.O., classified by."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style=_LABEL, no_wrap=True)
    table.add_column(overflow="fold")

    def row(label: str, value: Text | str | None) -> None:
        if value:
            table.add_row(label, value if isinstance(value, Text) else _t(value))

    row("Reference id", cable.reference_id or "(none)")
    date = cable.date or ""
    if view.written_date:
        date = f"{date}  ({view.written_date})" if date else f"({view.written_date})"
    row("Date", date)
    precedence = cable.precedence
    if cable.routing and cable.routing.precedence:
        precedence = f"{precedence}  ({cable.routing.precedence})" if precedence else cable.routing.precedence
    row("Precedence", precedence)
    origin = cable.origin
    if cable.station and cable.station.routing_indicator:
        origin = f"{origin or ''}  ({cable.station.routing_indicator})".strip()
    row("Origin", origin)
    if cable.section:
        row("Section", f"{cable.section.number} of {cable.section.total}")
    classification = cable.classification or ""
    if cable.handling:
        classification = "; ".join([classification, *cable.handling]).strip("; ")
    row("Classification", classification)
    row("Captions", "; ".join(cable.captions))
    row("Distribution", "; ".join(cable.distribution))
    od = cable.office_distribution
    if od:
        roles = (("ACTION", od.action), ("ORIGIN", od.origin))
        offices = [f"{role} {office}" for role, office in roles if office]
        row("Offices", "; ".join(offices + (["INFO " + " ".join(od.info)] if od.info else [])))
    eo = f"E.O. {cable.executive_order}" if cable.executive_order else ""
    if cable.declassify:
        decl = cable.declassify.raw
        if cable.declassify.on and cable.declassify.on not in decl:
            decl = f"{decl} ({cable.declassify.on})"
        eo = f"{eo}; declassify: {decl}" if eo else f"declassify: {decl}"
    row("E.O.", eo)
    cby = cable.classified_by
    if cby:
        who = " ".join(x for x in (cby.title, cby.name) if x) or cby.text
        text = _t(who)
        for reason in cby.reasons:
            meaning = reason_meaning(reason) if reason_meaning else None
            text.append("\n")
            text.append(visible(f"reason {reason}" + (f": {meaning}" if meaning else "")))
        row("Classified by", text)
    return table


def addressee_table(cable: Cable, station_name: Callable | None) -> Table | None:
    """TO, INFO and XMT addressees with routing indicators (and the station an indicator names)."""
    if not (cable.to or cable.info or cable.xmt):
        return None
    table = Table(box=None, show_header=True, header_style=_LABEL, padding=(0, 2, 0, 0), show_edge=False)
    table.add_column("Role", no_wrap=True)
    table.add_column("RI", no_wrap=True)
    table.add_column("Addressee", overflow="fold")
    table.add_column("Precedence", no_wrap=True)
    table.add_column("Serial", no_wrap=True)
    for role, entries in (("TO", cable.to), ("INFO", cable.info)):
        for a in entries:
            name = visible(a.name)
            known = station_name(a.routing_indicator) if station_name and a.routing_indicator else None
            if known and known.upper() != a.name.upper():
                name += f" ({known})"
            table.add_row(role, _t(a.routing_indicator or ""), Text(name), _t(a.precedence), _t(a.serial))
            role = ""
    for i, name in enumerate(cable.xmt):
        table.add_row("XMT" if i == 0 else "", "", _t(name), "", "")
    return table


def tags_table(cable: Cable, explain_tag: Callable | None) -> Table | None:
    """Each TAGS code with its kind and meaning."""
    if not cable.tags:
        return None
    table = Table(box=None, show_header=True, header_style=_LABEL, padding=(0, 2, 0, 0), show_edge=False)
    table.add_column("Tag", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Meaning", overflow="fold")
    for tag in cable.tags:
        info = explain_tag(tag) if explain_tag else None
        kind = info.kind if info else ""
        meaning = (info.meaning or "") if info else ""
        table.add_row(_t(tag), _t(kind), _t(meaning))
    return table


def references_table(cable: Cable) -> Table | None:
    if not cable.references:
        return None
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style=_LABEL)
    table.add_column(overflow="fold")
    table.add_column(no_wrap=True)
    for ref in cable.references:
        table.add_row(_t(ref.label or ""), _t(ref.text), _t(ref.reference_id or ""))
    return table


def paragraph_text(p: ParagraphView, color: bool) -> Text:
    """A paragraph's text with its role label and redactions marked."""
    text = Text()
    if p.role:
        text.append(f"[{p.role}] ", style="bold magenta")
    body = Text(style=_ROLE_STYLES.get(p.role or "", ""))
    at = 0
    for start, end in p.redactions:
        body.append(visible(p.text[at:start]))
        body.append(_REDACTED, style="reverse")
        at = end
    body.append(visible(p.text[at:]))
    text.append_text(body)
    return text


def paragraphs_table(view: CableView, color: bool) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, style="bold yellow" if color else "")
    table.add_column(overflow="fold", ratio=1)
    for i, p in enumerate(view.paragraphs):
        if i:
            table.add_row("", "", "")
        if p.heading:
            # A heading is a line of its own above its paragraph, never part of the text before.
            table.add_row("", "", _t(p.heading, "bold"))
            table.add_row("", "", "")
        number = f"{p.number}." if p.number is not None else ""
        marking = _t(f"({p.marking})" if p.marking else "")
        first, *rest = _pieces(paragraph_text(p, color))
        table.add_row(number, marking, first)
        for piece in rest:
            table.add_row("", "", piece)
    return table


# Rich's wrapping of one cell grows faster than its length (4 MB took 12 s, 8 MB 44 s): a long
# paragraph goes in as rows of at most this many characters, cut at a space.
_PIECE = 8192


def _cuts(plain: str) -> list[int]:
    """Where to cut `plain` into pieces of at most _PIECE characters, at a space where there is one."""
    cuts = []
    at = 0
    while len(plain) - at > _PIECE:
        cut = plain.rfind(" ", at + _PIECE // 2, at + _PIECE)
        at = cut + 1 if cut > 0 else at + _PIECE
        cuts.append(at)
    return cuts


def _pieces(text: Text) -> list[Text]:
    """`text` cut into pieces of at most _PIECE characters, at a space where there is one.

    One `divide` over all the cuts: a slice of a Rich Text (`text[a:b]`) divides the whole text,
    so slicing piece by piece copied the rest of the paragraph for every piece (quadratic).
    """
    cuts = _cuts(text.plain)
    return list(text.divide(cuts)) if cuts else [text]


def render_cable(cable: Cable, view: CableView, width: int, color: bool) -> Group:
    """The whole cable: banner, header facts, addressees, tags, subject, references, paragraphs, signer."""
    explain_tag, station_name, reason_meaning = _reference_lookups()
    parts: list[RenderableType] = [banner(cable, width, color), Text()]
    parts.append(header_table(cable, view, reason_meaning))
    for title, table in (
        ("Addressees", addressee_table(cable, station_name)),
        ("Tags", tags_table(cable, explain_tag)),
    ):
        if table is not None:
            parts += [Text(), _heading(title), table]
    parts += [Text(), _heading("Subject"), _t(cable.subject or "(no subject)", "bold")]
    refs = references_table(cable)
    if refs is not None:
        parts += [Text(), _heading("References"), refs]
    if view.paragraphs:
        parts += [Text(), paragraphs_table(view, color)]
    if cable.signers:
        parts += [Text(), Padding(_t(" / ".join(cable.signers), "bold"), (0, 0, 0, 4))]
    parts += [Text(), banner(cable, width, color)]
    return Group(*parts)


def render_raw(cable: Cable, safe: bool) -> RenderableType:
    """The text as published (line ends normalised); control characters shown when `safe`.

    A long text goes to Rich in pieces of whole lines of at most _PIECE characters, a longer line
    cut as in the paragraphs (on lines of its own): Rich splits what it renders into lines by
    copying the rest of it at each line end, which grows with the square of one long Text (4 MB
    of short lines took 17 s, one line of 8 MB 55 s).
    """
    text = visible(cable.text) if safe else cable.text
    if len(text) <= _PIECE:
        return Text(text, end="")
    parts: list[Text] = []
    run: list[str] = []  # whole lines, shown as they are
    held = 0

    def flush() -> None:
        nonlocal run, held
        if run:
            parts.append(Text("\n".join(run)))
            run, held = [], 0

    for line in text.split("\n"):
        if len(line) > _PIECE:
            flush()
            at = 0
            for cut in [*_cuts(line), len(line)]:
                parts.append(Text(line[at:cut]))
                at = cut
            continue
        if held + len(line) >= _PIECE:
            flush()
        run.append(line)
        held += len(line) + 1
    flush()
    # Each part ends its line, as one Text with end="" is printed: the text and one line end.
    return Group(*parts)


def _plain(console_text: str) -> str:
    return "\n".join(line.rstrip() for line in console_text.split("\n"))


def write_cables(
    cables,
    out,
    *,
    raw: bool,
    plain: bool,
    color: bool,
    width: int | None,
    pager: bool,
    terminal: bool,
    height: int | None = None,
) -> int:
    """Lay out each cable of `cables` on `out` as it comes, separated by a rule.

    One cable is held at a time, so the first is shown at once however many follow. `plain`
    writes text without escape codes and trailing blanks; `terminal` says `out` is one, so control
    characters in raw text are shown rather than sent; `pager` pages the output (coloured or not)
    when it is taller than `height` lines (default: the screen's). Returns the number shown.
    """
    from rich.rule import Rule

    from cablecli.render.console import make_console
    from cablecli.render.pager import PagedOutput
    from cablecli.view import cable_view

    console = make_console(out, color and not plain, width)
    sink = PagedOutput(out, height or console.height) if pager else out
    shown = 0
    try:
        for cable in cables:
            if raw and plain and not terminal:
                # As published, control characters included: the texts, and a separating line.
                sink.write(("-" * 8 + "\n" if shown else "") + cable.text.rstrip("\n") + "\n")
            else:
                with console.capture() as capture:
                    if shown:
                        console.print(Rule(style="dim"))
                    if raw:
                        console.print(render_raw(cable, safe=terminal or not plain))
                    else:
                        console.print(
                            render_cable(cable, cable_view(cable), console.width, color and not plain)
                        )
                text = capture.get()
                sink.write(_plain(text) if plain else text)
            shown += 1
            if not pager:
                out.flush()
    finally:
        if pager:
            sink.close()
    return shown
