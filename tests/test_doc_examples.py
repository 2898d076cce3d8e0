"""Every `$ cablecli ...` example of README.md and docs/*.md runs over examples/ and prints what it shows.

When one fails because the output changed on purpose, `make docs` (scripts/update_doc_examples.py)
rewrites the shown outputs from a real run; review the diff.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location(
        "update_doc_examples", ROOT / "scripts" / "update_doc_examples.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


docs = _script()


@pytest.mark.parametrize("doc", docs.documents(), ids=lambda p: p.name)
def test_the_examples_print_what_they_show(doc: Path) -> None:
    outcome = docs.check_document(doc)
    assert not outcome.drifted, "\n" + docs.diff(outcome) + "\n(run `make docs` if the change is meant)"


def test_the_docs_have_examples_and_say_why_one_is_not_run() -> None:
    lines = {doc: doc.read_text(encoding="utf-8").split("\n") for doc in docs.documents()}
    found = {doc: docs.blocks(doc, text) for doc, text in lines.items()}
    examples = [e for blocks in found.values() for b in blocks if b.not_run is None for e in b.examples]
    assert len(examples) > 50
    assert sum(e.command.startswith("cablecli ") for e in examples) > 45
    for doc, text in lines.items():
        marked = [b for b in found[doc] if b.not_run is not None]
        assert len(marked) == sum(1 for line in text if docs.NOT_RUN.match(line.strip())), doc
        assert all(b.not_run and b.examples for b in marked), doc
        # every `$ cablecli` line is in a block the runner reads
        dollars = sum(1 for line in text if line.startswith("$ "))
        assert dollars == sum(len(b.examples) for b in found[doc]), doc


# The runner itself, on documents of our own.

DOC = """# A document

Some prose, and a block of another language:

```python
$ not a shell example
```

```console
$ printf 'one\\ntwo\\nthree\\n'
one
two
three

$ false
$ echo $?
1
```

<!-- not run: a corpus nobody has -->
```console
$ cablecli index build /nowhere/cables.csv --db big.db
big.db: 100000 added
```

```text
$ seq 1 20
1
2
...
20
$ printf 'updated         2026-01-01T00:00:00Z\\nsize_bytes  12\\ncables  3\\n'
updated         2001-01-01T00:00:00Z
size_bytes  99
cables  3
```
"""


def test_blocks_are_read_with_their_outputs(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(DOC, encoding="utf-8")
    found = docs.blocks(doc, DOC.split("\n"))
    assert [b.not_run for b in found] == [None, "a corpus nobody has", None]
    commands = [[e.command for e in b.examples] for b in found]
    assert commands[0] == ["printf 'one\\ntwo\\nthree\\n'", "false", "echo $?"]
    assert [e.shown for e in found[0].examples] == [["one", "two", "three"], [], ["1"]]
    assert found[2].examples[0].shown == ["1", "2", "...", "20"]


def test_a_document_that_holds_is_run_and_passes(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(DOC, encoding="utf-8")
    outcome = docs.check_document(doc)
    assert (outcome.ran, outcome.drifted) == (5, [])
    assert outcome.not_run == [
        (DOC.split("\n").index("<!-- not run: a corpus nobody has -->") + 2, "a corpus nobody has")
    ]


def test_a_drifted_output_is_reported_and_rewritten(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(DOC.replace("two\nthree", "2\nthree").replace("...\n20", "...\n21"), encoding="utf-8")
    outcome = docs.check_document(doc)
    assert [e.command for e, _ in outcome.drifted] == ["printf 'one\\ntwo\\nthree\\n'", "seq 1 20"]
    assert "-2\n+two" in docs.diff(outcome)
    docs.rewrite(doc, outcome)
    assert doc.read_text(encoding="utf-8") == DOC  # the elision and the blank line before `$ false` kept
    assert docs.check_document(doc).drifted == []


def test_matching() -> None:
    assert docs.matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert docs.matches(["a", "..."], ["a"])
    assert not docs.matches(["a", "...", "z"], ["a", "b"])
    assert not docs.matches(["a", "b"], ["a", "b", "c"])
    assert docs.matches(["updated   x", "cables  1"], ["updated   y", "cables  1"])
    assert not docs.matches(["cables  1"], ["cables  2"])
    assert docs.elided(["a", "...", "y", "z"], ["a", "b", "c", "y", "Z"]) == ["a", "...", "y", "Z"]


def test_the_environment_is_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("COLUMNS", "30")
    runner = docs.Runner()
    try:
        assert runner.run("echo $COLUMNS $NO_COLOR ${GITHUB_ACTIONS:-unset} $TZ") == ["100 1 unset UTC"]
        assert runner.run("ls examples/08BAKU187.txt tests/fixtures/five.csv") == [
            "examples/08BAKU187.txt",
            "tests/fixtures/five.csv",
        ]
        assert runner.run("cablecli parse examples/08BAKU187.txt -f csv --fields reference_id") == [
            "reference_id",
            "08BAKU187",
        ]
    finally:
        runner.close()


def test_a_command_that_hangs_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docs, "TIMEOUT", 1)
    runner = docs.Runner()
    try:
        assert runner.run("sleep 10") == ["(no output: the command ran for more than 1 s)"]
        assert runner.run("sleep 10 | cat") == ["(no output: the command ran for more than 1 s)"]
        assert runner.run("echo $?") == ["124"]
        assert runner.run("cat") == []  # stdin is empty, not the terminal
    finally:
        runner.close()
