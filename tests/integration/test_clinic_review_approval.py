"""A client whose clinician asked to approve weekly reviews sees no change until approval."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic

from psoas.services import clinic as clinic_service
from psoas.services import plans

backend, clinic = clinic_support.backend, clinic_support.clinic


def test_review_changes_wait_for_the_clinician(clinic: Clinic):
    ctx, doctor, pid = clinic.ctx, clinic.users["clinician_a"], clinic.person_a
    clinic_service.set_review_approval(ctx, doctor, pid, True)
    before = plans.current_plan(ctx, pid)
    clinic.clock.advance(timedelta(days=8).total_seconds())
    review = plans.run_review(ctx, pid)
    assert review.awaiting_approval and review.proposed is not None
    assert review.proposed != before  # the review changed something
    assert plans.current_plan(ctx, pid) == before  # the client still sees the old plan
    assert plans.reviews(ctx, pid) == []
    pending = clinic_service.pending_reviews(ctx, doctor, pid)
    assert [r.id for r in pending] == [review.id]
    approved = clinic_service.approve_review(ctx, doctor, pid, review.id)
    assert not approved.awaiting_approval
    assert plans.current_plan(ctx, pid) == review.proposed
    assert [r.id for r in plans.reviews(ctx, pid)] == [review.id]
    assert clinic_service.pending_reviews(ctx, doctor, pid) == []


def test_without_the_option_reviews_apply_at_once(clinic: Clinic):
    ctx, pid = clinic.ctx, clinic.person_a
    clinic.clock.advance(timedelta(days=8).total_seconds())
    review = plans.run_review(ctx, pid)
    assert not review.awaiting_approval and review.proposed is None
    assert plans.current_plan(ctx, pid).id == review.plan_id
