"""The reference-id test of `show --id`: patterns that skip, unparsed, the texts which cannot be one
of the cables asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_REFERENCE_ID = re.compile(r"(\d{2})([A-Z][A-Z0-9]*?)(\d+)")


def reference_id_test(reference_ids: Iterable[str]) -> tuple[re.Pattern[bytes], re.Pattern[str]] | None:
    """Tests that skip texts which cannot be one of `reference_ids`: (bytes for whole files, str).

    A cable's reference id ends in its serial, which its raw text holds as written (`000187`) or
    its metadata holds in the id itself (`08BAKU187`): a text without the serial as a number of its
    own cannot be the cable. None when an id is not of the usual form (nothing can be skipped).
    """
    serials = set()
    for ref in reference_ids:
        m = _REFERENCE_ID.fullmatch(ref.strip().upper())
        if m is None:
            return None
        # An office may end in digits (USMISSION GENEVA2 gives 08GENEVA277 for serial 77): the
        # serial is some tail of the trailing digits, so every tail is a candidate.
        digits = m.group(3)
        serials.update(str(int(digits[i:])) for i in range(len(digits)))
    if not serials:
        return None
    numbers = "|".join(sorted(serials))
    # The bytes test starts with the digits themselves, so that a whole file is scanned at the
    # speed of a plain string search; it lets `10256` through for `256`, which the text test stops.
    scan = "|".join(f"{n}(?![0-9])(?<![1-9]{n})" for n in sorted(serials))
    exact = rf"(?<![0-9])0*(?:{numbers})(?![0-9])"
    return re.compile(scan.encode("ascii")), re.compile(exact)
