"""cablecli: read US State Department telegrams (cables) into structured records."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "parse_text", "read"]


def __getattr__(name: str):
    # Imported lazily so that `cablecli --version` and pipelines start fast.
    if name == "parse_text":
        from cablecli.parse import parse_text

        return parse_text
    if name == "read":
        from cablecli.inputs import read

        return read
    raise AttributeError(f"module 'cablecli' has no attribute {name!r}")
