"""The corpus at a glance for `stats`: cables per year, classification, origin and tag (only counts kept).

    >>> counts = CorpusCounts()
    >>> counts.add(CableFacts(2008, "CONFIDENTIAL", "AMEMBASSY BAKU", ("PGOV", "AJ")))
    >>> counts.summary(top=1)["tags"]
    [{'tag': 'AJ', 'count': 1}]

From PATHs each cable is reduced to its CableFacts (in the worker processes under -j) and counted here;
from an index the same counts come from SQL (index/query.py), and `summary` shapes both alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cablecli.model import Cable


@dataclass(frozen=True, slots=True)
class CableFacts:
    """What `stats` counts of one cable; tags are canonical codes, each once."""

    year: int | None
    classification: str | None
    origin: str | None
    tags: tuple[str, ...]


def cable_facts(cable: Cable) -> CableFacts:
    """Module-level, so that worker processes can run it."""
    from cablecli.index.build import tag_code

    year = int(cable.date[:4]) if cable.date and cable.date[:4].isdigit() else None
    tags = tuple(dict.fromkeys(tag_code(tag) for tag in cable.tags))
    return CableFacts(year, cable.classification, cable.origin, tags)


@dataclass
class CorpusCounts:
    """Cables in all, and per year, classification, origin and tag (a cable counts once per tag)."""

    cables: int = 0
    years: Counter[int | None] = field(default_factory=Counter)
    classifications: Counter[str | None] = field(default_factory=Counter)
    origins: Counter[str | None] = field(default_factory=Counter)
    tags: Counter[str] = field(default_factory=Counter)

    def add(self, facts: CableFacts) -> None:
        self.cables += 1
        self.years[facts.year] += 1
        self.classifications[facts.classification] += 1
        self.origins[facts.origin] += 1
        self.tags.update(facts.tags)

    def summary(self, top: int = 10) -> dict[str, Any]:
        """The numbers `stats -f json` prints: years in order, the rest most frequent first."""
        return {
            "cables": self.cables,
            "years": [
                {"year": year, "count": n}
                for year, n in sorted(self.years.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
            ],
            "classifications": [{"classification": k, "count": n} for k, n in _ranked(self.classifications)],
            "origins": [{"origin": k, "count": n} for k, n in _ranked(self.origins, top)],
            "tags": [{"tag": k, "count": n} for k, n in _ranked(self.tags, top)],
            "distinct": {
                "origins": sum(1 for k in self.origins if k is not None),
                "tags": len(self.tags),
            },
        }


def _ranked(counter: Counter, top: int | None = None) -> list[tuple[Any, int]]:
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))
    return ordered[:top] if top is not None else ordered
