"""Measured change against measurement error: self-test, hip and knee angles per side, PSFS.

A change smaller than the error of the method is reported as "within measurement error", not as
progress. The error figures come from clinical-facts.md section 1.4 (and the appendix); most are
derived (our arithmetic on the published SEM). Sentences are plain words for people; the
citation and its strength travel beside them (`source`, `strength`), never inside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side

PHOTO_METHODS = frozenset({Method.PHOTO, Method.POSE_ESTIMATION})


@dataclass(frozen=True, slots=True)
class MeasurementError:
    degrees: float
    source: str
    strength: str  # "derived", "secondary", "confirmed"


HIP_ERROR_PHOTO = MeasurementError(
    4.0,
    "Peeler et al. 2013 (photo, MDC95 about 2.8°) and Kim & Ha 2015 (MDD95 up to 4.2°)",
    "derived",
)
HIP_ERROR_GONIOMETER = MeasurementError(
    7.0,
    "Peeler & Anderson 2007/2008 (goniometer; changes under about 5-7° are within error)",
    "derived",
)
KNEE_ERROR_PHOTO = MeasurementError(3.0, "Peeler et al. 2013 (photo, MDC95 about 2.8°)", "derived")
KNEE_ERROR_GONIOMETER = MeasurementError(
    19.0, "Peeler & Anderson 2008 (goniometer, SEM 7°, MDC95 about 19°)", "derived"
)
SELF_TEST_NOTE = (
    "Peeler & Anderson 2007 (pass/fail self-test kappa 0.47: a change counts once two tests "
    "in a row show it)"
)
PSFS_MDC_AVERAGE = 2.0  # MDC90 for the average score (Stratford et al. 1995; clinical-facts s.7)
PSFS_MDC_SINGLE = 3.0  # MDC90 for one activity
PSFS_SOURCE = "PSFS, Stratford et al. 1995; MDC90 2 points (average) / 3 points (one activity)"
SELF_TEST_WORDS = {-1: "below the bench line", 0: "level with the bench", 1: "above the bench line"}


@dataclass(frozen=True, slots=True)
class SideChange:
    """First and latest reading of one measure on one side, judged against its error."""

    kind: MeasurementKind
    side: Side
    first: float
    latest: float
    readings: int
    change: float
    error: float | None  # degrees; None for the categorical self-test
    beyond_error: bool
    improved: bool | None  # None when within error or unchanged
    sentence: str
    source: str
    strength: str = "primary"  # "derived", "secondary", "unconfirmed" or "primary"


@dataclass(frozen=True, slots=True)
class PsfsChange:
    activity: str  # "" for the average over activities
    first: float
    latest: float
    change: float
    mdc: float
    meaningful: bool
    sentence: str


def angle_error(kind: MeasurementKind, methods: set[Method]) -> MeasurementError:
    """The error of the least precise method used (mixing devices is discouraged: Roach 2013)."""
    photo_only = methods <= PHOTO_METHODS
    if kind is MeasurementKind.KNEE_ANGLE:
        return KNEE_ERROR_PHOTO if photo_only else KNEE_ERROR_GONIOMETER
    return HIP_ERROR_PHOTO if photo_only else HIP_ERROR_GONIOMETER


def side_changes(measurements: Sequence[Measurement]) -> tuple[SideChange, ...]:
    """One SideChange per (measure, side) with at least one reading, oldest reading first."""
    out = []
    for kind in (MeasurementKind.SELF_TEST, MeasurementKind.HIP_ANGLE, MeasurementKind.KNEE_ANGLE):
        for side in (Side.LEFT, Side.RIGHT):
            series = sorted(
                (m for m in measurements if m.kind is kind and m.side is side),
                key=lambda m: m.taken_at,
            )
            if series:
                out.append(
                    _self_test_change(series)
                    if kind is MeasurementKind.SELF_TEST
                    else _angle_change(series)
                )
    return tuple(out)


def _angle_change(series: list[Measurement]) -> SideChange:
    first, latest = series[0], series[-1]
    kind, side = first.kind, first.side or Side.LEFT
    methods = {m.method for m in series}
    error = angle_error(kind, methods)
    change = round(latest.value - first.value, 1)
    beyond = len(series) > 1 and abs(change) > error.degrees
    # hip angle: lower is better (thigh drops); knee flexion: higher is better (more bend)
    better = change < 0 if kind is MeasurementKind.HIP_ANGLE else change > 0
    label = "hip angle" if kind is MeasurementKind.HIP_ANGLE else "knee bend"
    mixed = " Different methods were mixed, so read it with care." if len(methods) > 1 else ""
    source = error.source + ("; mixing methods: Roach et al. 2013" if len(methods) > 1 else "")
    if len(series) == 1:
        sentence = f"{side.value.capitalize()} {label}: one reading so far ({first.value:g}°)."
    elif beyond:
        word = "better" if better else "worse"
        sentence = (
            f"{side.value.capitalize()} {label} changed by {change:+g}° ({word}), more than the "
            f"measurement error of about {error.degrees:g}°.{mixed}"
        )
    else:
        sentence = (
            f"{side.value.capitalize()} {label} changed by {change:+g}°, within the measurement "
            f"error of about {error.degrees:g}°, so not a real change yet.{mixed}"
        )
    return SideChange(
        kind,
        side,
        first.value,
        latest.value,
        len(series),
        change,
        error.degrees,
        beyond,
        better if beyond else None,
        sentence,
        source,
        error.strength,
    )


def _self_test_change(series: list[Measurement]) -> SideChange:
    first, latest = series[0], series[-1]
    side = first.side or Side.LEFT
    change = latest.value - first.value
    confirmed = len(series) > 2 and series[-2].value == latest.value
    confirmed = confirmed or (len(series) > 1 and latest.method in PHOTO_METHODS)
    beyond = change != 0 and confirmed
    was, now = (
        SELF_TEST_WORDS.get(int(first.value), "?"),
        SELF_TEST_WORDS.get(int(latest.value), "?"),
    )
    if change == 0:
        sentence = f"{side.value.capitalize()} self-test: thigh still {now}."
    elif beyond:
        word = "better" if change < 0 else "worse"
        sentence = f"{side.value.capitalize()} self-test: thigh moved from {was} to {now} ({word})."
    else:
        sentence = (
            f"{side.value.capitalize()} self-test: thigh moved from {was} to {now}; test again to "
            "confirm it."
        )
    return SideChange(
        MeasurementKind.SELF_TEST,
        side,
        first.value,
        latest.value,
        len(series),
        change,
        None,
        beyond,
        (change < 0) if beyond else None,
        sentence,
        SELF_TEST_NOTE,
    )


def psfs_changes(measurements: Sequence[Measurement]) -> tuple[PsfsChange, ...]:
    """Per activity (MDC 3 points) and the average over activities (MDC 2 points)."""
    by_activity: dict[str, list[Measurement]] = {}
    for m in sorted(measurements, key=lambda m: m.taken_at):
        if m.kind is MeasurementKind.PSFS:
            by_activity.setdefault(m.label or "activity", []).append(m)
    out = [
        _psfs(name, series[0].value, series[-1].value, PSFS_MDC_SINGLE)
        for name, series in by_activity.items()
        if len(series) > 1
    ]
    tracked = [s for s in by_activity.values() if len(s) > 1]
    if len(tracked) > 1:
        first = sum(s[0].value for s in tracked) / len(tracked)
        latest = sum(s[-1].value for s in tracked) / len(tracked)
        out.append(_psfs("", round(first, 1), round(latest, 1), PSFS_MDC_AVERAGE))
    return tuple(out)


def _psfs(activity: str, first: float, latest: float, mdc: float) -> PsfsChange:
    change = round(latest - first, 1)
    meaningful = abs(change) >= mdc
    what = f"'{activity}'" if activity else "The average of your activities"
    if meaningful:
        word = "easier" if change > 0 else "harder"
        verdict = f"a real change ({word}; at least {mdc:g} points)"
    else:
        verdict = f"less than the {mdc:g} points needed to call it a real change"
    sentence = f"{what}: from {first:g} to {latest:g} out of 10, {verdict}."
    if activity:
        sentence = "Activity " + sentence
    return PsfsChange(activity, first, latest, change, mdc, meaningful, sentence)
