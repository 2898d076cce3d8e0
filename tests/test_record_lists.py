"""The lists of `Cable.to_dict`: each item is what the item's own `to_dict` gives, keys in the
same order, and every list is met with items over the fixtures."""

from __future__ import annotations

from cablecli.parse import parse_text
from tests.conftest import FIXTURES


def test_the_record_lists_are_what_their_items_give():
    """Each list item of `Cable.to_dict` is what the item's own `to_dict` gives."""
    paths = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "made-up").glob("*.txt"))
    seen = set()
    for path in paths:
        cable = parse_text(path.read_text(encoding="utf-8", errors="replace"))
        record = cable.to_dict()
        for name in ("to", "info", "references", "paragraphs", "problems"):
            assert record[name] == [item.to_dict() for item in getattr(cable, name)]
            assert all(
                list(a) == list(b.to_dict()) for a, b in zip(record[name], getattr(cable, name), strict=True)
            )
            seen.update([name] if record[name] else [])
    assert seen == {"to", "info", "references", "paragraphs", "problems"}
