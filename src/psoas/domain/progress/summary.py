"""Progress: adherence, streak, pain trend and measured change, in plain sentences.

Pure functions of the planned sessions, the session logs, the measurements and the plan
reviews. The terminal, the web app and the PDF report all show these same figures.
The meaningful pain change is a drop of at least 2 points or at least 30 % on the 0-10 scale
(Farrar et al. 2001; Ostelo et al. 2008; clinical-facts.md section 3.2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import fsum

from psoas.domain.planning.plans import Change, PlannedSession, PlanReview, SessionKind
from psoas.domain.progress.measures import PsfsChange, SideChange, psfs_changes, side_changes
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.session_logs import SessionLog

PAIN_MIN_POINTS = 2.0
PAIN_MIN_FRACTION = 0.30
PAIN_SOURCE = "Farrar et al. 2001; Ostelo et al. 2008 (at least 2 points or 30 %)"
SITTING_LIMIT_HOURS = 8.0  # CSEP 2020: sedentary time at most 8 h a day


@dataclass(frozen=True, slots=True)
class Adherence:
    label: str  # "this week", "overall"
    planned: int
    done: int
    partial: int

    @property
    def percent(self) -> int | None:
        return None if self.planned == 0 else round(100 * self.done / self.planned)

    @property
    def sentence(self) -> str:
        if self.planned == 0:
            return f"No sessions were planned {self.label} yet."
        part = f" ({self.partial} partly)" if self.partial else ""
        return (
            f"{self.label.capitalize()}: {self.done} of {self.planned} planned sessions done"
            f"{part}, {self.percent} %."
        )


@dataclass(frozen=True, slots=True)
class WeekAdherence:
    week_start: date  # a Monday
    planned: int
    done: int


@dataclass(frozen=True, slots=True)
class Streak:
    current: int  # planned days done in a row; rest days do not break it
    best: int

    @property
    def sentence(self) -> str:
        days = "day" if self.current == 1 else "days"
        return f"Streak: {self.current} planned {days} in a row done (best {self.best})."


@dataclass(frozen=True, slots=True)
class PainPoint:
    day: date
    value: float  # the mean of that day's readings, 0-10


@dataclass(frozen=True, slots=True)
class PainTrend:
    points: tuple[PainPoint, ...]
    baseline: float | None
    latest: float | None
    change: float | None  # latest - baseline; negative is better
    threshold: float | None  # the drop that counts as meaningful from this baseline
    direction: str  # "better", "worse", "no meaningful change", "not enough data"
    sentence: str
    source: str = PAIN_SOURCE


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    today: date
    week: Adherence
    overall: Adherence
    weeks: tuple[WeekAdherence, ...]
    streak: Streak
    pain: PainTrend
    sides: tuple[SideChange, ...]
    psfs: tuple[PsfsChange, ...]
    sitting: str
    review_changes: tuple[str, ...]

    @property
    def sentences(self) -> tuple[str, ...]:
        parts = [self.week.sentence, self.overall.sentence, self.streak.sentence]
        parts.append(self.pain.sentence)
        parts += [s.sentence for s in self.sides] + [p.sentence for p in self.psfs]
        parts += [self.sitting] if self.sitting else []
        return (*parts, *self.review_changes)


def meaningful_drop(baseline: float) -> float:
    """The smaller of 2 points and 30 % of the baseline: either counts (Farrar 2001)."""
    return min(PAIN_MIN_POINTS, PAIN_MIN_FRACTION * baseline) if baseline > 0 else PAIN_MIN_POINTS


def workout_sessions(planned: Sequence[PlannedSession], until: date) -> list[PlannedSession]:
    return [s for s in planned if s.kind is not SessionKind.REST and s.date <= until]


def adherence(
    planned: Sequence[PlannedSession],
    logs: Sequence[SessionLog],
    since: date,
    until: date,
    label: str,
) -> Adherence:
    return _adherence(workout_sessions(planned, until), _done(logs), logs, since, label)


def _done(logs: Sequence[SessionLog]) -> set[str]:
    return {log.session_id for log in logs if log.completed}


def _adherence(
    due_by_end: Sequence[PlannedSession],
    done: set[str],
    logs: Sequence[SessionLog],
    since: date,
    label: str,
) -> Adherence:
    due = [s for s in due_by_end if s.date >= since]
    partial = {log.session_id for log in logs if not log.completed} - done
    return Adherence(
        label,
        len(due),
        sum(1 for s in due if s.id in done),
        sum(1 for s in due if s.id in partial),
    )


def weekly_adherence(
    planned: Sequence[PlannedSession], logs: Sequence[SessionLog], until: date
) -> tuple[WeekAdherence, ...]:
    return _weekly(workout_sessions(planned, until), _done(logs))


def _weekly(due: Sequence[PlannedSession], done: set[str]) -> tuple[WeekAdherence, ...]:
    weeks: dict[int, list[int]] = {}  # by the ordinal of the week's Monday (day 1 is a Monday)
    for s in due:
        day = s.date.toordinal()
        counts = weeks.setdefault(day - (day - 1) % 7, [0, 0])
        counts[0] += 1
        counts[1] += s.id in done
    return tuple(WeekAdherence(date.fromordinal(d), p, n) for d, (p, n) in sorted(weeks.items()))


def streak(planned: Sequence[PlannedSession], logs: Sequence[SessionLog], today: date) -> Streak:
    """Planned days done in a row, counting back; today counts only once it is done."""
    return _streak(workout_sessions(planned, today), _done(logs), today)


def _streak(due: Sequence[PlannedSession], done: set[str], today: date) -> Streak:
    by_day: dict[date, bool] = {}
    for s in due:
        by_day[s.date] = by_day.get(s.date, True) and s.id in done
    days = sorted(by_day)
    if days and days[-1] == today and not by_day[today]:
        days.pop()
    current = 0
    for day in reversed(days):
        if not by_day[day]:
            break
        current += 1
    best = run = 0
    for day in days:
        run = run + 1 if by_day[day] else 0
        best = max(best, run)
    return Streak(current, best)


def pain_points(
    logs: Sequence[SessionLog], measurements: Sequence[Measurement]
) -> tuple[PainPoint, ...]:
    """Everyday pain by day: NRS measurements and the pain noted before each session."""
    readings: dict[date, list[float]] = {}
    for m in measurements:
        if m.kind is MeasurementKind.PAIN:
            readings.setdefault(m.taken_at.date(), []).append(m.value)
    for log in logs:
        if log.pain_before is not None:
            readings.setdefault(log.session_date, []).append(float(log.pain_before))
    # fsum / len: statistics.mean's exact fractions cost more than the rest of the summary;
    # most days have one reading, whose mean is itself
    return tuple(
        PainPoint(d, round(float(v[0]) if len(v) == 1 else fsum(v) / len(v), 1))
        for d, v in sorted(readings.items())
    )


def pain_trend(points: Sequence[PainPoint]) -> PainTrend:
    if len(points) < 2:
        return PainTrend(
            tuple(points),
            points[0].value if points else None,
            None,
            None,
            None,
            "not enough data",
            "Pain trend: record pain on two or more days to see a trend.",
        )
    baseline, latest = points[0].value, points[-1].value
    change = round(latest - baseline, 1)
    threshold = round(meaningful_drop(baseline), 1)
    rise_threshold = max(PAIN_MIN_POINTS if baseline == 0 else threshold, 1.0)
    if -change >= threshold and baseline > 0:
        direction = "better"
        verdict = "a meaningful improvement"
    elif change >= rise_threshold:
        direction = "worse"
        verdict = "a meaningful rise; ease off, and see a clinician if it keeps rising"
    else:
        direction = "no meaningful change"
        verdict = f"not yet a meaningful change (that needs a drop of {threshold:g} points)"
    sentence = (
        f"Pain went from {baseline:g} to {latest:g} out of 10 ({change:+g}): {verdict}. "
        f"Rule: a drop of 2 points or 30 % counts ({PAIN_SOURCE.split(' (')[0]})."
    )
    return PainTrend(tuple(points), baseline, latest, change, threshold, direction, sentence)


def sitting_sentence(measurements: Sequence[Measurement]) -> str:
    series = sorted(
        (m for m in measurements if m.kind is MeasurementKind.SITTING_HOURS),
        key=lambda m: m.taken_at,
    )
    if not series:
        return ""
    latest = series[-1].value
    advice = (
        "within the 8 hours a day guideline (CSEP 2020)"
        if latest <= SITTING_LIMIT_HOURS
        else "above the 8 hours a day guideline (CSEP 2020); short breaks every 20-30 minutes help"
    )
    was = f" (first noted {series[0].value:g} h)" if len(series) > 1 else ""
    return f"Sitting: about {latest:g} hours a day{was}, {advice}."


def review_sentences(
    reviews: Sequence[PlanReview], names: Mapping[str, str], limit: int = 6
) -> tuple[str, ...]:
    """What the most recent review changed, one sentence per changed exercise."""
    if not reviews:
        return ()
    latest = max(reviews, key=lambda r: r.created_at)
    out = [f"Latest review (week {latest.week_index}): {latest.summary}".rstrip()]
    for item in latest.items:
        if item.change is Change.HOLD and item.new_exercise_id is None:
            continue
        name = names.get(item.exercise_id, item.exercise_id)
        target = (
            f" -> {names.get(item.new_exercise_id, item.new_exercise_id)}"
            if item.new_exercise_id
            else ""
        )
        out.append(f"{name}{target}: {item.change.value}, because {item.reason}")
    out += [f"Flag: {flag}" for flag in latest.flags]
    return tuple(out[: limit + 1])


def summarise(
    *,
    today: date,
    planned: Sequence[PlannedSession],
    logs: Sequence[SessionLog],
    measurements: Sequence[Measurement],
    reviews: Sequence[PlanReview] = (),
    names: Mapping[str, str] | None = None,
) -> ProgressSummary:
    monday = today - timedelta(days=today.weekday())
    due, done = workout_sessions(planned, today), _done(logs)  # worked out once, used four times
    return ProgressSummary(
        today=today,
        week=_adherence(due, done, logs, monday, "this week"),
        overall=_adherence(due, done, logs, date.min, "overall"),
        weeks=_weekly(due, done),
        streak=_streak(due, done, today),
        pain=pain_trend(pain_points(logs, measurements)),
        sides=side_changes(measurements),
        psfs=psfs_changes(measurements),
        sitting=sitting_sentence(measurements),
        review_changes=review_sentences(reviews, names or {}),
    )
