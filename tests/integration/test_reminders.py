"""Break and session reminders end to end on real SQLite, driven by a fake clock.

The desktop is the only stand-in: ``AnsweringDesktop`` plays a person pressing a notification
button. The real ``Notifier`` is tested on its own below (terminal fallback, and notify-send).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from tests import factories as f
from tests.fakes import FakeClock

from psoas.catalogue import load_catalogue
from psoas.catalogue.habits import load_habits
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.habits.breaks import BreakOutcome
from psoas.domain.planning.plans import SessionKind
from psoas.notify import Notifier
from psoas.services import people
from psoas.services.habits import checklist, set_habit
from psoas.services.reminder_settings import configure_reminders
from psoas.services.reminders import break_status, run_reminders

LONDON = ZoneInfo("Europe/London")
MONDAY = date(2026, 11, 23)


def at(hh: int, mm: int = 0, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON)


@dataclass
class Shown:
    at: datetime
    title: str
    body: str
    actions: dict | None


@dataclass
class Answer:
    shown: bool = True
    how: str = "desktop"
    note: str = ""
    action: str | None = None


class AnsweringDesktop:
    """Records what would be shown and answers with the next scripted button (or none)."""

    def __init__(self, clock: FakeClock, answers: list[str | None] | None = None, default=None):
        self.clock, self.answers, self.default = clock, list(answers or []), default
        self.shown: list[Shown] = []

    def notify(self, title, body, actions=None):
        self.shown.append(Shown(self.clock.now(), title, body, actions))
        return Answer(action=self.answers.pop(0) if self.answers else self.default)


@pytest.fixture
def setup(tmp_path):
    clock = FakeClock(at(8))
    ctx = replace(
        f.sqlite_context(tmp_path, clock=clock, catalogue_=load_catalogue()), habits=load_habits()
    )
    person = people.add_person(ctx, "Desk worker", timezone="Europe/London")
    configure_reminders(ctx, person.id, {"enabled": True, "quiet": ["12:00-13:00"]})
    return ctx, clock, person


def test_a_working_day_of_breaks_taken_every_half_hour(setup):
    ctx, clock, person = setup
    desktop = AnsweringDesktop(clock, default="taken")
    shown = run_reminders(ctx, person.id, desktop, until=at(18))
    times = [s.at for s in desktop.shown]
    assert times[0] == at(9, 30) and times[-1] == at(17)
    assert at(12) not in times and at(12, 30) not in times  # the quiet lunch hour
    assert shown == len(times) == 14
    assert all(s.title == "Sitting break" and s.actions for s in desktop.shown)
    assert all("Time to stand up" in s.body and " x " in s.body for s in desktop.shown)
    status = break_status(ctx, person.id, at(18))
    assert (status.today.due, status.today.taken, status.today.missed) == (14, 14, 0)


def test_snooze_brings_the_break_back_after_the_snooze_length(setup):
    ctx, clock, person = setup
    desktop = AnsweringDesktop(clock, answers=["snooze", "taken", "skip"])
    run_reminders(ctx, person.id, desktop, until=at(10, 45))
    assert [s.at for s in desktop.shown] == [at(9, 30), at(9, 35), at(10, 5), at(10, 35)]
    status = break_status(ctx, person.id, at(10, 45))
    assert (status.today.taken, status.today.snoozed, status.today.skipped) == (1, 1, 1)


def test_unanswered_breaks_count_as_missed_and_are_not_repeated(setup):
    ctx, clock, person = setup
    desktop = AnsweringDesktop(clock, default=None)
    asked: list[datetime] = []
    run_reminders(ctx, person.id, desktop, ask=lambda r: asked.append(r.due_at), until=at(10, 15))
    assert [s.at for s in desktop.shown] == [at(9, 30), at(10)]
    assert asked == [at(9, 30), at(10)]  # the terminal was asked when the desktop had no answer
    status = break_status(ctx, person.id, at(10, 15))
    assert (status.today.due, status.today.missed) == (2, 2)


def test_session_reminder_fires_once_on_a_session_day_and_not_once_done(setup):
    ctx, clock, person = setup
    configure_reminders(
        ctx, person.id, {"enabled": False, "session_reminder": True, "session_at": "18:30"}
    )
    plan = f.plan(person.id, start=MONDAY)
    with ctx.uow() as uow:
        uow.plans.save(plan)
    session = next(s for s in plan.on(MONDAY) if s.kind != SessionKind.REST)
    desktop = AnsweringDesktop(clock)
    clock.set(at(17))
    assert run_reminders(ctx, person.id, desktop, until=at(20)) == 1
    assert desktop.shown[0].at == at(18, 30) and desktop.shown[0].actions is None
    log = f.session_log(person.id, plan_id=plan.id, session_id=session.id, session_date=MONDAY)
    with ctx.uow() as uow:
        uow.logs.add(log)
    clock.set(at(17))
    assert run_reminders(ctx, person.id, AnsweringDesktop(clock), until=at(20)) == 0


def test_no_session_reminder_on_a_rest_day(setup):
    ctx, clock, person = setup
    configure_reminders(
        ctx, person.id, {"enabled": False, "session_reminder": True, "session_at": "18:30"}
    )
    plan = f.plan(person.id, start=MONDAY)
    week = plan.weeks[0]
    rest = tuple(
        replace(s, kind=SessionKind.REST, prescriptions=()) if s.date == MONDAY else s
        for s in week.sessions
    )
    plan = replace(plan, weeks=(replace(week, sessions=rest),))
    with ctx.uow() as uow:
        uow.plans.save(plan)
    clock.set(at(17))
    desktop = AnsweringDesktop(clock)
    assert run_reminders(ctx, person.id, desktop, until=at(20)) == 0
    clock.set(at(17, 0, MONDAY + timedelta(days=1)))
    assert run_reminders(ctx, person.id, desktop, until=at(20, 0, MONDAY + timedelta(days=1))) == 1


def test_micro_routines_vary_through_the_day(setup):
    ctx, clock, person = setup
    desktop = AnsweringDesktop(clock, default="taken")
    run_reminders(ctx, person.id, desktop, until=at(11))
    assert len({s.body for s in desktop.shown}) >= 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"interval": 10}, "interval_minutes"),
        ({"start": "nine"}, "start"),
        ({"quiet": ["12-"]}, "quiet[0]"),
        ({"days": ["funday"]}, "days"),
        ({"start": "17:00", "end": "09:00"}, "work_end"),
    ],
)
def test_bad_reminder_settings_name_the_field_and_change_nothing(setup, changes, field):
    ctx, _, person = setup
    before = people.get_reminders(ctx, person.id)
    with pytest.raises(InvalidInput) as err:
        configure_reminders(ctx, person.id, changes)
    assert field in [p.field for p in err.value.problems]
    assert people.get_reminders(ctx, person.id) == before


def test_habits_follow_the_assessment_and_tick_with_checks(setup):
    ctx, clock, person = setup
    answers = {"sitting_hours": 10, "desk_setup": "sitting_desk", "stress": 7}
    with ctx.uow() as uow:
        uow.assessments.add(f.assessment(person.id, answers=answers))
    found = checklist(ctx, person.id, clock.today())
    ids = {h.id for h in found.habits}
    assert {"move-every-half-hour", "supported-seat", "calm-breathing"} <= ids
    assert "build-training-gradually" not in ids
    after = set_habit(ctx, person.id, "calm-breathing", clock.today())
    assert after.summary.today.done == ("calm-breathing",)
    with pytest.raises(InvalidValue, match="habit"):
        set_habit(ctx, person.id, "build-training-gradually", clock.today())
    with pytest.raises(InvalidValue, match="day"):
        set_habit(ctx, person.id, "calm-breathing", clock.today() + timedelta(days=1))


def test_real_notifier_falls_back_to_the_terminal_with_the_reason(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    out = io.StringIO()
    delivery = Notifier(out).notify("Sitting break", "Stand up and march on the spot.")
    assert not delivery.shown and delivery.how == "terminal"
    assert "desktop session" in delivery.note or "notify-send" in delivery.note
    assert "== Sitting break ==" in out.getvalue()


def test_break_outcomes_are_recorded_with_the_routine(setup):
    ctx, clock, person = setup
    run_reminders(ctx, person.id, AnsweringDesktop(clock, default="taken"), until=at(9, 45))
    with ctx.uow() as uow:
        (event,) = uow.breaks.list(person.id)
    assert event.outcome == BreakOutcome.TAKEN and event.due_at == at(9, 30)
    assert event.routine and all(r in ctx.catalogue for r in event.routine)
