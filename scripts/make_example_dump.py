"""Write examples/cables.csv.gz: the Cablegate pages of examples/cables/html as rows of the cables.csv dump.

    python scripts/make_example_dump.py

The dump's layout (see cablecli/inputs/csvdump.py): no header row; eight columns (id, date
`M/D/YYYY HH:MM`, reference id, origin, classification, references, header, content); every field
in double quotes with `\\"` and `\\\\` escapes; newlines literal. Each page gives one row: its
metadata table (created, reference id, origin, classification), the reference ids its REF line
cites, the transmission header (the text before the first blank line, when the text starts with
one) and the rest of the text. Rows are in order of date, numbered from 1. The gzip stream carries
no name and no time, so the same pages always give the same bytes.
"""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cablecli.inputs import CableText, iter_texts  # noqa: E402
from cablecli.parse import parse_text  # noqa: E402

PAGES = ROOT / "examples" / "cables" / "html"
DUMP = ROOT / "examples" / "cables.csv.gz"


def _field(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rows(folder: Path) -> list[list[str]]:
    found = []
    for item in iter_texts([str(p) for p in sorted(folder.glob("*.html"))]):
        if not isinstance(item, CableText):
            raise SystemExit(f"{item}")
        meta = item.source.metadata or {}
        day, time = meta["created"].split(" ")
        year, month, dom = (int(x) for x in day.split("-"))
        text = item.text
        header, content = "", text
        if text.startswith("VZCZC") and "\n\n" in text:
            header, content = text.split("\n\n", 1)
        cable = parse_text(text, item.source)
        refs = ",".join(r.reference_id for r in cable.references if r.reference_id)
        date = f"{month}/{dom}/{year} {time}"
        fields = [date, meta["reference_id"], meta["origin"], meta["classification"], refs, header, content]
        found.append((meta["created"], fields))
    found.sort(key=lambda pair: (pair[0], pair[1][1]))
    return [[str(i), *fields] for i, (_, fields) in enumerate(found, 1)]


def main() -> int:
    table = rows(PAGES)
    data = "".join(",".join(_field(f) for f in row) + "\n" for row in table).encode("utf-8")
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
        gz.write(data)
    DUMP.write_bytes(out.getvalue())
    print(f"{DUMP.relative_to(ROOT)}: {len(table)} rows, {len(out.getvalue())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
