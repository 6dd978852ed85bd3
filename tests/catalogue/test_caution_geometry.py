"""Every exercise's drawing and its cautions tell the same story.

The angles are measured from each exercise's own drawn key poses (the figure geometry the
illustrations use), never from a list kept by hand, so an exercise added later, or a drawing
that changes, is checked without edits here.

- Posterior-approach hip replacement: no hip flexion past 90 degrees (Eannucci et al. 2019,
  clinical-facts.md section 5.4 [confirmed]). A pose past that needs the caution.
- Anterior-approach hip replacement: avoid hip extension (clinical-facts.md 5.4 [secondary]).
  Up to 10 degrees behind the body is normal standing and walking range (clinical-facts.md 2.1
  gives 10-20 degrees as normal adult extension), so a pose past 10 degrees needs the caution.
- Pregnancy: lying face down presses on the belly (``pregnancy``); lying flat on the back is
  advised against in later pregnancy (``pregnancy_late``, [unconfirmed] in clinical-facts.md).
- Knee pain when kneeling: a pose with a knee on the support is swapped for a substitute that
  does not kneel.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from psoas.catalogue import load_catalogue
from psoas.domain.catalogue.exercises import Caution, CautionAction, Exercise
from psoas.domain.catalogue.figure import SIDES, measure_angles, place

FLEXION_LIMIT = 90.0  # posterior approach: no hip flexion past a right angle
EXTENSION_LIMIT = -10.0  # anterior approach: no hip extension past normal walking range
ROUNDING = 0.5  # drawings are declared in whole degrees
LYING_TRUNK_SPREAD = 35.0  # trunk within this many degrees of horizontal counts as lying
LYING_HEIGHT = 0.2  # pelvis or upper back this close to the support (of standing height)

CATALOGUE = load_catalogue()
EXERCISES = list(CATALOGUE)


@dataclass(frozen=True)
class DrawnFacts:
    peak_flexion: float
    peak_extension: float  # the most negative hip angle (behind the body)
    face_down: bool
    on_back: bool
    kneeling: bool


def drawn_facts(exercise: Exercise) -> DrawnFacts:
    """What the exercise's key poses show, measured back from the drawn joint coordinates."""
    hips: list[float] = []
    face_down = on_back = kneeling = False
    for pose in exercise.poses:
        figure = place(pose)
        angles = measure_angles(figure.points)
        hips.extend(angles[f"{side}.hip"] for side in SIDES)
        trunk = angles["trunk"]
        low = min(figure.points["pelvis"][1], figure.points["upper_back"][1]) - figure.surface.top
        lying = abs(abs(trunk) - 90.0) <= LYING_TRUNK_SPREAD and low <= LYING_HEIGHT
        face_down |= lying and trunk > 0
        on_back |= lying and trunk < 0
        kneeling |= any(part.endswith("_knee") for part in pose.contact)
    return DrawnFacts(max(hips), min(hips), face_down, on_back, kneeling)


FACTS = {e.id: drawn_facts(e) for e in EXERCISES}


def _has(exercise: Exercise, code: Caution) -> bool:
    rule = exercise.caution_for(code)
    return rule is not None and bool(rule.note.strip())


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_deep_hip_flexion_carries_the_posterior_caution(exercise):
    peak = FACTS[exercise.id].peak_flexion
    if peak > FLEXION_LIMIT + ROUNDING:
        assert _has(exercise, Caution.HIP_REPLACEMENT_POSTERIOR), (
            f"{exercise.id} draws the hip at {peak:.0f} degrees of flexion but has no "
            "hip_replacement_posterior caution"
        )


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_hip_extension_carries_the_anterior_caution(exercise):
    peak = FACTS[exercise.id].peak_extension
    if peak < EXTENSION_LIMIT - ROUNDING:
        assert _has(exercise, Caution.HIP_REPLACEMENT_ANTERIOR), (
            f"{exercise.id} draws the hip {-peak:.0f} degrees behind the body but has no "
            "hip_replacement_anterior caution"
        )


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_lying_positions_carry_the_pregnancy_cautions(exercise):
    facts = FACTS[exercise.id]
    if facts.face_down:
        assert _has(exercise, Caution.PREGNANCY), f"{exercise.id} lies face down"
    if facts.on_back:
        assert _has(exercise, Caution.PREGNANCY_LATE), f"{exercise.id} lies flat on the back"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_kneeling_is_swapped_for_a_substitute_that_does_not_kneel(exercise):
    if not FACTS[exercise.id].kneeling:
        return
    rule = exercise.caution_for(Caution.KNEE_PAIN_KNEELING)
    assert rule is not None and rule.action is CautionAction.AVOID, (
        f"{exercise.id} kneels in its drawing; knee pain when kneeling must swap it up front"
    )
    assert rule.substitute in CATALOGUE, f"{exercise.id} names no substitute in the catalogue"
    assert not FACTS[rule.substitute].kneeling, f"{rule.substitute} kneels too"


@pytest.mark.parametrize(
    ("code", "limit_check"),
    [
        (Caution.HIP_REPLACEMENT_POSTERIOR, lambda f: f.peak_flexion > FLEXION_LIMIT + ROUNDING),
        (Caution.HIP_REPLACEMENT_ANTERIOR, lambda f: f.peak_extension < EXTENSION_LIMIT - ROUNDING),
    ],
    ids=["posterior", "anterior"],
)
def test_every_substitute_for_a_hip_caution_is_itself_within_the_limit(code, limit_check):
    """Swapping an exercise for its substitute must not swap one unsafe pose for another."""
    for exercise in EXERCISES:
        rule = exercise.caution_for(code)
        if rule is None or rule.action is not CautionAction.AVOID or rule.substitute is None:
            continue
        substitute = CATALOGUE.get(rule.substitute)
        blocked = substitute.caution_for(code)
        safe_itself = not limit_check(FACTS[substitute.id])
        assert safe_itself or blocked is not None, f"{exercise.id} -> {substitute.id}"


def test_the_geometry_finds_the_known_cases():
    """A guard against a measuring bug that would let every check above pass vacuously."""
    deep = [e for e in EXERCISES if FACTS[e.id].peak_flexion > FLEXION_LIMIT + ROUNDING]
    behind = [e for e in EXERCISES if FACTS[e.id].peak_extension < EXTENSION_LIMIT - ROUNDING]
    assert len(deep) >= 3 and len(behind) >= 3
    assert any(FACTS[e.id].face_down for e in EXERCISES)
    assert any(FACTS[e.id].on_back for e in EXERCISES)
    assert any(FACTS[e.id].kneeling for e in EXERCISES)
