"""Translate domain errors into one clear line and a non-zero exit; never a traceback."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

import typer

from psoas.domain.errors import InvalidInput, InvalidValue, NotFound, PsoasError

if TYPE_CHECKING:
    from rich.console import Console

_ERR_CONSOLE: Console | None = None


def __getattr__(name: str) -> Any:
    """``err_console``, made on first use: ``psoas --version`` then never loads Rich."""
    if name == "err_console":
        return stderr_console()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def stderr_console() -> Console:
    """The one console on stderr that every command's messages and errors use."""
    global _ERR_CONSOLE
    if _ERR_CONSOLE is None:
        from rich.console import Console

        _ERR_CONSOLE = Console(stderr=True, soft_wrap=True, highlight=False)
    return _ERR_CONSOLE


def click_errors(name: str) -> tuple[type[BaseException], ...]:
    """Click's exception ``name`` when click is loaded, else none. Older Typer releases run on
    click itself, and a command may use a library built on it; newer ones carry their own copy
    of click (its errors are TyperExceptions), so click is not imported just to catch them."""
    click = sys.modules.get("click")
    return (getattr(click.exceptions, name),) if click is not None else ()


def usage_errors() -> tuple[type[BaseException], ...]:
    """A bad option value, a missing argument, a group called without a command."""
    typer_error = getattr(typer, "TyperException", None)  # newer Typer releases
    return (*((typer_error,) if typer_error else ()), *click_errors("ClickException"))


# The option a person types for each field the services check, so an error names what they
# typed ("--minutes"), never an internal field ("minutes_per_day"). Longest prefix wins.
FIELD_OPTIONS = {
    "minutes_per_day": "--minutes",
    "strength_days_per_week": "--strength-days",
    "preferred_days": "--days",
    "equipment": "--equipment",
    "level": "--level",
    "pain_before": "--pain-before",
    "pain_during": "--pain-during",
    "pain_after": "--pain-after",
    "next_morning_pain": "--pain",
    "effort": "--effort",
    "minutes": "--minutes",
    "hip_angle.left": "--hip-left",
    "hip_angle.right": "--hip-right",
    "knee_angle.left": "--knee-left",
    "knee_angle.right": "--knee-right",
    "self_test_left": "--self-test-left",
    "self_test_right": "--self-test-right",
    "self_test.left": "--self-test-left",
    "self_test.right": "--self-test-right",
    "pain": "--pain",
    "psfs": "--psfs",
    "sitting_hours": "--sitting-hours",
    "quiet_days": "--quiet-days",
    "interval_minutes": "--interval",
    "snooze_minutes": "--snooze",
    "work_start": "--start",
    "work_end": "--end",
    "working_days": "--days",
    "session_at": "--session-at",
    "start": "--start",
    "end": "--end",
    "days": "--days",
    "quiet": "--quiet",
    "page_size": "--page-size",
}
FIELD_WORD = re.compile(r"\b(a|an|the) ([a-z]+)_([a-z_]+)\b")
PYTHON_LIST = re.compile(r"\[((?:'[^']*'(?:, )?)+)\]")


def option_for(field: str) -> str:
    """The option that sets ``field``, or the field in plain words when no option does."""
    if field.isupper():  # an environment variable: the person set it by that very name
        return field
    parts = re.sub(r"\[\d+\]", "", field).split(".")
    for end in range(len(parts), 0, -1):
        option = FIELD_OPTIONS.get(".".join(parts[:end]))
        if option:
            return option
    return field.replace("_", " ").replace(".", " ")


def plain_problem(problem: str) -> str:
    """'a knee_angle must be' -> 'a knee angle must be'; "['xyz']" -> 'xyz'."""
    problem = FIELD_WORD.sub(
        lambda m: f"{m.group(1)} {m.group(2)} {m.group(3).replace('_', ' ')}", problem
    )
    return PYTHON_LIST.sub(lambda m: m.group(1).replace("'", ""), problem)


def person_message(exc: PsoasError) -> str:
    """The error in the person's terms: each problem after the option that caused it."""
    if isinstance(exc, InvalidInput):
        problems: tuple[InvalidValue, ...] = exc.problems
    elif isinstance(exc, InvalidValue):
        problems = (exc,)
    else:
        return exc.message
    return "; ".join(f"{option_for(p.field)}: {plain_problem(p.problem)}" for p in problems)


def exit_code_for(exc: PsoasError) -> int:
    if isinstance(exc, NotFound):
        return 3
    if isinstance(exc, InvalidInput | InvalidValue):
        return 2
    return 1


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print 'Error: message' on stderr and return an Exit to raise."""
    stderr_console().print(f"Error: {message}", markup=False)
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
        stderr_console().print(f"Error: {person_message(exc)}", markup=False)
        sys.exit(exit_code_for(exc))
    except (typer.Abort, EOFError, *click_errors("Abort")):
        stderr_console().print("Stopped.")
        sys.exit(130)
    except usage_errors() as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            stderr_console().print(f"Error: {exc}", markup=False)
        sys.exit(getattr(exc, "exit_code", 2))
    except (typer.Exit, *click_errors("Exit")) as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        stderr_console().print("Stopped.")
        sys.exit(130)
