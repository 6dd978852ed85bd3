"""Plain words shared by the exports: session titles, side handling and the safety note."""

from __future__ import annotations

from psoas.domain.planning.plans import Prescription, SessionKind, SideHandling

KIND_TITLES = {
    SessionKind.MOBILITY: "Mobility session",
    SessionKind.STRENGTH: "Strength session",
    SessionKind.RETEST: "Re-test and light session",
    SessionKind.REST: "Rest day",
}

SIDE_WORDS = {
    SideHandling.BOTH: "",
    SideHandling.EACH: "left, then right",
    SideHandling.LEFT_FIRST_EXTRA: "one extra set on the left",
    SideHandling.RIGHT_FIRST_EXTRA: "one extra set on the right",
}

SAFETY_NOTE = (
    "psoas is a coach, not a clinician: it does not diagnose. Move within a comfortable range. "
    "Some discomfort during an exercise is fine if it stays at 5 out of 10 or lower and has "
    "settled by the next morning; if it goes higher, stop, rest and use the easier version."
)

SEEK_CARE = (
    "Stop exercising and contact a doctor straight away if you notice numbness around the "
    "groin or buttocks, new trouble passing urine or controlling the bowel, weakness or "
    "numbness spreading in the legs, fever with back pain, pain that wakes you at night, or "
    "unexplained weight loss.",
    "See a physiotherapist or doctor if pain keeps rising from week to week, if it has not "
    "improved after a month, after a fall or injury, or if you are pregnant and notice pain "
    "in the pelvis.",
)


SIDE_SHORT = {
    SideHandling.BOTH: "",
    SideHandling.EACH: "",
    SideHandling.LEFT_FIRST_EXTRA: "+1 set left",
    SideHandling.RIGHT_FIRST_EXTRA: "+1 set right",
}


def dose_text(p: Prescription, *, short: bool = False) -> str:
    """The dose with its side handling, such as '2 x 30 s each side (one extra set on the left)'."""
    sides = (SIDE_SHORT if short else SIDE_WORDS)[p.sides]
    return f"{p.dose.describe()} ({sides})" if sides else p.dose.describe()
