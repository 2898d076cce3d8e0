"""An embedded SQLite index of parsed cables: build it once, then search and count without re-reading.

    >>> from cablecli.inputs import iter_texts
    >>> from cablecli.index import open_index, build_index, query   # doctest: +SKIP
    >>> conn = open_index("cables.db", create=True)                  # doctest: +SKIP
    >>> build_index(conn, iter_texts(["cables/"])).added             # doctest: +SKIP
    251287
    >>> query.citing(conn, "08STATE21209")[0]["reference_id"]        # doctest: +SKIP
    '08BAKU187'

`schema.py` holds the tables and the schema version (docs/index.md describes both), `build.py` writes
the index, `query.py` answers from it. Nothing here knows of terminals.
"""

from __future__ import annotations

from cablecli.index import query
from cablecli.index.schema import SCHEMA_VERSION, IndexFileError, IndexLockedError, add_functions, open_index

__all__ = [
    "SCHEMA_VERSION",
    "BuildReport",
    "IndexFileError",
    "IndexLockedError",
    "add_functions",
    "build_index",
    "open_index",
    "query",
]


def __getattr__(name: str):
    # The builder (and the parser it brings) is imported only by those who build.
    if name in ("build_index", "BuildReport"):
        from cablecli.index import build

        return getattr(build, name)
    raise AttributeError(f"module 'cablecli.index' has no attribute {name!r}")
