"""What a TAGS code means: subject, program, organization, geographic and person tags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cablecli.reference._data import read_rows

KINDS = ("subject", "program", "organization", "country", "person", "unknown")

# First letter of a subject tag -> its category in the TAGS/Terms handbook.
CATEGORIES = {
    "A": "Administration",
    "B": "Business services",
    "C": "Consular affairs",
    "E": "Economic affairs",
    "K": "Programs",
    "L": "Legal affairs",
    "M": "Military and defense affairs",
    "O": "Operations",
    "P": "Political affairs",
    "S": "Social affairs",
    "T": "Technology and science",
}

_NAME = r"(?P<surname>[A-Z][A-Z' -]*[A-Z])\s*(?:,\s*(?P<given>[A-Z][A-Z. '-]*?))?"
# `(SURNAME, GIVEN)` or `(SURNAME)`, perhaps after a subject tag: `OVIP (CLINTON, HILLARY)`.
_PERSON_IN_PARENS = re.compile(r"^(?:(?P<prefix>[A-Z]{4})\s*)?\(\s*" + _NAME + r"\s*\)$")
# `SURNAME, GIVEN` without parentheses: the comma is required.
_PERSON_BARE = re.compile(r"^(?P<surname>[A-Z][A-Z' -]*[A-Z])\s*,\s*(?P<given>[A-Z][A-Z. '-]*)$")
_SUBJECT_SHAPE = re.compile(r"^[ABCELMOPST][A-Z]{3}$")
_PROGRAM_SHAPE = re.compile(r"^K[A-Z]{3}$")
_ACRONYM_SHAPE = re.compile(r"^[A-Z][A-Z0-9]{2,7}$")


@dataclass(frozen=True, slots=True)
class TagInfo:
    """One tag explained: its code as written (normalised), its kind, and what it means (None if unknown).

    `meaning` is the one line to show. For a listed code it is made from three parts kept apart here:
    `listed`, what the published TAGS lists say; `era`, the list that is from ("2000s", "1974, 2009",
    "current"); and `usage`, how the published cables use the code where that differs from the lists or
    no list has it. A code whose list meaning and usage disagree (SR: Suriname in today's list, Serbia in
    the cables of 2008-2010) is shown with both.
    """

    code: str
    kind: str
    meaning: str | None
    listed: str | None = None
    era: str | None = None
    usage: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    listed: str | None
    era: str | None
    usage: str | None
    note: str
    iso: str | None = None

    def info(self, code: str) -> TagInfo:
        return TagInfo(
            code, self.kind, _shown(self.listed, self.era, self.usage), self.listed, self.era, self.usage
        )


# Eras of the lists that the Cablegate cables (2000s) were tagged with: a meaning from them needs no label.
_CABLEGATE_ERAS = ("2000s", "2009")


def _shown(listed: str | None, era: str | None, usage: str | None) -> str | None:
    """The meaning to show: the list's meaning, its era when that is not the 2000s, and the cables' usage."""
    if listed and usage:
        return f"{listed} ({era or 'a'} list); the cables use it for {usage}"
    if usage:
        return f"{usage[:1].upper()}{usage[1:]}, as the cables use it (in no list)"
    if listed and era and not any(e in era for e in _CABLEGATE_ERAS):
        return f"{listed} ({era} list)"
    return listed


def _field(row: list[str], i: int) -> str | None:
    return (row[i] or None) if len(row) > i else None


@cache
def _tag_table() -> dict[str, _Entry]:
    """code -> entry, for subject, program and organization tags."""
    return {
        row[0]: _Entry(row[1], _field(row, 2), _field(row, 3), _field(row, 4), _field(row, 5) or "")
        for row in read_rows("tags.tsv")
    }


@cache
def _country_table() -> dict[str, _Entry]:
    """TAGS geographic code -> entry (its `iso` the ISO code of the same country, or None)."""
    return {
        row[0]: _Entry(
            "country", _field(row, 2), _field(row, 3), _field(row, 4), _field(row, 5) or "",
            None if row[1] == "-" else row[1],
        )
        for row in read_rows("countries.tsv")
    }  # fmt: skip


@cache
def _iso_table() -> dict[str, tuple[str, str | None]]:
    """ISO 3166-1 alpha-2 code -> (name, TAGS code or None)."""
    return {row[0]: (row[1], None if row[2] == "-" else row[2]) for row in read_rows("iso3166.tsv")}


def normalize_tag(code: str) -> str:
    """A tag as compared: upper case, surrounding space and trailing punctuation dropped, spaces collapsed."""
    return " ".join(code.strip().strip(",;.").upper().split())


def _readable_name(surname: str, given: str | None) -> str:
    def title(part: str) -> str:
        return " ".join(w.capitalize() if len(w) > 1 and not w.endswith(".") else w for w in part.split())

    return f"{title(given)} {title(surname)}" if given else title(surname)


def _person(code: str) -> TagInfo | None:
    m = _PERSON_IN_PARENS.match(code) or _PERSON_BARE.match(code)
    if not m or (
        m.re is _PERSON_BARE and m.group("surname") in _tag_table().keys() | _country_table().keys()
    ):
        return None  # `PGOV, PREL` is two tags run together, not a name
    meaning = _readable_name(m.group("surname"), m.group("given"))
    prefix = m.groupdict().get("prefix")
    if prefix:
        entry = _tag_table().get(prefix)
        prefix_meaning = entry.info(prefix).meaning if entry else None
        meaning += f"; {prefix}: {prefix_meaning}" if prefix_meaning else f"; {prefix}"
    return TagInfo(code, "person", meaning)


def explain_tag(code: str) -> TagInfo:
    """Explain a TAGS code, case-insensitively.

    Listed tags get their kind and meaning. Person tags are recognised by shape (`SURNAME, GIVEN`,
    `(SURNAME, GIVEN)`, `OVIP (CLINTON, HILLARY)`); their meaning is the name in reading order. Other
    codes get a kind from their shape and no meaning: two letters a country, K + three letters a program,
    four letters of a handbook category a subject, another acronym an organization; anything else "unknown".
    An ISO 3166 code that is not a TAGS code (AZ, RU) is a country whose meaning names the TAGS code to use.
    """
    tag = normalize_tag(code)
    entry = _tag_table().get(tag) or _country_table().get(tag)
    if entry is not None:
        return entry.info(tag)
    person = _person(tag)
    if person is not None:
        return person
    if len(tag) == 2 and tag.isalpha():
        iso = _iso_table().get(tag)
        if iso is None:
            return TagInfo(tag, "country", None)
        name, fips = iso
        hint = f"the TAGS code is {fips}" if fips else "no TAGS code of its own"
        return TagInfo(tag, "country", f"{name} (ISO 3166 code; {hint})")
    if _PROGRAM_SHAPE.match(tag):
        return TagInfo(tag, "program", None)
    if _SUBJECT_SHAPE.match(tag):
        return TagInfo(tag, "subject", None)
    if _ACRONYM_SHAPE.match(tag):
        return TagInfo(tag, "organization", None)
    return TagInfo(tag, "unknown", None)


def tag_kind(code: str) -> str:
    """The kind of a tag: subject, program, organization, country, person or unknown."""
    return explain_tag(code).kind


def is_known_tag(code: str) -> bool:
    """True if the tag is listed in the reference data or is a person tag."""
    tag = normalize_tag(code)
    return tag in _tag_table() or tag in _country_table() or _person(tag) is not None


def tag_note(code: str) -> str | None:
    """A remark on a listed tag, e.g. that it misspells another; None if there is none."""
    tag = normalize_tag(code)
    entry = _tag_table().get(tag) or _country_table().get(tag)
    return (entry.note or None) if entry else None


def tag_category(code: str) -> str | None:
    """The handbook category of a subject or program tag ("Political affairs" for PGOV); None for others."""
    info = explain_tag(code)
    if info.kind not in ("subject", "program"):
        return None
    return CATEGORIES.get(info.code[:1])


def known_tags() -> dict[str, TagInfo]:
    """Every listed tag, geographic ones included, by code."""
    table = {code: entry.info(code) for code, entry in _tag_table().items()}
    for code, entry in _country_table().items():
        table.setdefault(code, entry.info(code))
    return table


def country_name(code: str) -> str | None:
    """The country or area a geographic TAGS code stands for ("AJ" -> "Azerbaijan"), or None."""
    tag = normalize_tag(code)
    entry = _country_table().get(tag)
    return entry.info(tag).meaning if entry else None


def fips_for_iso(iso_code: str) -> str | None:
    """The TAGS (FIPS 10-4) code of the country that an ISO 3166 alpha-2 code names ("DE" -> "GM")."""
    entry = _iso_table().get(normalize_tag(iso_code))
    if entry is None or entry[1] is None or " " in entry[1]:
        return None  # unknown, or an ISO area that TAGS splits (PS: Gaza Strip GZ and West Bank WE)
    return entry[1]


def iso_confusion(code: str) -> str | None:
    """Say why a two-letter tag may be an ISO 3166 code used by mistake; None when there is no doubt.

    Two cases: the code is not a TAGS code but is an ISO code ("AZ": Azerbaijan is AJ), or it is a TAGS
    code of one country and the ISO code of another ("AU" is Austria in TAGS, Australia in ISO).
    """
    tag = normalize_tag(code)
    iso = _iso_table().get(tag)
    if iso is None:
        return None
    iso_name, fips = iso
    own = _country_table().get(tag)
    use = f"whose TAGS code is {fips}" if fips else "which has no TAGS code of its own"
    if own is None:
        return f"{tag} is not a TAGS country code; in ISO 3166 it is {iso_name}, {use}"
    if own.iso == tag:
        return None
    own_use = (
        f"the cables use {tag} for {own.usage}" if own.usage else f"{tag} is {own.info(tag).meaning} in TAGS"
    )
    return f"{own_use}; in ISO 3166 {tag} is {iso_name}, {use}"
