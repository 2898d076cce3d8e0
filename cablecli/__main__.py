"""`python -m cablecli`, and the `cablecli` command (see pyproject.toml)."""

from __future__ import annotations

import sys


def main() -> None:
    """`cablecli --version` answered before the command line's modules are loaded (~60 ms of
    Typer and Click); everything else goes to cablecli.cli."""
    if sys.argv[1:] == ["--version"]:
        from cablecli import __version__

        try:
            sys.stdout.write(f"cablecli {__version__}\n")
            sys.stdout.flush()
        except (BrokenPipeError, OSError):  # `cablecli --version | true`: end quietly, as the cli does
            sys.stdout = None  # type: ignore[assignment]
        return
    from cablecli.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
