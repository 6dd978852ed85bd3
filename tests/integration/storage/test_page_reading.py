"""The home and progress pages read everything in one transaction, each record once, and show
exactly what the use cases show when each reads on its own (seeded history, SQLite and
PostgreSQL), including when the home page stops the plan on severe pain."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from tests import factories as f

from psoas.domain.catalogue.exercises import SourceStrength
from psoas.domain.habits.checklist import Habit, HabitTick
from psoas.domain.records.measurements import MeasurementKind
from psoas.services import habits, pages, progress, records
from psoas.services.reading import reading
from psoas.storage.uow import SqlUnitOfWork

DAY = f.NOW.date()


def _seed(ctx, *, severe: bool = False) -> str:  # type: ignore[no-untyped-def]
    """Eight weeks: an older plan, the current one, logs most days (one in the future),
    weekly pain and hip readings, a review, habit ticks, and another person's records."""
    person, other = f.person(), f.person()
    old = f.plan(
        person.id, start=DAY - timedelta(days=56), weeks=4, created_at=f.NOW - timedelta(days=56)
    )
    plan = f.plan(
        person.id, start=DAY - timedelta(days=28), weeks=6, created_at=f.NOW - timedelta(days=28)
    )
    with ctx.uow() as uow:
        uow.people.add(person)
        uow.people.add(other)
        uow.assessments.add(f.assessment(person.id, taken_at=f.NOW - timedelta(days=57)))
        uow.plans.save(old)
        uow.plans.save(plan)
        uow.reviews.add(f.review(person.id, plan.id))
        done = [(old, s) for s in old.sessions()[:28]] + [(plan, s) for s in plan.sessions()[:29]]
        for n, (made, session) in enumerate(done):
            if n % 9 == 4:
                continue
            pain = 8 if severe and n == 50 else n % 4
            uow.logs.add(
                f.session_log(
                    person.id,
                    session_date=session.date,
                    plan_id=made.id,
                    session_id=session.id,
                    pain_after=pain,
                    pain_during=pain,
                )
            )
        uow.logs.add(f.session_log(other.id, session_date=DAY))
        for week in range(9):
            taken = f.NOW - timedelta(days=7 * week, hours=week)
            uow.measurements.add(
                f.measurement(
                    person.id,
                    kind=MeasurementKind.PAIN,
                    value=float(week % 6),
                    unit="0-10",
                    taken_at=taken,
                )
            )
            uow.measurements.add(f.measurement(person.id, value=10.0 - week, taken_at=taken))
        for n in range(20):
            uow.habits.tick(
                HabitTick(person.id, DAY - timedelta(days=n // 2), ("walk", "stand")[n % 2])
            )
    return person.id  # fmt: skip


HABITS = (
    Habit(id="walk", title="Walk", why="", source="test", strength=SourceStrength.SECONDARY),
    Habit(id="stand", title="Stand", why="", source="test", strength=SourceStrength.SECONDARY),
)


@pytest.fixture
def page_ctx(ctx):  # type: ignore[no-untyped-def]
    return replace(ctx, habits=HABITS)


class Counting:
    """Counts the units of work (transactions) a call opens."""

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        self.opened = 0
        self._factory = ctx.uow
        self.ctx = replace(ctx, uow=self._open)

    def _open(self) -> SqlUnitOfWork:
        self.opened += 1
        return self._factory()


def test_the_home_page_shows_what_each_use_case_reads_alone(page_ctx):
    pid = _seed(page_ctx)
    counting = Counting(page_ctx)
    found = pages.today_view(counting.ctx, pid)
    assert counting.opened == 1
    expected = pages._today(page_ctx, pid)  # each use case in its own transaction
    assert found == expected
    assert found.summary.overall.sentence and found.plan is not None and found.done_today


def test_the_progress_page_shows_what_each_use_case_reads_alone(page_ctx):
    pid = _seed(page_ctx)
    counting = Counting(page_ctx)
    found = pages.progress_view(counting.ctx, pid)
    assert counting.opened == 1
    today = page_ctx.clock.today()
    summary, logs = progress.summary_and_logs(page_ctx, pid, today)
    assert found == pages.ProgressView(
        summary=summary,
        habits=habits.habit_progress(page_ctx, pid, today),
        measurements=records.measurements(page_ctx, pid),
        logs=logs,
    )
    assert len(found.measurements) == 18 and found.habits.total == 2


def test_a_plan_stopped_by_the_home_page_shows_stopped_everywhere(page_ctx):
    pid = _seed(page_ctx, severe=True)
    found = pages.today_view(page_ctx, pid)
    assert found.plan is not None and "severe" in found.plan.stopped_reason.lower()
    with page_ctx.uow() as uow:
        assert uow.plans.latest(pid) == found.plan  # saved by the reading's transaction
    assert found == pages._today(page_ctx, pid)  # and the summary saw the stopped plan


def test_filtered_reads_inside_a_reading_equal_the_queries(page_ctx):
    pid = _seed(page_ctx)
    cases = [(None, None), (DAY - timedelta(days=20), None), (None, DAY - timedelta(days=3)),
             (DAY - timedelta(days=30), DAY - timedelta(days=10))]  # fmt: skip
    with reading(page_ctx) as page, page.uow() as kept, page_ctx.uow() as alone:
        for since, until in cases:
            assert kept.logs.list(pid, since, until) == alone.logs.list(pid, since, until)
        for kind in (None, MeasurementKind.PAIN, MeasurementKind.HIP_ANGLE):
            for since in (None, DAY - timedelta(days=14), DAY):
                assert kept.measurements.list(pid, kind, since) == alone.measurements.list(
                    pid, kind, since
                )
        assert kept.plans.latest(pid) == alone.plans.latest(pid)
        kept.plans.list(pid)
        assert kept.plans.latest(pid) == alone.plans.latest(pid)  # from the list now


def test_a_write_inside_a_reading_is_seen_by_the_next_read(page_ctx):
    pid = _seed(page_ctx)
    with reading(page_ctx) as page:
        before = records.session_logs(page, pid)
        typed = f.session_log(pid, session_date=DAY - timedelta(days=1), started_at=f.NOW)
        added = records.log_session(page, pid, typed)  # as stored: stamped with when it came in
        after = records.session_logs(page, pid)
        with reading(page) as nested:  # a reading inside a reading is the same one
            assert nested is page
    assert len(after) == len(before) + 1 and added in after
    assert list(records.session_logs(page_ctx, pid)) == list(after)  # committed


def test_a_failed_page_writes_nothing(page_ctx):
    pid = _seed(page_ctx)
    added = f.session_log(pid, session_date=DAY - timedelta(days=2), started_at=f.NOW)
    with pytest.raises(RuntimeError), reading(page_ctx) as page:
        records.log_session(page, pid, added)
        raise RuntimeError("the page failed")
    assert added not in records.session_logs(page_ctx, pid)


def test_a_list_read_twice_can_be_changed_by_its_caller(page_ctx):
    pid = _seed(page_ctx)
    with reading(page_ctx) as page, page.uow() as uow:
        first = uow.logs.list(pid)
        first.clear()
        assert uow.logs.list(pid)
