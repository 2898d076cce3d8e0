"""What is a cable: files without one are no record; mail-printout covers and repeated headers; invented text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablecli.cli import app
from cablecli.inputs import CableText, InputError, iter_texts
from cablecli.parse import looks_like_cable, parse_text
from tests.conftest import FIXTURES

ENV = {"CABLECLI_NO_PROGRESS": "1", "NO_COLOR": "1"}

CABLE = """VZCZCXRO1234
PP RUEHWEB
DE RUEHRO #1234/01 3381500
ZNY CCCCC ZZH
P 031500Z DEC 04
FM AMEMBASSY ROME
TO RUEHC/SECSTATE WASHDC PRIORITY 5678
BT
C O N F I D E N T I A L ROME 001234

SIPDIS

E.O. 12958: DECL: 12/03/2014
TAGS: PREL, IT
SUBJECT: ITALIAN VIEWS ON THE FISHERIES TALKS

1. (C) The talks stalled.

HOLLIS
"""

NOT_CABLES = {
    "software readme": "# fishtool\n\nA tool for counting fish.\n\n## Install\n\n```\npip install fishtool\nTAGS: x\n```\n"
    "\nSee `TAGS:` in the docs.\n\n## License\n\nMIT\n",
    "provenance table": "file\tsource\tretrieved\n04ROME1234.txt\thttps://example.org/04ROME1234\t2011-09-01\n",
    "notes": "Some notes about the cables in this folder.\nThe Rome ones came first; check the dates later.\n",
    "pdf": "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nTODO\n",
    "markdown table of marks": "| mark | meaning |\n| --- | --- |\n| TAGS: | subject codes |\n| END SUMMARY | closes it |\n",
}

CABLES = {
    "full cable": CABLE,
    "a REF line alone": "REF: ROME 1234\n",
    "a TAGS line without colon": "TAGS PREL, IT\n",
    "sentence-case tags": "E.o. 12958: decl: 01/07/2014\nTags: prel, pgov\n",
    "Classified By in paragraph 1": "1.  CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY JOHN ROE, DCM.\n",
    "Classified By after a marking": "(U)  CLASSIFIED BY AMBASSADOR JANE ROE FOR REASONS 1.5 (B)\n",
    "a DTG and FM": "R 211200Z MAR 75\nFM AMEMBASSY ROME\n",
    "TO and INFO lines": "TO AMEMBASSY ATHENS PRIORITY\nINFO RUEHTH/AMEMBASSY NICOSIA 0121\n",
    "a classification line and subject": "CONFIDENTIAL\n\nSubject: Italian views on the talks\n",
    "a page header": "ROME 00001234  002 OF 003\n\nthe text goes on here.\n",
    "a marked paragraph": "3. (SBU) The ministry will reply.\n",
    "an End Comment": "the minister will not wait for the vote. End Comment.\n",
    "the last lines in capitals": "THE MINISTRY WILL REPLY NEXT WEEK AND WE\nWILL REPORT AT ONCE.\n\nHOLLIS\n",
    "the last lines, GP-3": "8.  IF AUTHORIZED, WE WILL APPROACH THE FOREIGN OFFICE.\n\nGP-3\nHOLLIS\n",
    "a release stamp": "Text.\n\nDeclassified/Released US Department of State EO Systematic\nReview 30 JUN 2005\n",
}


@pytest.mark.parametrize("text", NOT_CABLES.values(), ids=list(NOT_CABLES))
def test_texts_that_are_not_cables(text):
    assert not looks_like_cable(text)


@pytest.mark.parametrize("text", CABLES.values(), ids=list(CABLES))
def test_pieces_of_cables_are_cables(text):
    assert looks_like_cable(text)


def test_every_real_fragment_is_a_cable():
    cases = FIXTURES / "fragments" / "cases.jsonl"
    for line in cases.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["form"] == "text":
            assert looks_like_cable(case["input"]), case["id"]


def test_every_cable_fixture_is_a_cable():
    items = [i for i in iter_texts([str(FIXTURES / n) for n in ("text", "html", "made-up", "five.csv")])]
    assert items and all(isinstance(i, CableText) or i.path.endswith("README.md") for i in items)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cables"
    folder.mkdir()
    (folder / "04ROME1234.txt").write_text(CABLE)
    (folder / "README.md").write_text(NOT_CABLES["software readme"])
    (folder / "PROVENANCE.tsv").write_text(NOT_CABLES["provenance table"])
    (folder / "notes.txt").write_text(NOT_CABLES["notes"])
    (folder / "scan.pdf").write_bytes(NOT_CABLES["pdf"].encode("latin-1"))
    return folder


@pytest.mark.parametrize(
    "command", [["parse", "-f", "jsonl"], ["tags"], ["check"], ["stats"], ["grep", "talks"]]
)
def test_a_walked_folder_skips_what_is_not_a_cable_with_a_notice(tmp_path, command):
    folder = _folder(tmp_path)
    result = CliRunner(env=ENV).invoke(app, [*command, str(folder)])
    # check's status is its rules' verdict on the one cable; the skipped files do not make it 2
    assert result.exit_code != 2 if command[0] == "check" else result.exit_code == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if "not a cable" in line]
    assert len(notices) == 4 and all(line.endswith("skipped") for line in notices)
    assert "README.md" in result.stderr and "Traceback" not in result.stderr


def test_the_walked_folder_gives_one_record(tmp_path):
    result = CliRunner(env=ENV).invoke(app, ["parse", str(_folder(tmp_path)), "-f", "jsonl", "--no-body"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["reference_id"] for r in records] == ["04ROME1234"]


@pytest.mark.parametrize("name", ["README.md", "PROVENANCE.tsv", "notes.txt", "scan.pdf"])
def test_a_named_file_without_a_cable_is_an_error(tmp_path, name):
    folder = _folder(tmp_path)
    result = CliRunner(env=ENV).invoke(app, ["parse", str(folder / name), str(folder / "04ROME1234.txt")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and name in result.stderr and "not a cable" in result.stderr
    assert "04ROME1234" in result.stdout  # the run goes on


def test_check_as_a_pre_commit_hook_passes_over_a_readme(tmp_path):
    folder = _folder(tmp_path)
    hook = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text()
    assert "cablecli check --skip-non-cables" in hook
    args = [
        "check",
        "--skip-non-cables",
        "--ignore",
        "SIG001",
        str(folder / "README.md"),
        str(folder / "04ROME1234.txt"),
    ]
    result = CliRunner(env=ENV).invoke(app, args)
    assert "README.md" in result.stderr and result.exit_code != 2


def test_the_api_reports_the_file_not_a_record(tmp_path):
    folder = _folder(tmp_path)
    items = list(iter_texts([str(folder / "notes.txt")]))
    assert len(items) == 1 and isinstance(items[0], InputError) and not items[0].skipped
    walked = [i for i in iter_texts([str(folder)]) if isinstance(i, InputError)]
    assert len(walked) == 4 and all(i.skipped for i in walked)


# --- Mail-printout covers and repeated headers -----------------------------------------------------

COVER = """Jane Roe 12/03/2004 10:15 From DB/Inbox: Search Results

Cable Text:
TELEGRAM December 3, 2004
To: No Action Addressee
Action: Unknown
From: AMEMBASSY ROME (ROME 1234 - PRIORITY)
Captions: None
Subject: ITALIAN VIEWS ON THE FISHERIES TALKS
Ref: None
CXPOST:
ACTION: POL
INFO: DCM ECON
DRAFTED: POL:JROE
CLEARED: NONE
"""


def _texts(tmp_path: Path, text: str) -> list:
    path = tmp_path / "cable.txt"
    path.write_text(text)
    return list(iter_texts([str(path)]))


def test_a_mail_printout_cover_stays_with_its_cable(tmp_path):
    items = _texts(tmp_path, COVER + CABLE)
    assert len(items) == 1 and isinstance(items[0], CableText)
    cable = parse_text(items[0].text)
    assert cable.reference_id == "04ROME1234"
    assert cable.date == "2004-12-03T15:00:00Z" and cable.origin == "AMEMBASSY ROME"
    assert cable.tags == ("PREL", "IT") and cable.signers == ("HOLLIS",)


def test_a_cover_with_tags_of_its_own_is_still_a_cover(tmp_path):
    items = _texts(tmp_path, COVER.replace("Captions: None", "TAGS: PREL") + CABLE)
    assert len(items) == 1


def test_a_header_repeated_after_an_archive_block_is_one_cable(tmp_path):
    header = CABLE.split("BT\n")[0] + "BT\n"
    archive = "\nFriday, 03 December 2004, 15:00\nCanonical ID: 04ROME1234\nOriginal Classification: CONFIDENTIAL\n\n"
    items = _texts(tmp_path, header + archive + CABLE)
    assert len(items) == 1
    cable = parse_text(items[0].text)
    assert cable.reference_id == "04ROME1234" and [p.text for p in cable.paragraphs] == ["The talks stalled."]


def test_another_cable_under_the_same_start_line_is_another_cable(tmp_path):
    other = CABLE.replace("#1234/01", "#5678/01").replace("ROME 001234", "ROME 005678")
    header = CABLE.split("BT\n")[0] + "BT\n"
    items = _texts(tmp_path, header + "\n" + other)
    assert [parse_text(i.text).reference_id for i in items][-1] == "04ROME5678" and len(items) == 2


def test_two_cables_in_one_file_are_still_two(tmp_path):
    other = CABLE.replace("VZCZCXRO1234", "VZCZCXRO5678").replace("ROME 001234", "ROME 005678")
    items = _texts(tmp_path, CABLE + "\n" + other)
    assert [parse_text(i.text).reference_id for i in items] == ["04ROME1234", "04ROME5678"]


def test_preamble_fields_before_a_letter_spaced_classification_line():
    text = CABLE.replace("C O N F I D E N T I A L ROME 001234\n\nSIPDIS\n\n", "").replace(
        "SUBJECT: ITALIAN VIEWS ON THE FISHERIES TALKS\n",
        "SUBJECT: ITALIAN VIEWS ON THE FISHERIES TALKS\n\nc o n f i d e n t i a l rome 001234\n",
    )
    cable = parse_text(text)
    assert cable.classification == "CONFIDENTIAL"
    assert cable.reference_id == "04ROME1234"
    assert cable.tags == ("PREL", "IT") and cable.subject == "ITALIAN VIEWS ON THE FISHERIES TALKS"
    assert [p.text for p in cable.paragraphs] == ["The talks stalled."]


@pytest.mark.parametrize("start", [0, 2, 3], ids=["full cover", "from Cable Text:", "from the TELEGRAM form"])
def test_a_cover_is_known_by_its_first_lines(tmp_path, start):
    cover = "\n".join(COVER.split("\n")[start:])
    items = _texts(tmp_path, cover + CABLE)
    assert len(items) == 1 and parse_text(items[0].text).reference_id == "04ROME1234"


def test_a_cable_that_speaks_of_a_cover_is_no_cover(tmp_path):
    first = CABLE.replace(
        "The talks stalled.", "The talks stalled.\nCable Text: From DB/Inbox: Search Results"
    )
    other = CABLE.replace("VZCZCXRO1234", "VZCZCXRO5678").replace("ROME 001234", "ROME 005678")
    assert len(_texts(tmp_path, first + other)) == 2
