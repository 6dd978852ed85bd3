"""Severe pain gives one coherent message from assessment to plan.

Pain of 8/10 or more at the assessment asks for a clinician (the same limit that pauses a
running plan). Once a clinician has cleared the person, that baseline pain is what the plan was
made for, not a new event: the plan does not pause on day 1 for it. New severe pain after the
plan began still pauses it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from tests import factories
from tests.fakes import FakeClock
from tests.unit.screening_personas import CALM

from psoas.catalogue import load_catalogue
from psoas.catalogue.questions import load_questionnaire
from psoas.catalogue.rules import load_rules
from psoas.domain.errors import ReferralRequired
from psoas.domain.records.measurements import MeasurementKind, Method
from psoas.domain.records.people import Preferences
from psoas.domain.screening.assessment import Triage
from psoas.domain.screening.headline import Care, headline
from psoas.services import assessment as assessment_service
from psoas.services import plans as plan_service
from psoas.services import records

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def world(tmp_path):
    clock = FakeClock(NOW)
    ctx = replace(
        factories.sqlite_context(tmp_path, clock=clock, catalogue_=load_catalogue()),
        questionnaire=load_questionnaire(),
        rules=load_rules(),
    )
    person = factories.person()
    with ctx.uow() as uow:
        uow.people.add(person)
    return ctx, clock, person.id


def test_severe_pain_at_assessment_asks_for_a_clinician_and_then_does_not_pause_the_plan(world):
    ctx, clock, pid = world
    assessment = assessment_service.run_assessment(ctx, pid, {**CALM, "pain_now": 8})
    assert assessment.result.triage is Triage.SEE_CLINICIAN
    assert headline(assessment.result).care is Care.SEE_CLINICIAN
    assert any(f.rule_id == "severe_pain_now" for f in assessment.result.findings)
    with pytest.raises(ReferralRequired):
        plan_service.new_plan(ctx, pid, Preferences(minutes_per_day=10))
    clock.advance(3600)
    assessment_service.confirm_clinician_clearance(ctx, pid)
    plan = plan_service.new_plan(ctx, pid, Preferences(minutes_per_day=10))
    session, reasons = plan_service.today(ctx, pid, plan.start)
    assert session is not None, reasons
    assert not plan_service.current_plan(ctx, pid).stopped_reason

    clock.advance(86400)
    new_pain = factories.measurement(
        pid,
        kind=MeasurementKind.PAIN,
        value=9,
        unit="NRS",
        method=Method.SELF_REPORT,
        taken_at=clock.now(),
    )
    records.add_measurement(ctx, pid, new_pain)
    session, reasons = plan_service.today(ctx, pid, plan.start + timedelta(days=1))
    assert session is None and "Severe pain" in reasons[0] and "9/10" in reasons[0]
