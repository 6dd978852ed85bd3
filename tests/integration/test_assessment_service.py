"""Assessment services on a real SQLite database: what is saved, and that nothing is on error."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest
from tests.factories import sqlite_context
from tests.fakes import FakeClock
from tests.unit.screening_personas import persona, self_test, side

from psoas.catalogue.questions import load_questionnaire
from psoas.catalogue.rules import load_rules
from psoas.domain.catalogue.exercises import Equipment
from psoas.domain.errors import InvalidInput, InvalidValue, NotFound
from psoas.domain.records.measurements import MeasurementKind, Side
from psoas.domain.screening.assessment import Triage
from psoas.services import assessment as service
from psoas.services import people


@pytest.fixture
def ctx(tmp_path):
    base = sqlite_context(tmp_path, clock=FakeClock())
    return replace(base, questionnaire=load_questionnaire(), rules=load_rules())


@pytest.fixture
def person_id(ctx):
    return people.current_person(ctx).id


def stored(ctx, person_id):
    with ctx.uow() as uow:
        return (
            list(uow.assessments.list(person_id)),
            list(uow.measurements.list(person_id)),
            uow.preferences.get(person_id),
        )


def test_run_assessment_saves_result_baselines_and_preferences(ctx, person_id):
    answers = persona(
        **self_test(side("left", "above", 7.5), side("right", "level")),
        pain_now=4,
        sitting_hours=9.5,
        psfs_1_activity="sitting through a film",
        psfs_1_score=3,
        equipment=["mat", "resistance_band"],
        minutes_per_day=15,
        preferred_days=["tue", "thu"],
        preferred_time="07:30",
    )
    assessment = service.run_assessment(ctx, person_id, answers)
    assessments, measurements, preferences = stored(ctx, person_id)
    assert assessments == [assessment]
    assert assessment.result.rules_version == ctx.rules.version
    assert assessment.taken_at == ctx.clock.now()
    found = {(m.kind, m.side, m.value, m.label) for m in measurements}
    assert (MeasurementKind.PAIN, None, 4.0, "") in found
    assert (MeasurementKind.SITTING_HOURS, None, 9.5, "") in found
    assert (MeasurementKind.PSFS, None, 3.0, "sitting through a film") in found
    assert {(m.side, m.value) for m in measurements if m.kind == MeasurementKind.SELF_TEST} == {
        (Side.LEFT, 1.0),
        (Side.RIGHT, 0.0),
    }
    assert [(m.side, m.value) for m in measurements if m.kind == MeasurementKind.HIP_ANGLE] == [
        (Side.LEFT, 7.5)
    ]
    assert preferences.minutes_per_day == 15
    assert preferences.equipment == frozenset({Equipment.MAT, Equipment.RESISTANCE_BAND})
    assert preferences.preferred_days == ("tue", "thu") and preferences.preferred_time == time(
        7, 30
    )
    assert service.latest_assessment(ctx, person_id) == assessment


def test_bad_answers_raise_one_problem_each_and_save_nothing(ctx, person_id):
    with pytest.raises(InvalidInput) as caught:
        service.run_assessment(ctx, person_id, persona(age=300, symptoms=["nope"], extra=True))
    assert sorted(p.field for p in caught.value.problems) == ["age", "extra", "symptoms"]
    assert stored(ctx, person_id) == ([], [], None)


def test_a_future_operation_date_is_refused(ctx, person_id):
    answers = persona(
        hip_replacement=True, hip_replacement_approach="anterior", hip_replacement_date="2030-01-01"
    )
    with pytest.raises(InvalidInput, match="hip_replacement_date: 2030-01-01 is in the future"):
        service.run_assessment(ctx, person_id, answers)


def test_clearance_is_recorded_only_for_see_clinician(ctx, person_id):
    first = service.run_assessment(ctx, person_id, persona(night_pain=True))
    assert first.result.triage == Triage.SEE_CLINICIAN and not first.allows_plan
    ctx.clock.advance(3600)
    cleared = service.confirm_clinician_clearance(ctx, person_id)
    assert cleared.clinician_cleared_at == ctx.clock.now() and cleared.allows_plan
    assert service.latest_assessment(ctx, person_id).clinician_cleared_at == ctx.clock.now()

    calm = service.run_assessment(ctx, person_id, persona())
    assert service.confirm_clinician_clearance(ctx, person_id) == calm  # nothing to clear


def test_urgent_referral_cannot_be_cleared(ctx, person_id):
    service.run_assessment(ctx, person_id, persona(leg_weakness=True))
    with pytest.raises(InvalidValue, match="urgent referral"):
        service.confirm_clinician_clearance(ctx, person_id)
    assert service.latest_assessment(ctx, person_id).clinician_cleared_at is None


def test_unknown_person_and_no_assessment(ctx, person_id):
    with pytest.raises(NotFound):
        service.run_assessment(ctx, "no-such-person", persona())
    assert service.latest_assessment(ctx, person_id) is None
    with pytest.raises(InvalidValue, match="no assessment yet"):
        service.confirm_clinician_clearance(ctx, person_id)


def test_questions_come_from_the_context(ctx):
    assert service.questions(ctx) is ctx.questionnaire
    with pytest.raises(service.ScreeningNotLoaded):
        service.questions(replace(ctx, questionnaire=None))
