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
    serials: set[str] = set()
    tails: set[str] = set()
    for ref in reference_ids:
        m = _REFERENCE_ID.fullmatch(ref.strip().upper())
        if m is None:
            return None
        digits = m.group(3)
        serials.add(str(int(digits)))
        # An office may end in digits (USMISSION GENEVA2 gives 08GENEVA277 for serial 77): then the
        # serial is a tail of the trailing digits. Such a tail is looked for only as a cable writes
        # its serial, padded to four digits or more (#0077, GENEVA2 000077): a bare 7 or 77 is in
        # nearly every text, and would let every cable through.
        for i in range(1, len(digits)):
            tail = str(int(digits[i:]))
            if tail != "0":
                tails.add("0" * max(1, 4 - len(tail)) + tail if len(tail) < 4 else tail)
    if not serials:
        return None
    # The bytes test starts with the digits themselves and has no lookaround, so that RE2 scans a
    # whole file at the speed of a string search (cablecli.inputs.scan); it lets `10256` through
    # for `256`, which the text test stops.
    scan = [f"{n}(?:[^0-9]|$)" for n in sorted(serials | tails)]
    exact = [rf"(?<![0-9])0*(?:{'|'.join(sorted(serials))})(?![0-9])"]
    exact += [rf"(?<![0-9])0*{t}(?![0-9])" for t in sorted(tails)]
    return re.compile("|".join(scan).encode("ascii")), re.compile("|".join(exact))
