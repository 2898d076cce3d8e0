"""The command line: the Typer app with one module per command (cablecli/commands/), and main(),
which turns every failure into a message and an exit status."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from importlib import import_module
from typing import Any

import typer

from cablecli.commands.app import app as _app
from cablecli.commands.common import ExitCode, one_line

__all__ = ["COMMANDS", "load_commands", "main"]  # and `app`, through __getattr__

# One module each in cablecli/commands/; `cablecli --help` lists them in this order.
COMMANDS = ("parse", "grep", "show", "tags", "addressees", "check", "index", "stats", "refs")


def load_commands(names: Iterable[str] = COMMANDS) -> Any:
    """The app with these commands added (each module adds its own when imported), in COMMANDS order."""
    for name in names:
        import_module(f"cablecli.commands.{name}")
    _app.registered_commands.sort(key=lambda info: COMMANDS.index(info.name))
    return _app


def __getattr__(name: str) -> Any:
    # `cablecli.cli.app`: the app with every command.
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _named_command(args: list[str]) -> str | None:
    """The command that `args` run, when plain to see: then only its module is imported. (Shell
    completion runs the program without arguments: every command is there.)"""
    i = 0
    while i < len(args) and args[i].startswith("--max-cable-size"):
        i += 1 if "=" in args[i] else 2
    return args[i] if i < len(args) and args[i] in COMMANDS else None


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the app, turns every failure into a message and an exit status."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # Like other Unix filters, end silently when the reader of our output goes away (`| head`).
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _check_columns()
    named = _named_command(sys.argv[1:] if argv is None else list(argv))
    app = load_commands([named] if named else COMMANDS)
    code: Any = 0
    try:
        code = app(args=argv, prog_name="cablecli", standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("\n")
        code = ExitCode.INTERRUPTED
    except typer.Exit as exc:
        code = getattr(exc, "exit_code", 0)
    except BrokenPipeError:
        _quiet_stdout()
        code = 0
    except OSError as exc:
        if _is_broken_pipe(exc):
            _quiet_stdout()
            code = 0
        else:
            sys.stderr.write(f"cablecli: {one_line(str(exc))}\n")
            code = ExitCode.ERROR
    except Exception as exc:  # never show a traceback to a user
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # a usage error from the option parser
            exc.show()
            sys.exit(exc.exit_code)
        sys.stderr.write(f"cablecli: internal error: {one_line(f'{type(exc).__name__}: {exc}')}\n")
        code = ExitCode.ERROR
    try:
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        _quiet_stdout()
    sys.exit(int(code or 0))


def _check_columns() -> None:
    """COLUMNS (and LINES) that is not a usable width is ignored, as if unset: COLUMNS=0 laid every
    table out in no columns at all."""
    for name, least in (("COLUMNS", 20), ("LINES", 1)):
        value = os.environ.get(name)
        if value is not None and not (value.strip().isdigit() and int(value) >= least):
            del os.environ[name]


def _is_broken_pipe(exc: OSError) -> bool:
    import errno

    return exc.errno in (errno.EPIPE, errno.EINVAL) and not getattr(exc, "filename", None)


def _quiet_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that fails quietly too.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
