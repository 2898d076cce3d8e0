"""Datasette plugin: the SQL function an index's `cable_texts` view reads its text with.

Installed with cablecli (the `datasette` entry point in pyproject.toml), Datasette loads it by itself;
`datasette plugins` lists it as cablecli.index.datasette_plugin.
"""

from __future__ import annotations

from datasette import hookimpl

from cablecli.index.schema import add_functions


@hookimpl
def prepare_connection(conn) -> None:
    add_functions(conn)
