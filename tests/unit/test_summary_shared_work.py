"""The progress summary works out the due and done sessions once for its four figures: each
figure equals its own public function, and the weeks equal a grouping by each date's Monday
(worked out with date arithmetic here), over random plans and logs. The due sessions of
several plans, found in one pass, follow the replacing rule as written."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from math import fsum

from hypothesis import given, settings
from hypothesis import strategies as st
from tests import factories as f

from psoas.domain.planning.plans import PlannedSession, PlanWeek, SessionKind
from psoas.domain.progress import summary as s
from psoas.domain.records.session_logs import SessionLog
from psoas.services.progress import planned_sessions

TODAY = date(2026, 12, 3)
DAYS = st.integers(min_value=-400, max_value=20)


def _session(n: int, offset: int, kind: SessionKind) -> PlannedSession:
    return PlannedSession(f"s{n}", TODAY + timedelta(days=offset), kind, (), 600)


def _log(n: int, session_id: str | None, offset: int, completed: bool, pain: int | None):
    day = TODAY + timedelta(days=offset)
    started = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    return SessionLog(
        f"l{n}", "p", day, started, started, (), session_id=session_id,
        pain_before=pain, completed=completed,
    )  # fmt: skip


@st.composite
def histories(draw):  # type: ignore[no-untyped-def]
    kinds = st.sampled_from(list(SessionKind))
    planned = [
        _session(n, o, k)
        for n, (o, k) in enumerate(draw(st.lists(st.tuples(DAYS, kinds), max_size=60)))
    ]
    ids = [p.id for p in planned] + [None]
    rows = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), DAYS, st.booleans(), st.none() | st.integers(0, 10)),
            max_size=60,
        )
    )
    return planned, [_log(n, *row) for n, row in enumerate(rows)]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(histories())
def test_each_figure_equals_its_own_function(history):
    planned, logs = history
    found = s.summarise(today=TODAY, planned=planned, logs=logs, measurements=())
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert found.week == s.adherence(planned, logs, monday, TODAY, "this week")
    assert found.overall == s.adherence(planned, logs, date.min, TODAY, "overall")
    assert found.weeks == s.weekly_adherence(planned, logs, TODAY)
    assert found.streak == s.streak(planned, logs, TODAY)
    done = {log.session_id for log in logs if log.completed}
    weeks: dict[date, list[int]] = {}
    for p in s.workout_sessions(planned, TODAY):
        counts = weeks.setdefault(p.date - timedelta(days=p.date.weekday()), [0, 0])
        counts[0] += 1
        counts[1] += p.id in done
    assert found.weeks == tuple(s.WeekAdherence(d, a, b) for d, (a, b) in sorted(weeks.items()))
    readings: dict[date, list[float]] = {}
    for log in logs:
        if log.pain_before is not None:
            readings.setdefault(log.session_date, []).append(float(log.pain_before))
    means = [s.PainPoint(d, round(fsum(v) / len(v), 1)) for d, v in sorted(readings.items())]
    assert list(found.pain.points) == means


def _replacing(plans):  # type: ignore[no-untyped-def]
    due: list[PlannedSession] = []
    for plan in plans:  # the rule as written: each newer plan replaces from its start
        due = [p for p in due if p.date < plan.start] + list(plan.sessions())
    return due


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(DAYS, st.lists(DAYS, max_size=12)), max_size=8))
def test_due_sessions_of_several_plans_keep_the_replacing_rule(shapes):
    plans = [
        replace(
            f.plan("p", start=TODAY + timedelta(days=start), id=f"p{n}"),
            weeks=(PlanWeek(1, "release", "", tuple(_session(n * 100 + i, o, SessionKind.MOBILITY) for i, o in enumerate(offsets))),),
        )
        for n, (start, offsets) in enumerate(shapes)
    ]  # fmt: skip
    assert planned_sessions(plans) == _replacing(plans)
