"""Clinic records kept next to a client's plan: what each side changed, the clinician's plan
templates, visit notes and the follow-up of a red flag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class ChangedBy(StrEnum):
    CLINICIAN = "clinician"
    CLIENT = "client"


@dataclass(frozen=True, slots=True)
class PlanChange:
    """One change to a client's plan, shown to the other side until they have seen it."""

    id: str
    person_id: str
    at: datetime
    by_role: ChangedBy
    author_id: str
    summary: str  # one sentence, e.g. "Your physio changed your plan."
    lines: tuple[str, ...] = ()  # what changed, one line per exercise
    seen_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class BuildItem:
    """One exercise as the clinician prescribes it: dose, side, days, weeks and a note."""

    exercise_id: str
    sets: int
    reps: int | None = None
    hold_seconds: int | None = None
    sides: str = "both"  # a SideHandling value
    days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    first_week: int = 1
    last_week: int = 6  # 0 when saving: to the end of the plan
    note: str = ""


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    id: str
    owner_id: str  # the clinician who saved it
    name: str
    created_at: datetime
    items: tuple[BuildItem, ...]
    weeks: int = 6


class NoteKind(StrEnum):
    VISIT = "visit"
    RED_FLAG = "red_flag"


class RedFlagStatus(StrEnum):
    REFERRED = "referred"
    SEEN = "seen"
    CLEARED = "cleared"


RED_FLAG_WORDS = {
    RedFlagStatus.REFERRED: "referred on",
    RedFlagStatus.SEEN: "seen by a doctor or specialist on",
    RedFlagStatus.CLEARED: "cleared to exercise on",
}


@dataclass(frozen=True, slots=True)
class ClinicalNote:
    """A visit note, or a step in a red flag's follow-up (referred, seen, cleared)."""

    id: str
    person_id: str
    at: datetime
    kind: NoteKind
    author_id: str
    text: str
    status: RedFlagStatus | None = None  # red flags only
    on: date | None = None  # the day it happened (red flags: referral, visit or clearance)

    @property
    def sentence(self) -> str:
        if self.status is None:
            return self.text
        when = f" {self.on:%d %b %Y}" if self.on else ""
        return f"Red flag {RED_FLAG_WORDS[self.status]}{when}." + (
            f" {self.text}" if self.text else ""
        )
