"""The Typer app every command module adds itself to, and its root options (--version, --max-cable-size)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cablecli import __version__

app = typer.Typer(
    name="cablecli",
    help="Inspect US State Department telegrams (cables): parse, show, grep, tags, addressees, check.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _keep_option_names_whole() -> None:
    """Help text is wrapped at spaces only: `--fail-on` must not become `--fail-` and `on`."""
    try:
        from typer._click import _textwrap  # the Click that Typer 0.28 carries
    except ImportError:  # another Typer: its wrapping stands
        return
    wrapper = _textwrap.TextWrapper
    if getattr(wrapper, "_whole_words", False):
        return
    init = wrapper.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("break_on_hyphens", False)
        init(self, *args, **kwargs)

    wrapper.__init__ = __init__  # type: ignore[method-assign]
    wrapper._whole_words = True  # type: ignore[attr-defined]


_keep_option_names_whole()


def _version(value: bool) -> None:
    if value:
        print(f"cablecli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    max_cable_size: Annotated[
        int,
        typer.Option(
            "--max-cable-size",
            min=1,
            metavar="MB",
            help="Largest cable read, in MB; a larger one is reported and skipped.",
        ),
    ] = 256,
) -> None:
    """Inspect US State Department telegrams (cables): parse, show, grep, tags, addressees, check."""
    from cablecli.inputs import set_max_cable_size

    set_max_cable_size(max_cable_size * 1024 * 1024)
