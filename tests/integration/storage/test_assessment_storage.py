"""A full screening saved and read back on SQLite and PostgreSQL, answers and findings intact."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from psoas.catalogue.questions import load_questionnaire
from psoas.catalogue.rules import load_rules
from psoas.domain.records.measurements import MeasurementKind
from psoas.domain.screening.assessment import Triage
from psoas.services import assessment as service
from psoas.services import people

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.fixture
def screening_ctx(ctx):
    return replace(ctx, questionnaire=load_questionnaire(), rules=load_rules())


@pytest.mark.parametrize("name", ["runner.yaml", "urgent.yaml"])
def test_a_screening_round_trips(screening_ctx, name):
    person_id = people.current_person(screening_ctx).id
    answers = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    saved = service.run_assessment(screening_ctx, person_id, answers)
    assert service.latest_assessment(screening_ctx, person_id) == saved
    assert any(f.triage is not None for f in saved.result.findings) == (
        saved.result.triage != Triage.PROCEED
    )
    with screening_ctx.uow() as uow:
        kinds = sorted({m.kind for m in uow.measurements.list(person_id)})
    assert MeasurementKind.PAIN in kinds and MeasurementKind.SITTING_HOURS in kinds


def test_clearance_round_trips(screening_ctx):
    person_id = people.current_person(screening_ctx).id
    answers = yaml.safe_load((EXAMPLES / "desk-worker.yaml").read_text(encoding="utf-8"))
    service.run_assessment(screening_ctx, person_id, answers | {"weight_loss": True})
    cleared = service.confirm_clinician_clearance(screening_ctx, person_id)
    assert service.latest_assessment(screening_ctx, person_id) == cleared
    assert cleared.allows_plan
