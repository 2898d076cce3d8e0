"""Reference data: a pinned sample of entries, the eras and disputes of TAGS meanings, and coverage of
the real cables of examples/."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from cablecli import reference
from cablecli.reference import (
    CLASSIFICATION_LEVELS,
    classification_level,
    country_name,
    explain_tag,
    fips_for_iso,
    handling_marks,
    is_known_tag,
    iso_confusion,
    known_tags,
    marking_level,
    reason_meaning,
    routing_indicators,
    station_name,
    tag_kind,
    tag_note,
)
from tests.conftest import EXAMPLES

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("code", "kind", "meaning"),
    [
        ("PGOV", "subject", "Internal governmental affairs"),
        ("PREL", "subject", "External political relations"),
        ("PHUM", "subject", "Human rights"),
        ("KDEM", "program", "Democratization"),
        ("KPKO", "program", "Peacekeeping operations"),
        ("UN", "organization", "United Nations"),
        ("EUN", "organization", "European Union"),
        ("AJ", "country", "Azerbaijan"),
        ("GM", "country", "Germany"),
        ("SZ", "country", "Switzerland"),
        ("UK", "country", "United Kingdom"),
        ("RS", "country", "Russia"),
        ("CH", "country", "China"),
        ("KS", "country", "South Korea (Republic of Korea)"),
    ],
)
def test_pinned_tags(code, kind, meaning):
    info = explain_tag(code)
    assert (info.code, info.kind, info.meaning) == (code, kind, meaning)


@pytest.mark.parametrize(
    ("code", "listed", "era"),
    [
        ("KCOM", "Chief of Mission", "2000s"),
        ("KDRG", "Detainee Repatriation from Guantanamo Bay", "2000s"),
        ("KTIA", "Treaties and International Agreements", "2000s"),
        ("OFDP", "Foreign Diplomats and Foreign Missions", "2000s"),
        ("OPDC", "Diplomatic Correspondence", "2000s"),
        ("XR", "South America (regional tag)", "1974, 2009"),
        ("XY", "West Africa (regional tag)", "1974, 2009"),
        ("ZP", "Persian Gulf Area (regional tag)", "2009"),
        ("ZB", "Baltic States (regional tag)", "2009"),
        ("KV", "Kosovo", "2009"),
        ("MW", "Montenegro", "2009"),
        ("YI", "Serbia and Montenegro (Federal Republic of Yugoslavia)", "2009"),
    ],
)
def test_codes_the_published_lists_confirm(code, listed, era):
    info = explain_tag(code)
    assert (info.listed, info.era, info.usage) == (listed, era, None)
    assert info.meaning == listed  # a 2000s or 2009 meaning is shown without an era label


def test_sr_says_what_the_lists_say_and_how_the_cables_use_it():
    info = explain_tag("SR")
    assert info.kind == "country"
    assert (info.listed, info.era) == ("Suriname", "current")
    assert info.usage.startswith("Serbia and Kosovo")
    assert info.meaning == "Suriname (current list); the cables use it for Serbia and Kosovo (2008-2010)"
    assert iso_confusion("SR") == (
        "the cables use SR for Serbia and Kosovo (2008-2010); in ISO 3166 SR is Suriname, whose TAGS code is NS"
    )


def test_a_disputed_program_tag_shows_both_meanings():
    meaning = explain_tag("KSPR").meaning
    assert meaning.startswith(
        "Strategic, Performance and Resource Planning (2000s list); the cables use it for"
    )
    assert "reporting and collection needs" in meaning


def test_a_code_in_no_list_says_its_meaning_is_usage():
    info = explain_tag("KAWK")
    assert info.listed is None and info.era is None
    assert info.meaning == "Guantanamo Bay detainees (2009), as the cables use it (in no list)"


def test_an_older_meaning_names_its_era():
    assert explain_tag("YO").meaning == "Yugoslavia (1974 list)"
    assert tag_note("YO") == "until 1992"


def test_every_entry_has_a_meaning_and_a_known_era():
    eras = {"2000s", "1974", "1974, 2000s", "2009", "1974, 2009", "current", None}
    for code, info in known_tags().items():
        assert info.listed or info.usage or tag_note(code), code  # a malformed tag says what it is
        assert info.era in eras, (code, info.era)
        assert info.usage is None or info.listed is None or info.era, code  # a dispute names the list's era


def test_tags_are_case_insensitive_and_trimmed():
    assert explain_tag(" pgov ") == explain_tag("PGOV")
    assert tag_kind("kdem") == "program"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("OVIP (CLINTON, HILLARY)", "Hillary Clinton"),
        ("(KALOUDIS, NICK)", "Nick Kaloudis"),
        ("KISSINGER, HENRY A", "Henry A Kissinger"),
        ("OVIP (STEINBERG, JAMES B.)", "James B. Steinberg"),
    ],
)
def test_person_tags_by_shape(code, name):
    info = explain_tag(code)
    assert info.kind == "person"
    assert info.meaning.startswith(name)
    assert is_known_tag(code)


def test_ovip_alone_is_a_subject():
    assert explain_tag("OVIP").kind == "subject"


def test_two_tags_run_together_are_not_a_person():
    assert explain_tag("PGOV, PREL").kind != "person"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("KQQQ", "program"),
        ("PQQQ", "subject"),
        ("QQ", "country"),
        ("WXYZUN", "organization"),
        ("P-1!", "unknown"),
    ],
)
def test_unlisted_codes_get_a_kind_from_their_shape(code, kind):
    info = explain_tag(code)
    assert (info.kind, info.meaning) == (kind, None)
    assert not is_known_tag(code)


def test_iso_codes_used_by_mistake():
    assert fips_for_iso("AZ") == "AJ"
    assert fips_for_iso("RU") == "RS"
    assert fips_for_iso("DE") == "GM"
    assert fips_for_iso("CH") == "SZ"
    assert "AJ" in iso_confusion("AZ")
    assert "RS" in iso_confusion("RU")
    assert "GM" in iso_confusion("DE")
    assert "Georgia" in iso_confusion("GE")  # a TAGS code (East Germany) and the ISO code of Georgia
    assert iso_confusion("AJ") is None
    assert iso_confusion("US") is None
    assert explain_tag("AZ").kind == "country" and "AJ" in explain_tag("AZ").meaning
    assert country_name("AZ") is None


def test_every_iso_country_maps_back():
    for iso in ("FR", "IT", "US", "GB", "JP", "KR", "KP", "CN", "ZA"):
        fips = fips_for_iso(iso)
        assert fips is not None and country_name(fips), iso


@pytest.mark.parametrize(
    ("ri", "name"),
    [
        ("RUEHKB", "AMEMBASSY BAKU"),
        ("RUEHC", "SECSTATE WASHDC"),
        ("RUEKJCS", "SECDEF WASHDC"),
        ("RUEAIIA", "CIA WASHDC"),
        ("RHEHNSC", "NSC WASHDC"),
        ("RUEHFR", "AMEMBASSY PARIS"),
        ("RUCNCIS", "CIS COLLECTIVE"),
        ("RUCNDT", "USMISSION USUN NEW YORK"),
    ],
)
def test_pinned_stations(ri, name):
    assert station_name(ri) == name
    assert routing_indicators()[ri] == name


def test_unknown_station():
    assert station_name("RUEHQQQ") is None
    assert "JOINT STAFF WASHDC" in reference.station_other_names("RUEKJCS")


def test_marking_order():
    levels = [marking_level(m) for m in ("U", "SBU", "C", "S", "TS")]
    assert levels == sorted(levels) == [0, 1, 2, 3, 4]
    assert CLASSIFICATION_LEVELS["C"] < CLASSIFICATION_LEVELS["S"]
    for marking, level in [("S/NF", 3), ("C//NF", 2), ("(S/NOFORN)", 3), ("TS//NF", 4), ("U//FOUO", 0)]:
        assert marking_level(marking) == level
    assert marking_level("SNF") is None
    assert marking_level("C NF") is None


def test_classification_levels():
    assert [
        classification_level(n) for n in ("UNCLASSIFIED", "SBU", "CONFIDENTIAL", "SECRET", "TOP SECRET")
    ] == [
        0,
        1,
        2,
        3,
        4,
    ]
    assert classification_level("C O N F I D E N T I A L") == 2
    assert classification_level("SECRET//NOFORN") == 3
    assert classification_level("PUBLIC") is None


def test_handling_marks_and_reasons():
    marks = handling_marks()
    for mark in ("NOFORN", "SIPDIS", "NODIS", "EXDIS", "LIMDIS", "STADIS", "SBU", "FOUO", "EFTO"):
        assert marks[mark]
    assert reason_meaning("1.4(b)") == "Foreign government information"
    assert reason_meaning("1.4 (D)").startswith("Foreign relations")
    assert reason_meaning("1.5 (c)").startswith("Intelligence")
    assert reason_meaning("1.4(h)").startswith("Weapons of mass destruction")
    assert reason_meaning("1.5(h)") is None  # section 1.5 ran to (g)
    assert reason_meaning("1.4(i)") is None


def test_every_data_file_says_where_its_facts_come_from():
    data = REPO / "cablecli" / "reference" / "data"
    for path in data.iterdir():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 40, path.name


def test_import_reads_no_data():
    code = "from cablecli.reference import tags; print(tags._tag_table.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "0"


def _coverage_module():
    spec = importlib.util.spec_from_file_location(
        "reference_coverage", REPO / "scripts" / "reference_coverage.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The real cables of examples/. scripts/reference_coverage.py measures the same over a larger corpus
# (docs/reference.md gives its figures).
CORPUS = EXAMPLES


@pytest.fixture(scope="module")
def corpus():
    return _coverage_module()


def test_every_corpus_tag_has_a_kind(corpus):
    tags = corpus.corpus_tags(CORPUS)
    assert len(tags) > 80
    unknown = {tag: sorted(files)[:3] for tag, files in tags.items() if tag_kind(tag) == "unknown"}
    assert unknown == {}


def test_most_corpus_tags_have_a_meaning(corpus):
    infos = [explain_tag(t) for t in corpus.corpus_tags(CORPUS)]
    counted = [i for i in infos if i.kind in ("subject", "program", "country")]
    # 81 of 82: PEPR (on a 1979 Tehran cable) is in no list found.
    assert len(counted) > 75
    assert [i.code for i in counted if not i.meaning] == ["PEPR"]


def test_corpus_routing_indicators_resolve(corpus):
    indicators = corpus.corpus_indicators(CORPUS)
    assert len(indicators) > 140
    assert sorted(ri for ri in indicators if station_name(ri) is None) == []


def test_corpus_header_names_match(corpus):
    """Where a header pairs an RI with a post name, the table agrees for embassies and consulates."""
    mismatches = []
    for path, text in corpus.cable_texts(CORPUS):
        for ri, name in corpus.header_indicators(text):
            if name and name.startswith(("AMEMBASSY", "AMCONSUL")):
                known = station_name(ri)
                post = name.split()[1]
                if post not in known and post not in " ".join(reference.station_other_names(ri)):
                    mismatches.append((path.name, ri, name, known))
    assert mismatches == []


def test_level_names_as_a_person_types_them() -> None:
    from cablecli.reference import LEVEL_NAMES, level_name

    assert [level_name(v) for v in ("lou", "Top-Secret", "top_secret", " secret ", "unclas")] == [
        "LIMITED OFFICIAL USE", "TOP SECRET", "TOP SECRET", "SECRET", "UNCLASSIFIED",
    ]  # fmt: skip
    assert all(level_name(name.lower()) == name for name in LEVEL_NAMES)
    assert level_name("secretive") is None and level_name("SBU") is None
