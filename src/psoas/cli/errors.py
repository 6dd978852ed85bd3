"""Translate domain errors into one clear line and a non-zero exit; never a traceback."""

from __future__ import annotations

import sys

import click
import typer
from rich.console import Console

from psoas.domain.errors import InvalidInput, InvalidValue, NotFound, PsoasError

err_console = Console(stderr=True, soft_wrap=True, highlight=False)

# Newer Typer releases carry their own copy of click, whose usage errors (a bad option value,
# a missing argument, a group called without a command) are not click's own classes.
USAGE_ERRORS: tuple[type[Exception], ...] = tuple(
    {click.ClickException, getattr(typer, "TyperException", click.ClickException)}
)


def exit_code_for(exc: PsoasError) -> int:
    if isinstance(exc, NotFound):
        return 3
    if isinstance(exc, InvalidInput | InvalidValue):
        return 2
    return 1


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print 'Error: message' on stderr and return an Exit to raise."""
    err_console.print(f"Error: {message}", markup=False)
    return typer.Exit(code)


def run_app(app: typer.Typer) -> None:
    """Run the Typer app, turning PsoasError into a message and an exit code."""
    command = typer.main.get_command(app)
    try:
        # Without standalone mode click returns (not raises) the code of a typer.Exit.
        code = command.main(standalone_mode=False)
        if isinstance(code, int) and code != 0:
            sys.exit(code)
    except PsoasError as exc:
        err_console.print(f"Error: {exc.message}", markup=False)
        sys.exit(exit_code_for(exc))
    except (click.exceptions.Abort, typer.Abort, EOFError):
        err_console.print("Stopped.")
        sys.exit(130)
    except USAGE_ERRORS as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err_console.print(f"Error: {exc}", markup=False)
        sys.exit(getattr(exc, "exit_code", 2))
    except (click.exceptions.Exit, typer.Exit) as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("Stopped.")
        sys.exit(130)
