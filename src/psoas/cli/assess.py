"""`psoas assess`: the safety screening and bench-edge self-test, then an explained result.

`psoas assess` asks interactively; `--answers FILE` runs from a YAML/JSON mapping of question
ids to values; `--questions` lists the questions; `show` prints the latest result; `clear`
records that a clinician has cleared you after a "see a clinician" result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console

from psoas.bootstrap import build_context
from psoas.cli.assess_flow import InteractiveFlow, Stopped
from psoas.cli.assess_render import print_result, question_primitive, questions_table
from psoas.cli.errors import err_console, fail
from psoas.cli.options import JsonOpt, PersonOpt, person_id_of, print_json
from psoas.cli.strict_yaml import DuplicateKey, load_unique
from psoas.domain.catalogue.exercises import Exercise, Position
from psoas.domain.errors import InvalidInput
from psoas.domain.screening.assessment import Assessment, Triage
from psoas.domain.serial import to_primitive
from psoas.services import assessment as service
from psoas.services.context import Context

app = typer.Typer(
    help="Safety screening and the bench-edge self-test, with an explained result.",
    invoke_without_command=True,
)

Reader = Callable[[str], str]
_reader: Reader | None = None  # tests may set this; None reads from the console


def _console() -> Console:
    return Console(highlight=False)


@app.callback(invoke_without_command=True)
def assess(
    typer_ctx: typer.Context,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Run from a YAML or JSON file of question ids and values."),
    ] = None,
    list_questions: Annotated[
        bool, typer.Option("--questions", help="List the questions and allowed values.")
    ] = False,
    as_json: JsonOpt = False,
    person: PersonOpt = None,
) -> None:
    """Screen for warning signs, guide the self-test, and explain the result."""
    if typer_ctx.invoked_subcommand is not None:
        return
    ctx = build_context()
    if list_questions:
        _print_questions(ctx, as_json)
        return
    person_id = person_id_of(ctx, person)
    if answers is not None:
        assessment = _save(ctx, person_id, _read_answers(answers))
        _print(assessment, as_json)
        return
    _interactive(ctx, person_id, as_json)


def _print_questions(ctx: Context, as_json: bool) -> None:
    questionnaire = service.questions(ctx)
    if as_json:
        guide = to_primitive(questionnaire.self_test)
        document = {
            "version": questionnaire.version,
            "questions": [question_primitive(q) for q in questionnaire],
            "self_test": guide,
        }
        print_json(document)
        return
    _console().print(questions_table(questionnaire))


def _read_answers(path: Path) -> dict[str, Any]:
    try:
        raw = load_unique(path.read_text(encoding="utf-8"))
    except DuplicateKey as exc:
        raise fail(
            f"--answers: {path}: the question id '{exc.key}' is given twice (the second time "
            f"on line {exc.line}); keep one answer",
            2,
        ) from None
    except OSError as exc:
        raise fail(f"--answers: cannot read {path}: {exc.strerror}", 2) from None
    except UnicodeDecodeError:
        raise fail(f"--answers: {path} is not UTF-8 text", 2) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise fail(f"--answers: {path} is not valid YAML or JSON{where}", 2) from None
    if not isinstance(raw, dict):
        raise fail(f"--answers: {path} must hold a mapping of question ids to answers", 2)
    return {str(k): v for k, v in raw.items()}


def _save(ctx: Context, person_id: str, answers: dict[str, Any]) -> Assessment:
    """Run and save; on bad answers print one line per problem and exit 2 (nothing saved)."""
    try:
        return service.run_assessment(ctx, person_id, answers)
    except InvalidInput as bad:
        for problem in bad.problems:
            err_console.print(f"Error: {problem.field}: {problem.problem}", markup=False)
        count = len(bad.problems)
        err_console.print(
            f"{count} answer{'s' if count != 1 else ''} to fix; nothing was saved.", markup=False
        )
        raise typer.Exit(2) from None


def _print(assessment: Assessment, as_json: bool) -> None:
    if as_json:
        print_json(assessment)
    else:
        print_result(_console(), assessment)


def _illustration(ctx: Context, exercise_id: str) -> Callable[[], str]:
    def draw() -> str:
        exercise = _bench_edge_exercise(ctx, exercise_id)
        if exercise is None:
            return "[dim](No picture of the position in this catalogue; the steps above describe it.)[/]"
        note = (
            f"[dim]Save a picture with: psoas exercises show {exercise.id} --svg bench-edge.svg[/]"
        )
        try:
            from psoas.export.figures import pose_text

            test_position = replace(exercise, poses=exercise.poses[-1:])  # the leg-hanging pose
            return f"{pose_text(test_position, width=36, height=12)}\n{note}"
        except Exception:  # the drawing is a nicety; the written steps are enough
            return note

    return draw


def _bench_edge_exercise(ctx: Context, exercise_id: str) -> Exercise | None:
    if exercise_id and exercise_id in ctx.catalogue:
        return ctx.catalogue.get(exercise_id)
    return next((e for e in ctx.catalogue if e.position == Position.BENCH_EDGE and e.poses), None)


def _interactive(ctx: Context, person_id: str, as_json: bool) -> None:
    console = _console()
    read: Reader = _reader or (lambda prompt: console.input(prompt))
    questionnaire = service.questions(ctx)
    flow = InteractiveFlow(
        console,
        questionnaire,
        read,
        ctx.clock.today(),
        _illustration(ctx, questionnaire.self_test.illustration),
        lambda answers: [f.title for f in service.urgent_signs(ctx, answers)],
    )
    try:
        answers = flow.run()
    except Stopped:
        raise fail("Stopped before the last question; nothing was saved.", 1) from None
    assessment = _save(ctx, person_id, answers)
    console.rule("Your result")
    _print(assessment, as_json)
    if assessment.result.triage == Triage.SEE_CLINICIAN:
        _offer_clearance(ctx, console, read, person_id)


def _offer_clearance(ctx: Context, console: Console, read: Reader, person_id: str) -> None:
    console.print(
        "\nHas a clinician already checked these points and said exercise is fine for you?"
    )
    try:
        typed = read("> (yes/no) ").strip().lower()
    except EOFError:
        typed = ""
    if typed in ("y", "yes"):
        cleared = service.confirm_clinician_clearance(ctx, person_id)
        console.print(
            f"Recorded: cleared by a clinician on {cleared.clinician_cleared_at:%Y-%m-%d %H:%M}."
        )
    else:
        console.print(
            "No plan for now. When a clinician has cleared you, run `psoas assess clear`."
        )


@app.command("show")
def show(as_json: JsonOpt = False, person: PersonOpt = None) -> None:
    """Show the latest assessment."""
    ctx = build_context()
    latest = service.latest_assessment(ctx, person_id_of(ctx, person))
    if latest is None:
        raise fail("No assessment yet; run `psoas assess` first.", 3)
    _print(latest, as_json)


@app.command("clear")
def clear(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    person: PersonOpt = None,
) -> None:
    """Record that a clinician cleared you to exercise after a 'see a clinician' result."""
    ctx = build_context()
    person_id = person_id_of(ctx, person)
    latest = service.latest_assessment(ctx, person_id)
    if latest is not None and latest.result.triage == Triage.SEE_CLINICIAN and not yes:
        typer.confirm("Has a clinician seen you and said exercise is fine for you?", abort=True)
    cleared = service.confirm_clinician_clearance(ctx, person_id)
    if cleared.result.triage != Triage.SEE_CLINICIAN:
        _console().print(f"Your latest result ({cleared.result.triage.value}) needs no clearance.")
        return
    when = cleared.clinician_cleared_at
    _console().print(
        f"Recorded: cleared by a clinician on {when:%Y-%m-%d %H:%M}. A plan can now start."
    )
