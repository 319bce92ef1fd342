"""What every module of the command line shares: the consoles, warnings,
and the reading of comma-separated extractor names."""

from __future__ import annotations

import sys

import click
from rich.console import Console

err_console = Console(stderr=True)
# Piped output is not cut to a terminal's 80 columns (people grep it).
out_console = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)


def _warn(message: str) -> None:
    click.echo(f"kg: warning: {message}", err=True)


def _warn_unread(skipped: list[str], empty: list[str]) -> None:
    """One warning per file or line a build skipped and per article in which
    nothing was found, so none goes unsaid."""
    for problem in skipped:
        _warn(f"skipped {problem}")
    for name in empty:
        _warn(f"{name}: no entity found")


def _split_names(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())
