"""Single lines of the body and the text joined from them, looked at alone: the start of a numbered
paragraph with its portion marking, a rule, a web footer or address; and the folding of whitespace
in joined text. The body walk, the signature and the viewer share these.
"""

from __future__ import annotations

from cablecli import compiled_re as re  # re, with the expressions ready-made

# `1. (C) text`, `¶1. (S/NF) text`, `12.(SBU) text`; not `1.4 (b)` or `2.7 million`.
PARAGRAPH = re.compile(
    r"^\s*(¶\s*)?(\d{1,3})\s?\.(?!\d)\s*(?:\(\s*([A-Z]{1,4}(?:\s*/{1,2}\s*[A-Z]+)*|[A-Z]{1,4} NF)\s*\))?\s*"
)
_MARKING_OK = re.compile(
    r"^(?:U|SBU|LOU|C|S|TS|FOUO|SNF|CNF|UNCLASSIFIED|CONFIDENTIAL|SECRET|NF|[UCS]\s?NF|TS\s?NF)"
)
_FOOTER = re.compile(
    r"(?i)^(?:visit .*|.*classified website.*|https?://\S+|www\.\S+|\S+\.(?:gov|sgov|smil)\S*)$"
)
HEADING_EDGE = _RULE_CHARS = " \t-=_*:."  # stripped from a heading line: `------- SUMMARY -------`


def is_rule(s: str) -> bool:
    """A rule: `-------`, `=====`, `- - - -`, a long rule wrapped (`--------- ----`)."""
    t = s.strip()
    return not t.strip("-=_* \t") and len(t) - t.count(" ") >= 3


# ASCII whitespace other than the space; str.split() folds all of these.
_ASCII_SPACES = ("\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _clean(text: str) -> str:
    """Fold runs of whitespace to one space and strip: `" ".join(text.split())`, faster in the
    common case of ASCII text whose only whitespace is spaces (double spaces after sentences)."""
    if _plain(text):
        return _fold_spaces(text)
    return " ".join(text.split())


def _plain(text: str) -> bool:
    """ASCII text whose only whitespace is the space."""
    return text.isascii() and not any(c in text for c in _ASCII_SPACES)


def _fold_spaces(text: str) -> str:
    """`_clean` of a text that is `_plain`: spaces stripped, runs of them folded."""
    text = text.strip(" ").replace("  ", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _is_address(s: str) -> bool:
    """A web address, perhaps wrapped with a space (`http://www.state.sgov.gov/p/eur/paris/index.c fm`)."""
    return s.startswith(("http://", "https://", "www.", "(http")) and len(s) < 100
