"""Audit of every regular expression in the package for catastrophic backtracking.

A repeat whose body holds another unbounded repeat (`(a+)*`, `(\\s*x)+`) can take exponential
time on a line that almost matches. Each one found must be listed here with the reason it is
safe: its body starts with a character it cannot also end with, so the repeat has only one way to
split a string.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from re import _constants as C  # noqa: N812
from re import _parser

import cablecli

# pattern name -> why its nested repeat cannot backtrack
REVIEWED = {
    "cablecli.parse.signers._SIGNER": "each repeated group starts with a space or a slash the group cannot end with",
    "cablecli.parse.body._SUMMARY_START": "at most 3 repeated words, each after whitespace a word cannot contain",
    "cablecli.parse.body._SUMMARY_HEADING": "at most 3 repeated words, each after whitespace a word cannot contain",
    "cablecli.parse.body._COMMENT_HEADING": "at most 2 repeated words, each after whitespace a word cannot contain",
    "cablecli.parse.signers._SIGNER_AFTER": "at most 2 repeated names, each after a space a name cannot contain; "
    "run on the last 60 characters of a line",
    "cablecli.parse.cablelike._MARK": "at most 3 repeated words, each after whitespace a word cannot contain; "
    "run on the first 300 characters of a line",
    "cablecli.parse.body_lines.PARAGRAPH": "the repeated group starts with a slash; the line is matched only at its start",
    "cablecli.parse.classification._HANDLING": "the REL list repeats separators followed by two or three letters only",
    "cablecli.parse.keyword_lines._TAGS_CONTINUATION": "at most 8 repeats, each must hold 2 to 6 capitals",
    "cablecli.parse.classification._OFFICE_SERIAL": "at most 4 repeats, each after whitespace; run on 300 characters at most",
    "cablecli.parse.header.PROSIGN": "each repeated routing indicator follows whitespace it cannot contain",
    "cablecli.check.marks.PROSIGN_LIKE": "each repeated routing indicator follows whitespace it cannot contain",
    "cablecli.check.rules.cby002._LETTER_RUN": "each repeat must take a letter, parenthesis or separator after its spaces",
    "cablecli.check.rules.par003._CANONICAL": "each repeated handling mark starts with a slash it cannot contain",
    "cablecli.check.rules.sig001._NAME_LINE": "each repeated name starts with whitespace or a slash it cannot contain",
    "cablecli.parse.fields.FLAT_PAGE_HEADER": "at most 3 repeats, each starting with whitespace a word cannot contain",
    "cablecli.parse.refs._CITATION": "at most 5 repeated office words, each after whitespace a word cannot contain",
    "cablecli.parse.refs._MORE": "at most 5 repeated words in its lookahead, each after whitespace a word cannot contain",
    "cablecli.parse.refs._LEADING_REF": "each repeat starts with REF, which the spaces before it cannot hold",
    "cablecli.parse.keyword_lines._REF_START": "at most 3 repeats, each starting with whitespace a word cannot contain",
    "cablecli.parse.preamble._FULL_PAGE_HEADER": "FLAT_PAGE_HEADER matched at the start of a line",
    "cablecli.parse.keyword_lines._REF_ITEM_LINE": "at most 3 repeats, each starting with whitespace a word cannot contain",
    "cablecli.inputs.html._TAG": "each repeated attribute starts with blanks, and ends with a name, a value or a quote, "
    "none of them a blank",
}


def _unbounded(av) -> bool:
    return av[1] == C.MAXREPEAT or av[1] > 64


def _has_unbounded_repeat(items) -> bool:
    for op, av in items:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if _unbounded(av) or _has_unbounded_repeat(av[2]):
                return True
        elif op == C.SUBPATTERN and _has_unbounded_repeat(av[3]):
            return True
        elif op == C.BRANCH and any(_has_unbounded_repeat(b) for b in av[1]):
            return True
        elif op in (C.ASSERT, C.ASSERT_NOT) and _has_unbounded_repeat(av[1]):
            return True
    return False


def nested_repeats(items) -> bool:
    for op, av in items:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] > 1 and _has_unbounded_repeat(av[2]):
            return True
        children = []
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            children = [av[2]]
        elif op == C.SUBPATTERN:
            children = [av[3]]
        elif op == C.BRANCH:
            children = list(av[1])
        elif op in (C.ASSERT, C.ASSERT_NOT):
            children = [av[1]]
        if any(nested_repeats(c) for c in children):
            return True
    return False


def all_patterns():
    for info in pkgutil.walk_packages(cablecli.__path__, "cablecli."):
        if info.name in ("cablecli.cli", "cablecli.__main__"):
            continue  # options only; the renderers are audited too, since they run on cable text
        module = importlib.import_module(info.name)
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            # Only the patterns a module defines, not those it imports from another.
            if isinstance(value, re.Pattern) and f"\n{name} = re.compile(" in source:
                yield f"{info.name}.{name}", value


def test_the_audit_sees_the_parser_patterns():
    names = dict(all_patterns())
    assert "cablecli.parse.classification.CLASSIFICATION" in names
    assert "cablecli.inputs.csvdump._ROW_START" in names
    assert "cablecli.render.safe._CONTROL" in names
    assert len(names) > 40


def test_the_checker_finds_nested_quantifiers():
    assert nested_repeats(_parser.parse(r"(a+)*b"))
    assert nested_repeats(_parser.parse(r"(?:\s*x)+"))
    assert not nested_repeats(_parser.parse(r"^\s*(\d{1,3})\.\s*(.*)$"))


def test_no_unreviewed_nested_quantifiers():
    found = {
        name
        for name, pattern in all_patterns()
        if nested_repeats(_parser.parse(pattern.pattern, pattern.flags))
    }
    assert found - set(REVIEWED) == set()
    assert set(REVIEWED) - found == set(), "a reviewed pattern changed: review it again"
