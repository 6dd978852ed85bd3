"""A client whose clinician asked to approve weekly reviews sees no change until approval."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic

from psoas.services import exports, plans
from psoas.services.clinic import clients as clinic_service

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


def test_the_client_sees_no_waiting_changes_in_the_api_page_or_handouts(clinic: Clinic):
    ctx, doctor, pid = clinic.ctx, clinic.users["clinician_a"], clinic.person_a
    clinic_service.set_review_approval(ctx, doctor, pid, True)
    clinic.clock.advance(timedelta(days=8).total_seconds())
    web = clinic.client("client_a")
    response = web.api("/api/plan/review", {})
    assert response.status_code == 200, response.text
    shown = response.json()
    assert shown["awaiting_approval"] is True
    assert shown["items"] == [] and shown["proposed"] is None and shown["flags"] == []
    assert shown["summary"] == plans.WAITING_FOR_CLINICIAN
    page = web.form("/plan/review", {})
    assert page.headers["location"] == "/plan?done=review-waiting"
    assert "is with your clinician" in web.get(page.headers["location"]).text
    assert exports.report_export(ctx, pid, clinic.clock.today()).reviews == []
    assert exports.plan_export(ctx, pid).revision == 0
    (waiting,) = clinic_service.pending_reviews(ctx, doctor, pid)
    assert waiting.items and waiting.proposed is not None  # the clinician sees the changes
    clinic_service.approve_review(ctx, doctor, pid, waiting.id)
    again = web.api("/api/plan/review", {}).json()
    assert again["id"] == waiting.id and again["items"] and not again["awaiting_approval"]
    assert exports.plan_export(ctx, pid).revision == 1
