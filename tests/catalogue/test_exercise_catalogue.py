"""The packaged exercise catalogue: complete, consistent, and safe to build plans from."""

from __future__ import annotations

from pathlib import Path

import pytest

from psoas.catalogue.loader import data_root, load_exercises
from psoas.domain.catalogue.exercises import Catalogue, Caution, CautionAction, Equipment, Exercise

# Every exercise and routine element named in the five source articles (issue 2), plus the
# bench-edge self-test position and the desk-break stretch the assessment and reminders use.
REQUIRED_SLUGS = (
    "runners-lunge",
    "high-lunge-overhead-reach",
    "camel-pose",
    "glute-bridge",
    "bridge-block-squeeze",
    "banded-glute-bridge",
    "single-leg-glute-bridge",
    "standing-knee-raise",
    "supported-knee-raise",
    "weighted-knee-raise",
    "kneeling-psoas-stretch",
    "kneeling-psoas-stretch-reach",
    "couch-stretch",
    "diaphragmatic-breathing-pelvic-tilts",
    "massage-ball-release",
    "spiky-ball-release",
    "foam-roll-hip-flexor",
    "psoas-march",
    "dead-bug",
    "band-hip-flexion",
    "reverse-lunge",
    "split-squat",
    "single-knee-to-chest",
    "straight-leg-raise",
    "marching-in-place",
    "hip-flexor-quad-stretch",
    "lower-back-stretch",
    "floor-superman",
    "lying-hip-flexion",
    "step-up",
    "dynamic-warm-up",
    "bench-edge-hang",
    "standing-hip-flexor-stretch",
)

# The 10-minute mini routine of the "Know Your Psoas Muscles" article, in its order.
MINI_ROUTINE = (
    "diaphragmatic-breathing-pelvic-tilts",
    "couch-stretch",
    "psoas-march",
    "band-hip-flexion",
    "reverse-lunge",
)

# Pose props that stand for a piece of equipment the person needs. A mat, cushion or block is
# drawn as a comfort aid only: a towel, carpet or books do as well, so the planner does not
# require them (exercises that truly need a block list it as equipment).
PROP_EQUIPMENT = {
    "ball": {Equipment.MASSAGE_BALL, Equipment.SPIKY_BALL},
    "roller": {Equipment.FOAM_ROLLER},
    "band": {Equipment.RESISTANCE_BAND, Equipment.MINI_BAND},
    "bench": {Equipment.BENCH},
    "step": {Equipment.STEP},
    "chair": {Equipment.CHAIR},
    "sofa": {Equipment.SOFA, Equipment.WALL},
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_exercises(data_root() / "exercises")


def all_exercises(catalogue: Catalogue) -> list[Exercise]:
    return list(catalogue.exercises.values())


def test_every_packaged_file_loads(catalogue):
    files = [e.name for e in (data_root() / "exercises").iterdir() if e.name.endswith(".yaml")]
    assert len(catalogue) == len(files) >= 30


@pytest.mark.parametrize("slug", REQUIRED_SLUGS)
def test_required_exercise_is_present(catalogue, slug):
    assert slug in catalogue


def test_every_reference_resolves(catalogue):
    assert catalogue.unresolved_references() == []


def _difficulty_edges(catalogue: Catalogue) -> dict[str, set[str]]:
    """easier -> harder edges from both the `easier` and `harder` lists."""
    edges: dict[str, set[str]] = {slug: set() for slug in catalogue.exercises}
    for e in all_exercises(catalogue):
        edges[e.id].update(e.harder)
        for lower in e.easier:
            edges[lower].add(e.id)
    return edges


def test_ladders_have_no_loops(catalogue):
    edges = _difficulty_edges(catalogue)
    done: set[str] = set()

    def visit(slug: str, path: tuple[str, ...]) -> None:
        assert slug not in path, f"ladder loop: {' -> '.join((*path, slug))}"
        if slug in done:
            return
        for nxt in sorted(edges[slug]):
            visit(nxt, (*path, slug))
        done.add(slug)

    for slug in sorted(edges):
        visit(slug, ())


@pytest.mark.parametrize("direction", ["easier", "harder"])
def test_walking_one_direction_always_ends(catalogue, direction):
    """Following only `easier` (or only `harder`) links never comes back to a rung on the path."""

    def walk(slug: str, path: tuple[str, ...]) -> None:
        assert slug not in path, f"{direction} chain loops: {' -> '.join((*path, slug))}"
        for nxt in getattr(catalogue.get(slug), direction):
            walk(nxt, (*path, slug))

    for start in catalogue.exercises:
        walk(start, ())


def test_ladder_lists_are_mirrored(catalogue):
    """If A lists B as harder, B lists A as easier, and the other way round."""
    for e in all_exercises(catalogue):
        for up in e.harder:
            assert e.id in catalogue.get(up).easier, f"{up} should list {e.id} as easier"
        for down in e.easier:
            assert e.id in catalogue.get(down).harder, f"{down} should list {e.id} as harder"


def test_easier_variants_are_not_harder_in_level(catalogue):
    for e in all_exercises(catalogue):
        for down in e.easier:
            assert catalogue.get(down).level.rank <= e.level.rank, (e.id, down)
        for up in e.harder:
            assert catalogue.get(up).level.rank >= e.level.rank, (e.id, up)


@pytest.mark.parametrize("slug", REQUIRED_SLUGS)
def test_exercise_has_steps_dose_sources_and_pose(catalogue, slug):
    e = catalogue.get(slug)
    assert len(e.steps) >= 3
    assert e.cues and e.mistakes and e.breathing
    assert e.dose.reps or e.dose.hold_seconds
    assert e.sources
    assert e.poses
    assert e.unilateral == e.dose.per_side


def test_doses_sit_inside_their_ranges(catalogue):
    for e in all_exercises(catalogue):
        rng = e.dose_range
        assert rng.sets[0] <= e.dose.sets <= rng.sets[1], e.id
        if e.dose.reps is not None:
            assert rng.reps and rng.reps[0] <= e.dose.reps <= rng.reps[1], e.id
        if e.dose.hold_seconds is not None:
            assert (
                rng.hold_seconds
                and rng.hold_seconds[0] <= e.dose.hold_seconds <= rng.hold_seconds[1]
            ), e.id


@pytest.mark.parametrize(
    ("slug", "sets", "reps", "hold", "per_side"),
    [
        # Doses the articles give (issue 2: "with the dose the articles give").
        ("couch-stretch", 2, None, 30, True),
        ("diaphragmatic-breathing-pelvic-tilts", 1, None, 300, False),
        ("massage-ball-release", 1, None, 60, True),
        ("psoas-march", 2, 8, None, True),
        ("band-hip-flexion", 3, 12, None, True),
        ("reverse-lunge", 3, 10, None, True),
        ("split-squat", 3, 10, None, True),
        ("glute-bridge", 2, 10, 20, False),
        ("standing-knee-raise", 2, 10, 2, True),
        ("kneeling-psoas-stretch", 2, None, 30, True),
    ],
)
def test_article_doses(catalogue, slug, sets, reps, hold, per_side):
    dose = catalogue.get(slug).dose
    assert (dose.sets, dose.reps, dose.hold_seconds, dose.per_side) == (sets, reps, hold, per_side)


@pytest.mark.parametrize(
    ("slug", "field", "low", "high"),
    [
        ("couch-stretch", "hold_seconds", 30, 60),
        ("diaphragmatic-breathing-pelvic-tilts", "hold_seconds", 120, 300),
        ("massage-ball-release", "hold_seconds", 60, 120),
        ("psoas-march", "reps", 8, 12),
        ("band-hip-flexion", "reps", 8, 15),
        ("reverse-lunge", "reps", 8, 12),
        ("glute-bridge", "hold_seconds", 20, 30),
        ("kneeling-psoas-stretch", "hold_seconds", 20, 30),
    ],
)
def test_article_dose_ranges(catalogue, slug, field, low, high):
    assert getattr(catalogue.get(slug).dose_range, field) == (low, high)


def test_cautions_use_the_vocabulary_and_explain_themselves(catalogue):
    for e in all_exercises(catalogue):
        codes = [c.code for c in e.cautions]
        assert len(codes) == len(set(codes)), f"{e.id} repeats a caution code"
        for c in e.cautions:
            assert isinstance(c.code, Caution) and isinstance(c.action, CautionAction)
            assert len(c.note) >= 20, (e.id, c.code)


def test_substitutes_are_safe_for_the_same_caution(catalogue):
    for e in all_exercises(catalogue):
        for c in e.cautions:
            if c.substitute is None:
                continue
            alternative = catalogue.get(c.substitute).caution_for(c.code)
            assert alternative is None or alternative.action != CautionAction.AVOID, (
                e.id,
                c.code,
                c.substitute,
            )


@pytest.mark.parametrize(
    ("slug", "code", "action"),
    [
        ("couch-stretch", Caution.HIP_REPLACEMENT_ANTERIOR, CautionAction.AVOID),
        ("kneeling-psoas-stretch", Caution.HIP_REPLACEMENT_ANTERIOR, CautionAction.AVOID),
        ("camel-pose", Caution.HIP_REPLACEMENT_ANTERIOR, CautionAction.AVOID),
        ("runners-lunge", Caution.HIP_REPLACEMENT_ANTERIOR, CautionAction.AVOID),
        ("kneeling-psoas-stretch", Caution.KNEE_PAIN_KNEELING, CautionAction.AVOID),
        ("couch-stretch", Caution.KNEE_PAIN_KNEELING, CautionAction.AVOID),
        ("couch-stretch", Caution.HIP_REPLACEMENT_POSTERIOR, CautionAction.AVOID),
        ("kneeling-psoas-stretch", Caution.HIP_REPLACEMENT_POSTERIOR, CautionAction.AVOID),
        ("standing-knee-raise", Caution.POOR_BALANCE, CautionAction.MODIFY),
        ("floor-superman", Caution.PREGNANCY_LATE, CautionAction.AVOID),
        ("spiky-ball-release", Caution.OSTEOPOROSIS, CautionAction.AVOID),
        ("massage-ball-release", Caution.PREGNANCY, CautionAction.AVOID),
        ("single-knee-to-chest", Caution.HIP_REPLACEMENT_POSTERIOR, CautionAction.AVOID),
        ("lower-back-stretch", Caution.HIP_REPLACEMENT_POSTERIOR, CautionAction.AVOID),
        ("diaphragmatic-breathing-pelvic-tilts", Caution.PREGNANCY_LATE, CautionAction.MODIFY),
        ("split-squat", Caution.HIP_REPLACEMENT_ANTERIOR, CautionAction.AVOID),
        ("reverse-lunge", Caution.HIP_REPLACEMENT_ANTERIOR, CautionAction.AVOID),
        ("camel-pose", Caution.RECENT_SURGERY_OR_INJURY, CautionAction.AVOID),
        ("couch-stretch", Caution.RECENT_SURGERY_OR_INJURY, CautionAction.AVOID),
        ("kneeling-psoas-stretch", Caution.RECENT_SURGERY_OR_INJURY, CautionAction.MODIFY),
    ],
)
def test_key_safety_cautions(catalogue, slug, code, action):
    caution = catalogue.get(slug).caution_for(code)
    assert caution is not None and caution.action == action


def test_kneeling_work_has_a_standing_substitute(catalogue):
    for e in all_exercises(catalogue):
        if e.position in ("kneeling", "half_kneeling"):
            caution = e.caution_for(Caution.KNEE_PAIN_KNEELING)
            assert caution is not None, e.id
            assert (
                caution.substitute and catalogue.get(caution.substitute).position == "standing"
            ), e.id


def test_every_hip_extension_stretch_avoids_anterior_hip_replacement(catalogue):
    stretches = [e for e in all_exercises(catalogue) if "hip-flexor-stretch" in e.tags]
    assert len(stretches) >= 6
    for e in stretches:
        caution = e.caution_for(Caution.HIP_REPLACEMENT_ANTERIOR)
        assert caution is not None and caution.action == CautionAction.AVOID, e.id


def test_sources_are_named_and_graded(catalogue):
    for e in all_exercises(catalogue):
        assert any("source articles" in s.citation for s in e.sources), (
            f"{e.id} names no source article"
        )
        for s in e.sources:
            assert s.supports, f"{e.id}: say what '{s.citation}' supports"


def test_pose_props_match_equipment(catalogue):
    for e in all_exercises(catalogue):
        for pose in e.poses:
            for prop in pose.props:
                needed = PROP_EQUIPMENT.get(prop)
                if needed:
                    assert needed & set(e.equipment), (
                        f"{e.id}: prop {prop} without matching equipment"
                    )


def test_unilateral_poses_tell_the_sides_apart(catalogue):
    """A one-sided exercise shows the two legs or arms doing different things in some pose."""
    for e in all_exercises(catalogue):
        if e.unilateral:
            assert any(p.left != p.right for p in e.poses), e.id


def test_desk_break_moves_need_no_floor_or_kit(catalogue):
    desk = [e for e in all_exercises(catalogue) if "desk-break" in e.tags]
    assert {"standing-hip-flexor-stretch", "marching-in-place"} <= {e.id for e in desk}
    for e in desk:
        assert e.position == "standing", e.id
        assert set(e.equipment) <= {Equipment.WALL, Equipment.CHAIR}, e.id


def test_mini_routine_and_warm_up_are_tagged(catalogue):
    assert {e.id for e in all_exercises(catalogue) if "mini-routine" in e.tags} == set(MINI_ROUTINE)
    assert "dynamic-warm-up" in {e.id for e in all_exercises(catalogue) if "warm-up" in e.tags}


def test_bench_edge_hang_is_drawn_on_a_bench(catalogue):
    hang = catalogue.get("bench-edge-hang")
    assert hang.position == "bench_edge"
    assert all(p.support == "bench" and "bench" in p.props for p in hang.poses)


def test_docs_list_every_exercise(catalogue):
    doc = Path(__file__).resolve().parents[2] / "docs" / "exercises.md"
    if not doc.exists():
        pytest.skip("docs/ is not shipped with an installed package")
    text = doc.read_text(encoding="utf-8")
    missing = [slug for slug in catalogue.exercises if f"| `{slug}` |" not in text]
    assert not missing, f"docs/exercises.md lacks rows for {missing}"


def test_advanced_work_waits_for_clearance_after_recent_surgery(catalogue):
    """Every advanced exercise is left out after recent surgery or injury."""
    for e in all_exercises(catalogue):
        if e.level == "advanced":
            caution = e.caution_for(Caution.RECENT_SURGERY_OR_INJURY)
            assert caution is not None and caution.action == CautionAction.AVOID, e.id


def test_floor_work_needs_no_mat(catalogue):
    """Someone with no kit at all still gets floor exercises: a mat is never required."""
    no_kit = [e for e in all_exercises(catalogue) if not e.equipment]
    assert {"kneeling-psoas-stretch", "glute-bridge", "psoas-march"} <= {e.id for e in no_kit}
    assert all(Equipment.MAT not in e.equipment for e in all_exercises(catalogue))
