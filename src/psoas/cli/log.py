"""`psoas log` (a session done without the player) and `psoas measure` (measurements)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from psoas.bootstrap import build_context
from psoas.cli.options import (
    JsonOpt,
    PersonOpt,
    day_or_today,
    parse_date,
    person_id_of,
    print_json,
)
from psoas.cli.photo import (
    AnnotateOpt,
    PhotoOpt,
    PhotoSideOpt,
    TiltOpt,
    YesOpt,
    measure_from_photo,
    no_photo_options,
    only_photo,
)
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.validation import raise_problems
from psoas.services.context import Context
from psoas.services.manual_entry import (
    Reading,
    moment_on,
    record_done_elsewhere,
    record_measurements,
)
from psoas.services.sessions import log_for_next_morning, record_next_morning

log_app = typer.Typer(help="Record a planned session you did without the player.")
measure_app = typer.Typer(help="Record a measurement: self-test, hip angle, pain, PSFS, sitting.")

SELF_TEST_VALUES = {"below": -1, "level": 0, "above": 1}


@log_app.callback(invoke_without_command=True)
def log(
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="The day you did it (YYYY-MM-DD); its planned session unless --session."
        ),
    ] = None,
    session_id: Annotated[
        str | None, typer.Option("--session", help="The planned session's id.")
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise", "-e", help="An exercise you did (repeat); default: all of them."
        ),
    ] = None,
    pain_before: Annotated[int | None, typer.Option(help="Pain before, 0-10.")] = None,
    pain_during: Annotated[int | None, typer.Option(help="Highest pain during, 0-10.")] = None,
    pain_after: Annotated[int | None, typer.Option(help="Pain after, 0-10.")] = None,
    effort: Annotated[int | None, typer.Option(help="How hard it felt, 0-10.")] = None,
    minutes: Annotated[int | None, typer.Option(help="How long it took, in minutes.")] = None,
    note: Annotated[str, typer.Option(help="A note for yourself or your clinician.")] = "",
    exercise_pain: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise-pain",
            help="Pain in one exercise as EXERCISE=PAIN (0-10), e.g. couch-stretch=6 (repeat).",
        ),
    ] = None,
    next_morning: Annotated[
        int | None,
        typer.Option(
            "--next-morning",
            help="Pain or stiffness the morning after a session (0-10): added to that day's log "
            "(--date), or to the latest log before today.",
        ),
    ] = None,
    as_json: JsonOpt = False,
    person: PersonOpt = None,
) -> None:
    """Log a planned session done elsewhere (all of it, or the exercises you name), or add
    next-morning pain to a session already logged."""
    ctx = build_context()
    if next_morning is not None:
        given = [exercise, session_id, pain_before, pain_during, pain_after, effort, minutes]
        if any(v is not None for v in given) or note or exercise_pain:
            raise InvalidValue(
                "next_morning", "give it on its own (with --date for the session's day, if needed)"
            )
        _add_next_morning(ctx, person_id_of(ctx, person), day, next_morning, as_json)
        return
    saved = record_done_elsewhere(
        ctx,
        person_id_of(ctx, person),
        day=day_or_today(day, ctx.clock.today()),
        session_id=session_id,
        exercises=tuple(exercise or ()),
        pain_before=pain_before,
        pain_during=pain_during,
        pain_after=pain_after,
        effort=effort,
        notes=note,
        minutes=minutes,
        exercise_pain=exercise_pains(exercise_pain or []),
    )
    if as_json:
        print_json(saved)
        return
    done = sum(1 for r in saved.sets if not r.skipped)
    state = "complete" if saved.completed else "partial"
    Console(highlight=False).print(
        f"Logged the session of {saved.session_date.isoformat()} ({saved.session_id}): "
        f"{done} of {len(saved.sets)} sets done, {state}. Log {saved.id}."
    )


def _add_next_morning(
    ctx: Context, person_id: str, day: str | None, pain: int, as_json: bool
) -> None:
    target = log_for_next_morning(ctx, person_id, parse_date(day, "--date"))
    saved = record_next_morning(ctx, person_id, target.id, pain)
    if as_json:
        print_json(saved)
        return
    Console(highlight=False).print(
        f"Added next-morning pain {pain}/10 to your session of {saved.session_date.isoformat()}."
    )


def exercise_pains(items: list[str]) -> dict[str, int]:
    """'couch-stretch=6' -> {'couch-stretch': 6}; each bad item names itself."""
    pains: dict[str, int] = {}
    problems = []
    for item in items:
        exercise_id, sep, score = item.rpartition("=")
        if not sep or not exercise_id.strip() or not score.strip().isdigit():
            problems.append(
                InvalidValue(
                    "exercise_pain", f"'{item}': write EXERCISE=PAIN, e.g. 'couch-stretch=6'"
                )
            )
            continue
        pains[exercise_id.strip()] = int(score)
    raise_problems(problems)
    return pains


def self_test_value(field: str, word: str | None) -> int | None:
    if word is None:
        return None
    value = SELF_TEST_VALUES.get(word.strip().lower())
    if value is None:
        raise InvalidValue(field, f"'{word}' is not one of: above, level, below")
    return value


def psfs_readings(items: list[str]) -> list[Reading]:
    readings, problems = [], []
    for item in items:
        activity, sep, score = item.rpartition("=")
        if not sep or not activity.strip():
            problems.append(
                InvalidValue("psfs", f"'{item}': write ACTIVITY=SCORE, e.g. 'running=6'")
            )
            continue
        try:
            value = float(score)
        except ValueError:
            problems.append(
                InvalidValue("psfs", f"'{item}': the score must be a number from 0 to 10")
            )
            continue
        readings.append(Reading(MeasurementKind.PSFS, value, label=activity.strip()))
    if problems:
        raise InvalidInput(problems) if len(problems) > 1 else problems[0]
    return readings


@measure_app.callback(invoke_without_command=True)
def measure(
    self_test_left: Annotated[
        str | None, typer.Option(help="Left thigh: above, level or below.")
    ] = None,
    self_test_right: Annotated[
        str | None, typer.Option(help="Right thigh: above, level or below.")
    ] = None,
    hip_left: Annotated[
        float | None, typer.Option(help="Left hip angle in degrees (+ above level).")
    ] = None,
    hip_right: Annotated[float | None, typer.Option(help="Right hip angle in degrees.")] = None,
    knee_left: Annotated[float | None, typer.Option(help="Left knee bend in degrees.")] = None,
    knee_right: Annotated[float | None, typer.Option(help="Right knee bend in degrees.")] = None,
    method: Annotated[
        Method,
        typer.Option(
            help="How the angles were measured (do not mix methods over time); "
            "default: typed in by you (self_report)."
        ),
    ] = Method.SELF_REPORT,
    pain: Annotated[float | None, typer.Option(help="Pain now, 0-10.")] = None,
    psfs: Annotated[
        list[str] | None,
        typer.Option(help="A PSFS activity score 0-10 as ACTIVITY=SCORE (repeat)."),
    ] = None,
    sitting_hours: Annotated[float | None, typer.Option(help="Hours sitting per day.")] = None,
    day: Annotated[
        str | None,
        typer.Option("--date", help="The day you measured (YYYY-MM-DD); default today."),
    ] = None,
    photo: PhotoOpt = None,
    side: PhotoSideOpt = None,
    annotate: AnnotateOpt = None,
    tilt: TiltOpt = 0.0,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    person: PersonOpt = None,
) -> None:
    """Record one or more measurements at once; nothing is saved if any value is wrong.
    With --photo, read the self-test angle from a side-on photo (on this machine) first."""
    typed = [self_test_left, self_test_right, hip_left, hip_right, knee_left, knee_right]
    typed += [pain, psfs, sitting_hours, day]
    if photo is not None:
        only_photo(typed)
        recorded = measure_from_photo(photo, side, annotate, tilt, yes, as_json, person)
        for m in [] if as_json else recorded:
            Console(highlight=False).print(f"Recorded {describe_measurement(m)}")
        return
    no_photo_options(side, annotate, yes)
    readings = [
        Reading(MeasurementKind.SELF_TEST, value, side, method=Method.SELF_TEST)
        for side, value in (
            (Side.LEFT, self_test_value("self_test_left", self_test_left)),
            (Side.RIGHT, self_test_value("self_test_right", self_test_right)),
        )
        if value is not None
    ]
    for kind, side, value in (
        (MeasurementKind.HIP_ANGLE, Side.LEFT, hip_left),
        (MeasurementKind.HIP_ANGLE, Side.RIGHT, hip_right),
        (MeasurementKind.KNEE_ANGLE, Side.LEFT, knee_left),
        (MeasurementKind.KNEE_ANGLE, Side.RIGHT, knee_right),
    ):
        if value is not None:
            readings.append(Reading(kind, value, side, method=method))
    if pain is not None:
        readings.append(Reading(MeasurementKind.PAIN, pain))
    readings += psfs_readings(psfs or [])
    if sitting_hours is not None:
        readings.append(Reading(MeasurementKind.SITTING_HOURS, sitting_hours))
    ctx = build_context()
    taken_at = moment_on(ctx, parse_date(day, "--date")) if day is not None else None
    saved = record_measurements(ctx, person_id_of(ctx, person), readings, taken_at)
    if as_json:
        print_json(saved)
        return
    console = Console(highlight=False)
    for m in saved:
        console.print(f"Recorded {describe_measurement(m)}")


def describe_measurement(m: Measurement) -> str:
    """'hip angle, left: 8° (photo)' style text for people."""
    where = f", {m.side.value}" if m.side else ""
    label = f" '{m.label}'" if m.label else ""
    name = m.kind.value.replace("_", " ")
    if m.kind is MeasurementKind.SELF_TEST:
        words = {v: k for k, v in SELF_TEST_VALUES.items()}
        value = f"thigh {words.get(int(m.value), m.value)}"
    elif m.unit == "deg":
        value = f"{m.value:g}° ({m.method.value.replace('_', ' ')})"
    elif m.kind is MeasurementKind.SITTING_HOURS:
        value = f"{m.value:g} hours a day"
    else:
        value = f"{m.value:g}/10"
    return f"{name}{label}{where}: {value}"
