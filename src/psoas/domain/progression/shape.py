"""Carrying the review's decisions into next week's sessions, within time and the load cap.

Each session of next week takes last week's dose of the same work (from the same kind of
session, the same weekday if possible) and applies the decision. A progression takes its first
step that keeps every session within the person's minutes and the week's load within the cap;
if a step needs room, varied (non-core) work leaves that session and the reason says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from psoas.domain.catalogue.exercises import Catalogue
from psoas.domain.planning.durations import budget_bounds, session_seconds
from psoas.domain.planning.fitting import within_ceiling
from psoas.domain.planning.load import sessions_load
from psoas.domain.planning.plans import (
    Change,
    Plan,
    PlannedSession,
    PlanWeek,
    Prescription,
    SessionKind,
)
from psoas.domain.planning.selection import warm_up_first
from psoas.domain.progression.decide import Decision
from psoas.domain.progression.rules import WEEKLY_PROGRESSION_CAP_PCT, cite
from psoas.domain.progression.settle import settle_session


def slot_of(p: Prescription) -> str:
    return p.slot or p.exercise_id


def _base_index(week: PlanWeek) -> dict[tuple[SessionKind, str], list[tuple[int, Prescription]]]:
    """Last week's prescriptions by (session kind, slot), with their weekday."""
    index: dict[tuple[SessionKind, str], list[tuple[int, Prescription]]] = {}
    for s in week.sessions:
        for p in s.prescriptions:
            index.setdefault((s.kind, slot_of(p)), []).append((s.date.weekday(), p))
    return index


def _base_for(
    index: dict[tuple[SessionKind, str], list[tuple[int, Prescription]]],
    slot: str,
    session: PlannedSession,
) -> Prescription | None:
    """Last week's dose of ``slot`` in the same kind of session, the same weekday if possible."""
    matches = index.get((session.kind, slot), [])
    same_day = [p for day, p in matches if day == session.date.weekday()]
    return (same_day or [p for _, p in matches] or [None])[0]


def _apply(d: Decision, step_index: int, base: Prescription) -> Prescription:
    step = d.steps[step_index] if d.steps and step_index >= 0 else None
    new = step.transform(base) if step is not None else base
    reason = d.reason + (step.words + "." if d.change == Change.PROGRESS and step else "")
    return replace(new, change=d.change, change_reason=reason)


@dataclass
class Shaper:
    plan: Plan
    week: PlanWeek  # the week just reviewed
    target: PlanWeek  # the week being shaped
    catalogue: Catalogue
    choice: dict[str, tuple[Decision, int]] = field(default_factory=dict)
    dropped: dict[tuple[str, str], str] = field(default_factory=dict)  # (session, slot) -> for
    _bases: dict[tuple[SessionKind, str], list[tuple[int, Prescription]]] = field(
        default_factory=dict
    )
    _built: dict[tuple[object, ...], PlanWeek] = field(default_factory=dict)
    _keep: list[Decision] = field(default_factory=list)
    # The search builds the week many times over the same prescriptions: each one's result is
    # remembered by the identity of its inputs (all kept alive by this shaper).
    _applied: dict[tuple[int, int, int], Prescription] = field(default_factory=dict)
    _fresh: dict[int, Prescription] = field(default_factory=dict)
    _sessions: dict[tuple[object, ...], PlannedSession] = field(default_factory=dict)
    _slots: dict[str, list[str]] = field(default_factory=dict)  # by session id
    _loads: dict[int, tuple[PlannedSession, int]] = field(default_factory=dict)
    _base_of: dict[tuple[str, str], Prescription | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._bases = _base_index(self.week)

    @property
    def minutes(self) -> int:
        return self.plan.preferences.minutes_per_day

    def build(
        self,
        choice: dict[str, tuple[Decision, int]],
        dropped: dict[tuple[str, str], str],
        *,
        settle: bool = True,
    ) -> PlanWeek:
        """Next week for these choices (remembered: the search tries the same ones often)."""
        key = (
            tuple(sorted((slot, id(d), index) for slot, (d, index) in choice.items())),
            tuple(sorted(dropped.items())),
            settle,
        )
        if key not in self._built:
            self._keep.extend(d for d, _ in choice.values())  # keeps the ids in the key unique
            self._built[key] = self._build(choice, dropped, settle=settle)
        return self._built[key]

    def _build(
        self,
        choice: dict[str, tuple[Decision, int]],
        dropped: dict[tuple[str, str], str],
        *,
        settle: bool,
    ) -> PlanWeek:
        sessions = tuple(self._session(s, choice, dropped, settle) for s in self.target.sessions)
        return replace(self.target, sessions=sessions)

    def _session(
        self,
        session: PlannedSession,
        choice: dict[str, tuple[Decision, int]],
        dropped: dict[tuple[str, str], str],
        settle: bool,
    ) -> PlannedSession:
        """One session of next week. A session depends only on the choices for its own slots
        and on what is left out of it, so the search's many weeks (most differ in one slot)
        share each session built once."""
        slots = self._slots.get(session.id)
        if slots is None:
            slots = self._slots[session.id] = [slot_of(p) for p in session.prescriptions]
        key = (
            session.id,
            tuple((s, id(choice[s][0]), choice[s][1]) if s in choice else (s,) for s in slots),
            tuple(sorted((k, v) for k, v in dropped.items() if k[0] == session.id)),
            settle,
        )
        found = self._sessions.get(key)
        if found is not None:
            return found
        out = []
        for p, slot in zip(session.prescriptions, slots, strict=True):
            if (session.id, slot) in dropped:
                continue
            if slot in choice:
                d, index = choice[slot]
                new = self._apply(d, index, self._base(slot, session) or p)
                gone = [s for (sid, s), why in dropped.items() if sid == session.id and why == slot]
                if gone:
                    new = replace(
                        new,
                        change_reason=new.change_reason
                        + f" To make room, {', '.join(self._label(g) for g in gone)} is left out of this session.",
                    )
                out.append(new)
            else:
                out.append(self._new(p))
        final = warm_up_first(
            settle_session(session.kind, out, self.minutes, self.catalogue)
            if settle
            else tuple(out),
            self.catalogue,
        )
        found = self._sessions[key] = replace(
            session,
            prescriptions=final,
            estimated_seconds=session_seconds(session.kind, final, self.catalogue.exercises),
        )
        return found

    def _load(self, week: PlanWeek) -> int:
        """``week_load``, adding up each session's load once (the weeks built share them)."""
        total = 0
        for session in week.sessions:
            kept = self._loads.get(id(session))  # the entry keeps the session: its id stays its own
            if kept is None:
                kept = self._loads[id(session)] = (session, sessions_load((session,)))
            total += kept[1]
        return total

    def _base(self, slot: str, session: PlannedSession) -> Prescription | None:
        key = (slot, session.id)
        if key not in self._base_of:
            self._base_of[key] = _base_for(self._bases, slot, session)
        return self._base_of[key]

    def _apply(self, d: Decision, step_index: int, base: Prescription) -> Prescription:
        key = (id(d), step_index, id(base))
        found = self._applied.get(key)
        if found is None:
            found = self._applied[key] = _apply(d, step_index, base)
        return found

    def _new(self, p: Prescription) -> Prescription:
        found = self._fresh.get(id(p))
        if found is None:
            reason = f"New this week ({self.target.phase.lower()})."
            found = self._fresh[id(p)] = replace(p, change=Change.NEW, change_reason=reason)
        return found

    def _label(self, slot: str) -> str:
        exercise_id = slot.split(":")[-1]
        return (
            self.catalogue.get(exercise_id).name if exercise_id in self.catalogue else exercise_id
        )

    def _fits(self, week: PlanWeek) -> bool:
        return all(
            within_ceiling(s.kind, s.prescriptions, self.minutes, self.catalogue.exercises)
            for s in week.sessions
        )

    def _make_room(
        self, choice: dict[str, tuple[Decision, int]], slot: str
    ) -> dict[tuple[str, str], str] | None:
        dropped = dict(self.dropped)
        while True:
            trial = self.build(choice, dropped, settle=False)
            # ``build`` stored each session's estimate in the order it is done: no recount
            high = budget_bounds(self.minutes)[1]
            over = [s for s in trial.sessions if s.estimated_seconds > high]
            if not over:
                return dropped
            session = over[0]
            if slot not in {slot_of(p) for p in session.prescriptions}:
                return None  # over for another reason: this step cannot fix it
            spare = [
                p
                for p in session.prescriptions
                if not p.core and slot_of(p) != slot and slot_of(p) not in self._progressed()
            ]
            if not spare:
                return None
            dropped[(session.id, slot_of(spare[-1]))] = slot

    def _progressed(self) -> set[str]:
        return {s for s, (d, _) in self.choice.items() if d.change == Change.PROGRESS}

    def progress(self, d: Decision) -> Decision:
        """Take the first step that fits; otherwise hold and say what blocked it."""
        cap = self._load(self.week) * (1 + WEEKLY_PROGRESSION_CAP_PCT / 100)
        floor = self._load(self.build(self.choice, self.dropped, settle=False))
        blocked = ""
        for index, step in enumerate(d.steps):
            trial_choice = {**self.choice, d.slot: (d, index)}
            dropped = self._make_room(trial_choice, d.slot)
            if dropped is None:
                blocked = (
                    blocked
                    or f"the next step would not fit your {self.minutes} minutes per day (more minutes would allow it)"
                )
                continue
            if self._load(self.build(trial_choice, dropped, settle=False)) > max(cap, floor):
                blocked = (
                    blocked
                    or f"the next step would raise the weekly load by more than {WEEKLY_PROGRESSION_CAP_PCT:g}%{cite('weekly_progression_cap')}"
                )
                continue
            self.choice, self.dropped = trial_choice, dropped
            return replace(d, reason=d.reason + step.words + ".")
        held = replace(
            d,
            change=Change.HOLD,
            steps=[],
            reason=f"Ready to progress, but {blocked}, so it stays.",
        )
        self.choice[d.slot] = (held, -1)
        return held


def shape_next(
    plan: Plan, week: PlanWeek, target: PlanWeek, decisions: list[Decision], catalogue: Catalogue
) -> tuple[PlanWeek, list[Decision]]:
    """Next week with the decisions applied, and the decisions as finally taken."""
    shaper = Shaper(plan, week, target, catalogue)
    shaper.choice = {
        d.slot: (d, 0 if d.steps else -1) for d in decisions if d.change != Change.PROGRESS
    }
    final = [shaper.progress(d) if d.change == Change.PROGRESS else d for d in decisions]
    return shaper.build(shaper.choice, shaper.dropped), final
