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
