"""A small deterministic generator of made-up cables for the tests, with the truth of their fields.

    python -m tests.support.cablegen --count 50 --seed 7 --format mixed --out /tmp/cables

Each cable is written in the layout of the published cables (transmission header, classification
line, captions, E.O., TAGS, SUBJECT, REF, Classified By, numbered paragraphs with portion markings,
signature) from a fixed vocabulary; the same arguments always give byte-identical files. Forms:

    text   OUT/YYYY/MM/<REFID>.txt              plain text; one in four writes its TAGS as
                                                markdown links ([PGOV](#)), as some archives do
    html   OUT/cable/YYYY/MM/<REFID>.html       a Cablegate "Cable Viewer" page
    csv    OUT/cables.csv (or OUT if it ends in .csv)   rows of the cables.csv dump (see
                                                cablecli/inputs/csvdump.py)
    mixed  OUT/text/..., OUT/html/..., OUT/cables.csv   every cable in all three forms

`truth.jsonl` (in OUT, or beside the CSV file) holds one JSON line per file or row written: its
`format`, `file` (relative to the form's folder; the CSV file's name for a row), `row`, the
`defects` applied, and the fields in the vocabulary of bench/accuracy.py's `as_truth`, as a
correct parser reads them from what was written.

`messy` is the probability that a cable gets one or two of the DEFECTS (format errors that `check`
reports, and a few that are not errors); a defect that removes a field makes its truth empty.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

# (routing indicator, FM line, origin as the dump and the HTML page name it, country TAGS code, country)
POSTS = [
    ("RUEHKB", "AMEMBASSY BAKU", "Embassy Baku", "AJ", "Azerbaijan"),
    ("RUEHAM", "AMEMBASSY AMMAN", "Embassy Amman", "JO", "Jordan"),
    ("RUEHAK", "AMEMBASSY ANKARA", "Embassy Ankara", "TU", "Turkey"),
    ("RUEHBW", "AMEMBASSY BELGRADE", "Embassy Belgrade", "RI", "Serbia"),
    ("RUEHPS", "AMEMBASSY PRISTINA", "Embassy Pristina", "KV", "Kosovo"),
    ("RUEHBJ", "AMEMBASSY BEIJING", "Embassy Beijing", "CH", "China"),
    ("RUEHCV", "AMEMBASSY CARACAS", "Embassy Caracas", "VE", "Venezuela"),
    ("RUEHDS", "AMEMBASSY ADDIS ABABA", "Embassy Addis Ababa", "ET", "Ethiopia"),
    ("RUEHEG", "AMEMBASSY CAIRO", "Embassy Cairo", "EG", "Egypt"),
    ("RUEHFR", "AMEMBASSY PARIS", "Embassy Paris", "FR", "France"),
    ("RUEHGB", "AMEMBASSY BAGHDAD", "Embassy Baghdad", "IZ", "Iraq"),
    ("RUEHIL", "AMEMBASSY ISLAMABAD", "Embassy Islamabad", "PK", "Pakistan"),
    ("RUEHJA", "AMEMBASSY JAKARTA", "Embassy Jakarta", "ID", "Indonesia"),
    ("RUEHKO", "AMEMBASSY TOKYO", "Embassy Tokyo", "JA", "Japan"),
    ("RUEHLO", "AMEMBASSY LONDON", "Embassy London", "UK", "the United Kingdom"),
    ("RUEHMD", "AMEMBASSY MADRID", "Embassy Madrid", "SP", "Spain"),
    ("RUEHMO", "AMEMBASSY MOSCOW", "Embassy Moscow", "RS", "Russia"),
    ("RUEHNE", "AMEMBASSY NEW DELHI", "Embassy New Delhi", "IN", "India"),
    ("RUEHNR", "AMEMBASSY NAIROBI", "Embassy Nairobi", "KE", "Kenya"),
    ("RUEHRB", "AMEMBASSY RABAT", "Embassy Rabat", "MO", "Morocco"),
    ("RUEHRL", "AMEMBASSY BERLIN", "Embassy Berlin", "GM", "Germany"),
    ("RUEHSV", "AMEMBASSY SUVA", "Embassy Suva", "FJ", "Fiji"),
    ("RUEHVI", "AMEMBASSY VIENNA", "Embassy Vienna", "AU", "Austria"),
    ("RUEHBO", "AMEMBASSY BOGOTA", "Embassy Bogota", "CO", "Colombia"),
]
STATE = ("RUEHC", "SECSTATE WASHDC", "Secretary of State", "", "")
OTHER_ADDRESSEES = [
    ("RUEKJCS", "SECDEF WASHDC"),
    ("RHEHNSC", "NSC WASHDC"),
    ("RUEAIIA", "CIA WASHDC"),
    ("RUCNDT", "USMISSION USUN NEW YORK"),
    ("RUEHNO", "USMISSION USNATO"),
    ("RUEHGV", "USMISSION GENEVA"),
]
SUBJECT_TAGS = "PGOV PREL ECON PHUM PTER MARR EFIN ETRD SNAR PINR ENRG SOCI".split()
PROGRAM_TAGS = "KDEM KCRM KTIP KPAO KMDR KIRF".split()
ORG_TAGS = "UN NATO EUN OSCE IAEA".split()
MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
PRECEDENCES = {"R": "ROUTINE", "P": "PRIORITY", "O": "IMMEDIATE", "Z": "FLASH"}
# classification, class line word, ZN line, portion markings used, top marking
LEVELS = {
    "UNCLASSIFIED": ("UNCLAS", "ZNR UUUUU ZZH", ["U"]),
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": ("UNCLAS", "ZNR UUUUU ZZH", ["U", "SBU"]),
    "CONFIDENTIAL": ("C O N F I D E N T I A L", "ZNY CCCCC ZZH", ["U", "SBU", "C"]),
    "CONFIDENTIAL//NOFORN": ("C O N F I D E N T I A L", "ZNY CCCCC ZZH", ["U", "C", "C//NF"]),
    "SECRET": ("S E C R E T", "ZNY SSSSS ZZH", ["U", "C", "S"]),
}
FIRST = "Anne John Mary Robert Linda David Susan James Karen Michael".split()
LAST = "Derse Wallace Morgan Hollis Brennan Castle Whitaker Lowell Pryor Danforth Ashby Kessler".split()
ACTORS = [
    "the Foreign Minister", "the Prime Minister", "the Interior Minister", "the ruling party chairman",
    "the election commission chairman", "the opposition leader", "a senior MFA official", "our contact",
]  # fmt: skip
VERBS = ["support", "delay", "review", "block", "finalize", "reconsider", "fund", "postpone"]
OBJECTS = [
    "the draft resolution", "the new electoral code", "local government elections", "the detainee transfer",
    "the budget", "the border agreement", "the energy deal", "the trade agreement", "the election law",
]  # fmt: skip
TAILS = [
    "",
    " before the end of the year",
    " in the coming weeks",
    " after the elections",
    " despite the crisis",
]
HEADINGS = ["ELECTIONS", "KOSOVO STATUS", "COMMENT", "ENERGY", "BACKGROUND"]
SUBJECT_VERBS = ["PRESSES FOR", "REJECTS", "WELCOMES", "DISCUSSES", "DOWNPLAYS PROGRESS ON"]
SUBJECT_TOPICS = [
    "ELECTION REFORM", "ENERGY SECURITY", "KOSOVO STATUS TALKS", "BORDER DEMARCATION", "TRADE TIES",
    "THE DRAFT BUDGET", "MINISTERIAL VISIT", "DETAINEE TRANSFERS", "NUCLEAR COOPERATION",
]  # fmt: skip

DEFECTS = [
    "missing_tags", "tags_no_colon", "lowercase_tags", "subj_abbrev", "missing_subject", "truncated_header",
    "extra_blank_lines", "crlf", "control_chars", "missing_signature", "decl_before_date",
    "marking_above_classification", "de_serial_mismatch",
]  # fmt: skip
_CITIES = {fm.split(" ", 1)[1].replace(" ", ""): fm.split(" ", 1)[1] for _, fm, *_ in POSTS}
_APART = [{"missing_tags", "tags_no_colon", "lowercase_tags"}, {"missing_subject", "subj_abbrev"}]


@dataclass
class Cable:
    """One made-up cable: what is written and what a correct parser reads from it."""

    ref_id: str
    post: tuple
    when: dt.datetime
    header: list[str]
    body: list[str]  # the TAGS line is "\0TAGS" here, written per form
    tags: list[str]
    tags_line: str  # "TAGS: " or "TAGS " (no colon)
    markdown: bool
    subject_first: str
    classification: str
    references: list[str]
    crlf: bool
    truth: dict = field(default_factory=dict)


def _wrap(text: str, width: int = 68) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


class Generator:
    def __init__(self, seed: str, messy: float) -> None:
        self.rng = random.Random(f"cablegen:{seed}")
        self.messy = messy
        self.serials: dict[tuple[int, str], int] = {}
        self.written: list[str] = []  # reference ids so far, for references within the corpus

    def sentence(self) -> str:
        r = self.rng
        actor = r.choice(ACTORS)
        text = (
            f"{actor[0].upper()}{actor[1:]} said the government would {r.choice(VERBS)} {r.choice(OBJECTS)}"
        )
        if r.random() < 0.15:
            text += " in Kosovo"
        return text + r.choice(TAILS) + "."

    def defects(self) -> list[str]:
        r = self.rng
        if r.random() >= self.messy:
            return []
        chosen: list[str] = []
        for _ in range(r.choice((1, 1, 2))):
            d = r.choice(DEFECTS)
            if d not in chosen and not any(d in group and group & set(chosen) for group in _APART):
                chosen.append(d)
        return chosen

    def cable(self) -> Cable:
        r = self.rng
        state = r.random() < 0.12  # a cable of the Department to posts
        post = STATE if state else r.choice(POSTS)
        action = r.choice(POSTS) if state else STATE
        ri, fm, _origin, country, _name = post
        city = "STATE" if state else fm.split(" ", 1)[1]
        country = action[3] if state else country
        year = r.choice((1998, 2003, 2006, 2007, 2008, 2008, 2009, 2009, 2010))
        when = dt.datetime(year, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=r.randrange(365 * 24 * 60))
        yy = f"{year % 100:02d}"
        key = (year, city)
        start = r.randrange(1000, 90000) if state else r.randrange(50, 900)
        self.serials[key] = self.serials.get(key, start) + r.randrange(1, 40)
        serial = self.serials[key]
        ref_id = f"{yy}{city.replace(' ', '')}{serial}"
        defects = self.defects()
        classification = r.choice(list(LEVELS))
        class_word, zn_line, markings = LEVELS[classification]
        prec = r.choice("RRPPPOZ")

        # -- transmission header
        dtg = f"{when:%d%H%M}Z {MONTHS[when.month - 1]} {yy}"
        julian = f"{when.timetuple().tm_yday:03d}{when:%H%M}"
        de_serial = serial + 7 if "de_serial_mismatch" in defects else serial
        header = [f"VZCZCXYZ{r.randrange(10000):04d}", f"{prec}{prec} RUEHWEB"]
        header += [f"DE {ri} #{de_serial % 10000:04d} {julian}", zn_line, f"{prec} {dtg}", f"FM {fm}"]
        to = [{"routing_indicator": action[0], "name": action[1], "precedence": None, "serial": None}]
        if r.random() < 0.6:
            to[0]["precedence"] = PRECEDENCES[prec]
        if r.random() < 0.7:
            to[0]["serial"] = f"{r.randrange(10000):04d}"
        info = []
        others = r.sample(POSTS, r.randrange(0, 4)) if r.random() < 0.8 else []
        for o in others:
            if o is not post and o is not action:
                info.append({"routing_indicator": o[0], "name": o[1], "precedence": None, "serial": None})
        for ri2, name in r.sample(OTHER_ADDRESSEES, r.randrange(0, 3)):
            info.append({"routing_indicator": ri2, "name": name, "precedence": None, "serial": None})
        for a in info:
            if r.random() < 0.3:
                a["precedence"] = r.choice(("ROUTINE", "PRIORITY", "IMMEDIATE"))
            if r.random() < 0.4:
                a["serial"] = f"{r.randrange(10000):04d}"
        if "truncated_header" in defects:
            if len(info) < 2:
                defects.remove("truncated_header")
            info = info[: len(info) // 2]

        def line(a: dict) -> str:
            extra = " ".join(x for x in (a["precedence"], a["serial"]) if x)
            return f"{a['routing_indicator']}/{a['name']}" + (f" {extra}" if extra else "")

        header.append("TO " + line(to[0]))
        for i, a in enumerate(info):
            header.append(("INFO " if i == 0 else "") + line(a))

        # -- preamble
        body = [f"{class_word} {city} {serial:06d}", ""]
        captions = ["SIPDIS"] if r.random() < 0.7 else []
        if classification.endswith("FOR OFFICIAL USE ONLY"):
            body += ["SENSITIVE", ""]
            captions.insert(0, "SENSITIVE")
        if classification.endswith("NOFORN"):
            body += ["NOFORN", ""]
            captions.insert(0, "NOFORN")
        if "SIPDIS" in captions:
            body += ["SIPDIS", ""]
        if "extra_blank_lines" in defects:
            body += ["", ""]
        classified = not classification.startswith("UNCLASSIFIED")
        decl = None
        if classified:
            decl_day = when.date() + dt.timedelta(days=365 * 10 + r.randrange(0, 40))
            if "decl_before_date" in defects:
                decl_day = when.date() - dt.timedelta(days=r.randrange(30, 900))
            decl = decl_day.isoformat()
            body.append(f"E.O. 12958: DECL: {decl_day:%m/%d/%Y}")
        else:
            body.append("E.O. 12958: N/A")
            if "decl_before_date" in defects:  # no declassification date to put before the cable's
                defects.remove("decl_before_date")
        tags = r.sample(SUBJECT_TAGS, r.randrange(1, 4)) + r.sample(PROGRAM_TAGS, r.randrange(0, 2))
        tags += r.sample(ORG_TAGS, 1) if r.random() < 0.2 else []
        tags.append(country)
        tags_line = "TAGS " if "tags_no_colon" in defects else "TAGS: "
        if "missing_tags" not in defects:
            body.append("\0TAGS")
        subject_words = (
            f"{city}: {r.choice(ACTORS).upper()} {r.choice(SUBJECT_VERBS)} {r.choice(SUBJECT_TOPICS)}"
        )
        subject_lines = _wrap(subject_words.replace("THE ", "", 1), 60)
        if "missing_subject" not in defects:
            keyword = "SUBJ: " if "subj_abbrev" in defects else "SUBJECT: "
            body += ["", keyword + subject_lines[0], *subject_lines[1:]]
        references: list[str] = []
        cited = []
        if r.random() < 0.6:
            pool = [x for x in self.written[-60:] if x != ref_id]
            cited = r.sample(pool, min(len(pool), r.randrange(1, 3)))
            if r.random() < 0.5:
                cited.append(f"{yy}STATE{r.randrange(1000, 99999)}")
        if cited:
            body.append("")
            for i, ref in enumerate(cited):
                y, station, number = (
                    ref[:2],
                    ref[2:].rstrip("0123456789"),
                    ref[2:].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                )
                station = _CITIES.get(station, station)
                written = f"{station} {number}" if y == yy else f"{y} {station} {number}"
                label = f"{chr(ord('A') + i)}. " if len(cited) > 1 else ""
                body.append(("REF: " if i == 0 else "     ") + label + written)
                references.append(ref)
        classified_by = reasons = None
        if classified:
            classified_by = f"{r.choice(FIRST)} {r.choice(LAST)}"
            reasons = sorted(r.sample(["b", "c", "d"], r.randrange(1, 3)))
            written_reasons = " and ".join(f"({x})" for x in reasons)
            body += [
                "",
                f"Classified By: {classified_by}, Political Counselor. Reasons: 1.4 {written_reasons}.",
            ]
            reasons = [f"1.4({x})" for x in reasons]

        # -- paragraphs
        top = markings[-1]
        count = r.randrange(2, 6)
        portion = []
        for n in range(1, count + 1):
            mark = top if n == 1 or r.random() < 0.5 else r.choice(markings)
            if classification == "UNCLASSIFIED" and r.random() < 0.5:
                mark = None
            if "marking_above_classification" in defects and n == 2:
                mark = {"UNCLASSIFIED": "C", "UNCLASSIFIED//FOR OFFICIAL USE ONLY": "C"}.get(
                    classification, "S"
                )
                if classification == "SECRET":
                    mark = "S//NF"
            portion.append(mark)
            text = " ".join(self.sentence() for _ in range(r.randrange(2, 5)))
            if state and n == 1:
                text = f"This is an action request. The Department asks {action[2]} to raise the following. {text}"
            if n == 2 and "control_chars" in defects:
                text = text.replace(" ", " \x07", 1)
            if n > 1 and r.random() < 0.2:
                body += ["", r.choice(HEADINGS)]
            sign = "\u00b6" if r.random() < 0.5 else ""
            lead = f"{sign}{n}. " + (f"({mark}) " if mark else "")
            body += ["", *_wrap(lead + text)]
        signer = None
        if "missing_signature" not in defects:
            signer = r.choice(LAST).upper()
            body += ["", signer]

        truth = {
            "reference_id": ref_id,
            "date": when.strftime("%Y-%m-%dT%H:%M:00Z"),
            "precedence": prec,
            "origin": fm,
            "to": to,
            "info": info,
            "xmt": [],
            "classification": classification,
            "captions": captions,
            "eo": "12958",
            "decl_date": decl,
            "reasons": reasons or [],
            "tags": [] if "missing_tags" in defects else tags,
            "subject": None if "missing_subject" in defects else " ".join(subject_lines),
            "references": references,
            "classified_by": classified_by,
            "paragraphs": count,
            "portion_markings": portion,
            "sections": 1,
            "signer": signer,
            "defects": defects,
        }
        self.written.append(ref_id)
        written_tags = [t.lower() for t in tags] if "lowercase_tags" in defects else tags
        cable = Cable(
            ref_id, post, when, header, body, written_tags, tags_line, r.random() < 0.25,
            subject_lines[0], classification, references, "crlf" in defects, truth,
        )  # fmt: skip
        return cable


# -- forms


def _tags_text(c: Cable, markdown: bool) -> str:
    return c.tags_line + " ".join(f"[{t}](#)" if markdown else t for t in c.tags)


def render_text(c: Cable) -> str:
    nl = "\r\n" if c.crlf else "\n"
    body = [_tags_text(c, c.markdown) if x == "\0TAGS" else x for x in c.body]
    return nl.join(c.header) + nl + nl + nl.join(body) + nl


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_PAGE_HEAD = """<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>
<head>
<title>Cable Viewer</title>
</head>
<body>
<div class='main'>
<div class='pane big'>
<h3>Viewing cable {ref_id}, {subject}</h3>
<table class='cable'>
<tr>
<th>Reference ID</th>
<th>Created</th>
<th>Released</th>
<th>Classification</th>
<th>Origin</th>
</tr>
<tr>
<td>
<a href='/cable/{yyyy}/{mm}/{ref_id}.html'>{ref_id}</a>
</td>
<td>
<a href='/date/{yyyy}-{mm}_0.html'>{created}</a>
</td>
<td>
<a href='/reldate/2011-08-30_0.html'>2011-08-30 01:44</a>
</td>
<td>
<a href='/classification/1_0.html' title='{class_lower}'>{classification}</a>
</td>
<td>
<a href='/origin/1_0.html'>{origin}</a>
</td>
</tr>
</table>
"""


def render_html(c: Cable) -> str:
    nl = "&#x000D;&#x000A;" if c.crlf else "&#x000A;"
    tags = c.tags_line + " ".join(f"<a href='/tag/{t}_0.html'>{t}</a>" for t in c.tags)
    body_lines = []
    for x in c.body:
        if x == "\0TAGS":
            body_lines.append(tags)
            continue
        x = _esc(x)
        if x.startswith("\u00b6"):
            n = x[1:].split(".", 1)[0]
            x = f"<a id='par{n}' href='#par{n}'>\u00b6</a>{x[1:]}"
        body_lines.append(x)
    fields = {
        "ref_id": c.ref_id,
        "subject": _esc(c.subject_first),
        "yyyy": f"{c.when.year}",
        "mm": f"{c.when.month:02d}",
        "created": f"{c.when:%Y-%m-%d %H:%M}",
        "class_lower": c.classification.lower(),
        "classification": c.classification,
        "origin": c.post[2],
    }
    page = _PAGE_HEAD
    for key, value in fields.items():
        page = page.replace("{" + key + "}", value)
    page += f"<code><pre>{nl.join(_esc(x) for x in c.header)}</pre></code>\n"
    page += f"<code><pre>{nl.join(body_lines)}</pre></code>\n"
    page += "</div>\n</div>\n</body>\n</html>\n"
    return page


def _csv_field(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_csv_row(c: Cable, row: int) -> str:
    nl = "\r\n" if c.crlf else "\n"
    w = c.when
    content = nl.join(_tags_text(c, False) if x == "\0TAGS" else x for x in c.body)
    fields = [
        str(row), f"{w.month}/{w.day}/{w.year} {w:%H:%M}", c.ref_id, c.post[2], c.classification,
        ",".join(c.references), nl.join(c.header), content,
    ]  # fmt: skip
    return ",".join(_csv_field(f) for f in fields) + "\n"


def generate(out: Path, count: int, seed: str = "1", fmt: str = "mixed", messy: float = 0.0) -> Path:
    """Write `count` cables in `fmt` under `out` (see the module docstring) with their truth; return `out`."""
    out = Path(out)
    gen = Generator(seed, messy)
    cables = [gen.cable() for _ in range(count)]
    forms = ["text", "html", "csv"] if fmt == "mixed" else [fmt]
    csv_path = out / "cables.csv"
    if fmt == "csv" and out.suffix == ".csv":
        csv_path, out = out, out.parent
    base = {"text": out, "html": out}
    if fmt == "mixed":
        base = {"text": out / "text", "html": out / "html"}
    out.mkdir(parents=True, exist_ok=True)
    truth_lines = []
    csv_rows = []
    for row, c in enumerate(cables, 1):
        for form in forms:
            record = {"format": form, "file": None, "row": None}
            if form == "csv":
                csv_rows.append(render_csv_row(c, row))
                record.update(file=csv_path.name, row=row)
            else:
                rel = f"{c.when.year}/{c.when.month:02d}/{c.ref_id}"
                rel = f"{rel}.txt" if form == "text" else f"cable/{rel}.html"
                path = base[form] / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes((render_text(c) if form == "text" else render_html(c)).encode("utf-8"))
                record["file"] = rel
            truth_lines.append(json.dumps({"reference_id": c.ref_id, **record, **c.truth}, sort_keys=False))
    if csv_rows:
        csv_path.write_bytes("".join(csv_rows).encode("utf-8"))
    (out / "truth.jsonl").write_text("\n".join(truth_lines) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--count", type=int, default=20)
    p.add_argument("--seed", default="1")
    p.add_argument("--format", choices=("text", "html", "csv", "mixed"), default="mixed")
    p.add_argument("--messy", type=float, default=0.0)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    generate(args.out, args.count, args.seed, args.format, args.messy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
