"""How many cables that close a summary or a comment have that summary or comment in their record.

    python bench/summary_coverage.py [FOLDER ...] [--misses N]   # default: ../shared/corpus/html

A cable whose text says `End Summary` (or `END OF SUMMARY`, any case, across a line break) has a
summary, and one that says `End Comment` has a comment: the record should carry them. Prints, for
each, the share of such cables whose record has the field, and up to N cables that miss it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cablecli.inputs import CableText, iter_texts  # noqa: E402
from cablecli.parse import parse_text  # noqa: E402

SHARED = ROOT / ".." / "shared"
CLOSERS = {
    "summary": re.compile(r"(?i)\bend\s+(?:of\s+)?summary\b"),
    "comment": re.compile(r"(?i)\bend\s+(?:of\s+)?comments?\b"),
}


def measure(folders: list[str]) -> dict[str, tuple[int, int, list[str]]]:
    """field -> (cables with the closer, of which with the field, the names of those without)."""
    seen = dict.fromkeys(CLOSERS, 0)
    have = dict.fromkeys(CLOSERS, 0)
    misses: dict[str, list[str]] = {f: [] for f in CLOSERS}
    for item in iter_texts(folders):
        if not isinstance(item, CableText):
            continue
        cable = parse_text(item.text, item.source)
        body = cable.body or ""
        for field, closer in CLOSERS.items():
            if not closer.search(body):
                continue
            seen[field] += 1
            if getattr(cable, field):
                have[field] += 1
            else:
                misses[field].append(cable.reference_id or Path(item.source.path or "?").name)
    return {f: (seen[f], have[f], misses[f]) for f in CLOSERS}


def main(argv: list[str]) -> int:
    shown = 0
    if "--misses" in argv:
        at = argv.index("--misses")
        shown = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    folders = argv or [str(SHARED / "corpus" / "html")]
    for field, (seen, have, misses) in measure(folders).items():
        share = f"{100 * have / seen:.1f}%" if seen else "-"
        print(f"{field}: {have}/{seen} cables that close one have one ({share})")
        for name in misses[:shown]:
            print(f"  no {field}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
