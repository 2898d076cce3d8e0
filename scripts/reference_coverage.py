"""Measure how much of a cable corpus the reference data explains: tag kinds, meanings, station names.

Usage: python scripts/reference_coverage.py [CORPUS_DIR]   (default: ../shared/corpus beside the repo)

The extraction here is deliberately simple and independent of cablecli.parse: TAGS lines (with their
continuation lines) and the transmission header lines before the classification line.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"

_PRE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.S)
_AAD_PANE = re.compile(
    r'<div class="pane-header">(?:Content|Raw content|Metadata)</div>(.*?)<div class="pane-tab">', re.S
)
_MARKUP = re.compile(r"<[^>]+>")
_TAGS_LINE = re.compile(r"^\s*TAG[SE]?\b\s*:?(.*)$|\bTAGS\s*:(.*)$", re.I)
_STOP_LINE = re.compile(r"^\s*(SUBJ|REF|CLASSIFIED|E\.?\s?O\.?|DECL|SUMMARY|\S+\s+\d{5,})", re.I)
_TOKEN_LINE = re.compile(r"^[A-Z0-9 ,;()./\-]+$")
_CLASS_LINE = re.compile(
    r"^\s*(C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|S\s?E\s?C\s?R\s?E\s?T|T\s?O\s?P\s+S|UNCLAS)\b", re.I
)
_ADDRESSEE = re.compile(r"^(?:(?:TO|INFO|XMT)\s+)?(R[A-Z]{4,6})/(.+?)\s*$")
_DE_LINE = re.compile(r"^DE\s+(R[A-Z]{4,6})\s*#")
_PROSIGN_LINE = re.compile(r"^(?:ZZ|OO|PP|RR)\s+(R[A-Z]{4,6}(?:\s+R[A-Z]{4,6})*)\s*$")


def cable_texts(root: Path) -> Iterator[tuple[Path, str]]:
    """Yield (path, text) for every .txt and .html file under root.

    A Cablegate page yields its <pre> text; an archive page of an older telegram yields each of its
    content, raw content and metadata panes, since each carries its own TAGS line.
    """
    for path in sorted(root.rglob("*")):
        if path.suffix == ".txt":
            yield path, path.read_bytes().decode("latin-1").replace("\r\n", "\n")
        elif path.suffix == ".html":
            raw = path.read_text(encoding="utf-8", errors="replace")
            pres = _PRE.findall(raw)
            for block in ["\n".join(pres)] if pres else _AAD_PANE.findall(raw):
                yield path, html.unescape(_MARKUP.sub("", block))


def split_tags(text: str) -> list[str]:
    """Split the text of a TAGS line into tags; parenthesised names stay whole."""
    tags: list[str] = []
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)  # markdown links [PGOV](#)
    for part in re.findall(r"[A-Z]{4}\s*\([^)]*\)|\([^)]*\)|[^,;\s]+", text.upper()):
        part = part.strip(" .")
        if part and part not in {"(", ")"}:
            tags.append(part)
    return tags


def tags_of(text: str) -> list[str]:
    """The tags of the first TAGS line in a cable text, continuation lines included."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _TAGS_LINE.search(line)
        if not m or _STOP_LINE.match(line) and not line.lstrip().upper().startswith("E"):
            continue
        body = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        if not body and i + 1 < len(lines) and lines[i + 1].strip() == "":
            continue
        for nxt in lines[i + 1 :]:
            s = nxt.strip()
            if not s or _STOP_LINE.match(s) or not _TOKEN_LINE.match(s.upper()) or s.upper() != s:
                break
            body += " " + s
        return split_tags(body)
    return []


def corpus_tags(root: Path = DEFAULT_CORPUS) -> dict[str, set[str]]:
    """Map each distinct tag in the corpus to the files it occurs in."""
    seen: dict[str, set[str]] = {}
    for path, text in cable_texts(root):
        for tag in tags_of(text):
            seen.setdefault(tag, set()).add(path.name)
    return seen


def header_indicators(text: str) -> Iterator[tuple[str, str | None]]:
    """Yield (routing indicator, addressee name or None) from the transmission header of a cable text."""
    for line in text.split("\n"):
        s = line.strip().upper()
        if _CLASS_LINE.match(s):
            return
        if m := _ADDRESSEE.match(s):
            yield m.group(1), m.group(2)
        elif m := _DE_LINE.match(s):
            yield m.group(1), None
        elif m := _PROSIGN_LINE.match(s):
            for ri in m.group(1).split():
                yield ri, None


def corpus_indicators(root: Path = DEFAULT_CORPUS) -> dict[str, set[str]]:
    """Map each routing indicator in corpus headers to the files it occurs in."""
    seen: dict[str, set[str]] = {}
    for path, text in cable_texts(root):
        for ri, _name in header_indicators(text):
            seen.setdefault(ri, set()).add(path.name)
    return seen


def main(argv: list[str]) -> int:
    from cablecli import reference

    root = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not root.is_dir():
        print(f"corpus not found: {root}", file=sys.stderr)
        return 2
    tags = corpus_tags(root)
    infos = {tag: reference.explain_tag(tag) for tag in tags}
    unknown = sorted(t for t, i in infos.items() if i.kind == "unknown")
    counted = {t: i for t, i in infos.items() if i.kind in ("subject", "program", "country")}
    explained = [t for t, i in counted.items() if i.meaning]
    missing = sorted(set(counted) - set(explained))
    print(f"{len(tags)} distinct tags; {len(unknown)} without a kind: {' '.join(unknown) or '-'}")
    print(
        f"{len(explained)} of {len(counted)} distinct subject/program/country tags in the corpus"
        " have a meaning"
        f" ({100 * len(explained) / max(len(counted), 1):.1f}%); without: {' '.join(missing) or '-'}"
    )
    ris = corpus_indicators(root)
    unresolved = sorted(ri for ri in ris if reference.station_name(ri) is None)
    print(
        f"{len(ris) - len(unresolved)} of {len(ris)} routing indicators in corpus headers resolve to a name;"
        f" unresolved: {' '.join(unresolved) or '-'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
