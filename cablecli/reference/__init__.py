"""Reference data shipped with cablecli: TAGS meanings, country codes, routing indicators, classification.

The facts live in tab-separated files under `data/` (each opens with a comment on where they come from)
and are read on first use, so importing this package costs nothing. See docs/reference.md.
"""

from __future__ import annotations

from cablecli.reference.classification import (
    CLASSIFICATION_LEVELS,
    LEVEL_NAMES,
    classification_level,
    handling_marks,
    handling_meaning,
    level_name,
    marking_level,
    reason_meaning,
)
from cablecli.reference.stations import routing_indicators, station_name, station_note, station_other_names
from cablecli.reference.tags import (
    KINDS,
    TagInfo,
    country_name,
    explain_tag,
    fips_for_iso,
    is_known_tag,
    iso_confusion,
    known_tags,
    normalize_tag,
    tag_category,
    tag_kind,
    tag_note,
)

__all__ = [
    "CLASSIFICATION_LEVELS",
    "KINDS",
    "LEVEL_NAMES",
    "TagInfo",
    "classification_level",
    "country_name",
    "explain_tag",
    "fips_for_iso",
    "handling_marks",
    "handling_meaning",
    "is_known_tag",
    "iso_confusion",
    "known_tags",
    "level_name",
    "marking_level",
    "normalize_tag",
    "reason_meaning",
    "routing_indicators",
    "station_name",
    "station_note",
    "station_other_names",
    "tag_category",
    "tag_kind",
    "tag_note",
]
