"""Start-up: a command imports only what it uses (checked by module, never by the clock)."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from cablecli import __version__
from cablecli.cli import app
from tests.conftest import FIXTURES


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)


def test_version_answers_without_the_command_line_modules():
    code = (
        "import sys; sys.argv = ['cablecli', '--version']\n"
        "from cablecli.__main__ import main\n"
        "main()\n"
        "print(sorted(m for m in ('typer', 'rich', 'cablecli.cli', 'cablecli.parse') if m in sys.modules))"
    )
    out = _run(code).stdout
    assert out == f"cablecli {__version__}\n[]\n"


def test_version_fast_path_prints_what_the_option_prints():
    fast = subprocess.run([sys.executable, "-m", "cablecli", "--version"], capture_output=True, text=True)
    slow = CliRunner().invoke(app, ["--version"])
    assert fast.returncode == slow.exit_code == 0
    assert fast.stdout == slow.stdout == f"cablecli {__version__}\n"


def test_reading_and_parsing_text_loads_no_page_reader_nor_drawing():
    code = (
        "import sys\n"
        "from cablecli.inputs import iter_texts\n"
        "from cablecli.parse import parse_text\n"
        "for item in iter_texts([sys.argv[1]]):\n"
        "    parse_text(item.text, item.source)\n"
        "print(sorted(m for m in ('html.parser', 'rich', 'typer', 'yaml', 'dateutil', 'sqlite3')"
        " if m in sys.modules))"
    )
    assert _run(code, str(FIXTURES / "08BAKU187.txt")).stdout == "[]\n"


def test_a_command_imports_its_own_module_only():
    code = (
        "import sys\n"
        "from cablecli.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('cablecli.commands.')), file=sys.stderr)"
    )
    for args in (["parse", "-f", "jsonl"], ["--max-cable-size", "5", "parse", "-f", "jsonl"]):
        err = _run(code, *args, str(FIXTURES / "08BAKU187.txt")).stderr
        assert "'cablecli.commands.parse'" in err and "'cablecli.commands.grep'" not in err, err
    err = _run(code, "--help").stderr
    assert "'cablecli.commands.grep'" in err and "'cablecli.commands.refs'" in err


def test_the_commands_keep_their_order_however_they_were_loaded():
    code = (
        "from cablecli.cli import load_commands\n"
        "print([c.name for c in load_commands(['refs', 'grep']).registered_commands])\n"
        "print([c.name for c in load_commands().registered_commands])"
    )
    first, every = _run(code).stdout.splitlines()
    assert first == "['grep', 'refs']"
    assert every == "['parse', 'grep', 'show', 'tags', 'addressees', 'check', 'stats', 'refs']"


_MODULES_OF_A_RUN = (
    "import sys\n"
    "from cablecli.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(sorted(sys.modules), file=sys.stderr)"
)


def _modules_of_a_run(*args: str) -> set[str]:
    err = _run(_MODULES_OF_A_RUN, *args).stderr
    return set(eval(err.strip().splitlines()[-1]))  # the list printed last


def test_parse_of_a_text_file_loads_no_writer_of_files_nor_grep_engine():
    loaded = _modules_of_a_run("parse", str(FIXTURES / "08BAKU187.txt"))
    assert "cablecli.parse" in loaded and "yaml" in loaded
    # tempfile (with random and hashlib) is for -o FILE only; cablecli.search is grep's.
    assert not {"tempfile", "random", "cablecli.search", "rich", "importlib.resources"} & loaded


def test_show_loads_the_body_lines_of_search_but_not_the_grep_engine():
    loaded = _modules_of_a_run("show", "--no-pager", str(FIXTURES / "08BAKU187.txt"))
    assert {"rich", "cablecli.reference", "cablecli.search.hits"} <= loaded
    grep_engine = {"cablecli.search.engine", "cablecli.search.matcher", "cablecli.search.run"}
    # the reference tables are read from the package's directory, without importlib.resources
    assert not (grep_engine | {"importlib.resources", "zipfile"}) & loaded
    with_id = _modules_of_a_run("show", "--no-pager", "--id", "08BAKU187", str(FIXTURES / "08BAKU187.txt"))
    assert "cablecli.search.reference_id" in with_id


def test_the_search_package_gives_each_name_from_its_module():
    import importlib

    import cablecli.search as search

    assert sorted(search._MODULES) == sorted(search.__all__)
    for name, module in search._MODULES.items():
        assert getattr(search, name) is getattr(importlib.import_module(f"cablecli.search.{module}"), name)
    try:
        search.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("no AttributeError")


def test_reference_data_read_from_the_directory_as_importlib_resources_reads_it(monkeypatch):
    import os
    from importlib.resources import files

    from cablecli.reference import _data

    names = sorted(os.listdir(_data._DATA))
    assert "tags.tsv" in names
    by_resources = {
        n: files("cablecli.reference").joinpath("data", n).read_text(encoding="utf-8") for n in names
    }
    assert {n: _data._read_text(n) for n in names} == by_resources
    rows = {n: _data.read_rows(n) for n in names}
    # Not files on disk (a zip archive): importlib.resources reads them, the same rows.
    monkeypatch.setattr(_data, "_DATA", os.path.join(_data._DATA, "no-such-directory"))
    assert {n: _data.read_rows(n) for n in names} == rows
