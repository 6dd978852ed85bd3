"""Phases by profile, what each session kind contains, and the reasons the plan gives.

The profile from the self-test decides the emphasis. The source articles disagree about
strengthening the psoas (one says a tight psoas seldom needs it; another warns that stretching
alone can leave the hip unstable), so every strengthening phase says that the plan follows this
person's assessment rather than either article.
"""

from __future__ import annotations

from dataclasses import dataclass

from psoas.domain.planning.selection import Role
from psoas.domain.screening.assessment import Profile


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    focus: str
    mobility: tuple[tuple[Role, bool], ...]  # (role, core) in priority order
    strength: tuple[tuple[Role, bool], ...]  # empty: no strength days in this phase
    gentle_strength: bool = True


ARTICLES_DISAGREE = (
    "The articles this app draws on disagree about strengthening: one says a tight psoas "
    "seldom needs it, another that stretching without strengthening can leave the hip "
    "unstable. This plan follows your own assessment: "
)

RETEST_MOBILITY: tuple[tuple[Role, bool], ...] = (
    (Role.BREATHING, True),
    (Role.STRETCH, True),
    (Role.MOBILITY, False),
)

_TIGHT_MOBILITY = (
    (Role.BREATHING, True),
    (Role.STRETCH, True),
    (Role.RELEASE, True),
    (Role.STRETCH, False),
    (Role.MOBILITY, False),
)
_WEAK_MOBILITY = (
    (Role.BREATHING, True),
    (Role.MOBILITY, True),
    (Role.STRETCH, True),
    (Role.RELEASE, False),
)
_MIXED_MOBILITY = (
    (Role.BREATHING, True),
    (Role.STRETCH, True),
    (Role.RELEASE, True),
    (Role.MOBILITY, False),
)
_MAINTAIN_MOBILITY = (
    (Role.MOBILITY, True),
    (Role.STRETCH, True),
    (Role.BREATHING, False),
    (Role.RELEASE, False),
)

PHASES: dict[Profile, tuple[Phase, ...]] = {
    Profile.TIGHT: (
        Phase(
            "Release and lengthen",
            "Your self-test suggests tight hip flexors, so these weeks ease and lengthen them "
            "with breathing, release and daily stretching; strength work waits until the "
            "front of the hip moves more freely.",
            _TIGHT_MOBILITY,
            (),
        ),
        Phase(
            "Lengthen and activate",
            "Stretching continues every day and gentle strength days start. "
            + ARTICLES_DISAGREE
            + "your hip flexors tested tight, so the strength work stays light and favours "
            "the glutes and deep core that balance them.",
            _TIGHT_MOBILITY,
            (
                (Role.BREATHING, True),
                (Role.STRETCH, True),
                (Role.GLUTE_STRENGTH, True),
                (Role.STABILITY, True),
                (Role.HIP_FLEXOR_STRENGTH, False),
            ),
        ),
        Phase(
            "Build and keep",
            "Keep the length you have gained and build strength around it, so the hip stays "
            "both free and steady.",
            _TIGHT_MOBILITY,
            (
                (Role.STRETCH, True),
                (Role.GLUTE_STRENGTH, True),
                (Role.STABILITY, True),
                (Role.HIP_FLEXOR_STRENGTH, True),
                (Role.MOBILITY, False),
            ),
            gentle_strength=False,
        ),
    ),
    Profile.WEAK_OR_OVERSTRETCHED: (
        Phase(
            "Control and stability",
            ARTICLES_DISAGREE
            + "your self-test suggests long or weak hip flexors, so strength and stability "
            "start in week 1, with light stretching only as a counterbalance.",
            _WEAK_MOBILITY,
            (
                (Role.BREATHING, True),
                (Role.STABILITY, True),
                (Role.HIP_FLEXOR_STRENGTH, True),
                (Role.GLUTE_STRENGTH, False),
                (Role.STRETCH, False),
            ),
        ),
        Phase(
            "Build strength",
            "Strength and control grow step by step; a short stretch keeps the front of the "
            "hip from stiffening as it gets stronger.",
            _WEAK_MOBILITY,
            (
                (Role.MOBILITY, True),
                (Role.HIP_FLEXOR_STRENGTH, True),
                (Role.STABILITY, True),
                (Role.GLUTE_STRENGTH, True),
                (Role.STRETCH, False),
            ),
        ),
        Phase(
            "Strength and maintenance",
            "Harder variants where you are ready, and a routine you can keep.",
            _WEAK_MOBILITY,
            (
                (Role.MOBILITY, True),
                (Role.HIP_FLEXOR_STRENGTH, True),
                (Role.STABILITY, True),
                (Role.GLUTE_STRENGTH, True),
                (Role.STRETCH, False),
            ),
            gentle_strength=False,
        ),
    ),
    Profile.MIXED: (
        Phase(
            "Release and activate",
            ARTICLES_DISAGREE
            + "your self-test shows signs of both tightness and weakness, so the plan "
            "lengthens the hip flexors daily and starts gentle stability work from week 1.",
            _MIXED_MOBILITY,
            (
                (Role.BREATHING, True),
                (Role.STRETCH, True),
                (Role.STABILITY, True),
                (Role.GLUTE_STRENGTH, False),
            ),
        ),
        Phase(
            "Lengthen and strengthen",
            "Daily lengthening continues while the strength days add the glutes and hip flexors.",
            _MIXED_MOBILITY,
            (
                (Role.STRETCH, True),
                (Role.STABILITY, True),
                (Role.GLUTE_STRENGTH, True),
                (Role.HIP_FLEXOR_STRENGTH, False),
            ),
        ),
        Phase(
            "Balance and maintain",
            "Length and strength in balance, at a level you can keep up.",
            _MIXED_MOBILITY,
            (
                (Role.STRETCH, True),
                (Role.HIP_FLEXOR_STRENGTH, True),
                (Role.GLUTE_STRENGTH, True),
                (Role.STABILITY, True),
                (Role.MOBILITY, False),
            ),
            gentle_strength=False,
        ),
    ),
    Profile.NO_SIGNS: (
        Phase(
            "Maintenance",
            "Your assessment found no sign of tight or weak hip flexors, so this is a short "
            "maintenance routine: daily mobility and, if you chose them, strength days to "
            "keep things that way.",
            _MAINTAIN_MOBILITY,
            (
                (Role.MOBILITY, True),
                (Role.HIP_FLEXOR_STRENGTH, True),
                (Role.GLUTE_STRENGTH, True),
                (Role.STABILITY, True),
                (Role.STRETCH, False),
            ),
            gentle_strength=False,
        ),
    ),
    Profile.INCONCLUSIVE: (
        Phase(
            "Until you re-test",
            "Your self-test could not be read cleanly, so this is a short, gentle routine of "
            "daily mobility and, if you chose them, light strength days until you repeat the "
            "self-test with your lower back flat.",
            _MAINTAIN_MOBILITY,
            (
                (Role.MOBILITY, True),
                (Role.HIP_FLEXOR_STRENGTH, True),
                (Role.GLUTE_STRENGTH, True),
                (Role.STABILITY, True),
                (Role.STRETCH, False),
            ),
            gentle_strength=False,
        ),
    ),
}

ROLE_REASON: dict[Role, str] = {
    Role.BREATHING: "Slow belly breathing helps the deep hip flexors let go; they share attachments with the diaphragm.",
    Role.RELEASE: "Gentle pressure around the front of the hip eases the tissues near the psoas before stretching.",
    Role.STRETCH: "Lengthens the front of the hip; holds of 30 to 60 s, ideally daily, are the usual stretching dose (ACSM).",
    Role.MOBILITY: "Moves the hip and spine through their range to undo long sitting.",
    Role.STABILITY: "Trains the deep core to keep the pelvis steady while the leg moves.",
    Role.HIP_FLEXOR_STRENGTH: "Strengthens the hip flexors through their range; band work three times a week raised hip-flexion strength in six weeks (Thorborg 2016).",
    Role.GLUTE_STRENGTH: "Strengthens the glutes, which extend the hip and balance the pull of the hip flexors.",
}

KIND_REASON = {
    "mobility": "A short daily session: daily stretching gives the most benefit (ACSM).",
    "strength": "Strength day, never on consecutive days, so each muscle group gets about 48 hours to recover (ACSM).",
    "rest_off": "Not one of your exercise days.",
    "rest_planned": "Planned rest day: rest lets the body adapt, and the work builds up gradually.",
}


def phase_for_week(profile: Profile, week: int, weeks: int) -> Phase:
    """The phase of 1-based ``week`` in a plan of ``weeks`` weeks (thirds of the plan)."""
    phases = PHASES[profile]
    index = min(len(phases) - 1, (week - 1) * len(phases) // max(1, weeks))
    return phases[index]
