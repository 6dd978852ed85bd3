"""A clinician's clients: access checks with audit entries, the attention list, messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from psoas.domain.clinic.accounts import (
    AuditAction,
    Message,
    Role,
    User,
    can_change_person,
    can_view_person,
)
from psoas.domain.clinic.caseload import ClientStatus
from psoas.domain.errors import InvalidValue, NotAllowed, NotFound
from psoas.domain.planning.plans import PlanReview
from psoas.domain.records.clinical import ChangedBy
from psoas.domain.records.people import Person
from psoas.services.caseload_alerts import tell_clinician
from psoas.services.clinic.accounts import record
from psoas.services.clinic.caseload_list import caseload_page
from psoas.services.context import Context
from psoas.services.ids import new_id

MAX_MESSAGE = 2000


def open_record(
    ctx: Context, user: User, person_id: str, what: str, *, change: bool = False, detail: str = ""
) -> Person:
    """The person if ``user`` may see (or change) their records, with an audit entry saying so.

    Anyone else's id looks exactly like an id that does not exist (NotFound), so ids in URLs
    reveal nothing.
    """
    with ctx.uow() as uow:
        person = uow.people.find(person_id)
        allowed = can_change_person if change else can_view_person
        if person is None or not allowed(user, person):
            raise NotFound(f"No client with id '{person_id}'.")
        action = AuditAction.CHANGED if change else AuditAction.VIEWED
        record(uow, ctx, user, action, what, person.id, detail)
    return person


def clients_of(ctx: Context, clinician: User) -> list[Person]:
    if clinician.role is not Role.CLINICIAN:
        raise NotAllowed("Only clinicians have clients.")
    with ctx.uow() as uow:
        return [p for p in uow.people.list() if p.clinician_id == clinician.id]


def client_statuses(ctx: Context, clinician: User) -> list[ClientStatus]:
    """Every client of the clinician, most in need of attention first (one audit entry for
    the list); ``caseload_list.caseload_page`` gives one page and the caseload's counts."""
    return caseload_page(ctx, clinician, None).rows


def set_review_approval(ctx: Context, clinician: User, person_id: str, required: bool) -> Person:
    """Whether the weekly review's changes wait for the clinician before the client sees them."""
    open_record(ctx, clinician, person_id, "review approval setting", change=True)
    with ctx.uow() as uow:
        person = replace(uow.people.get(person_id), review_approval=required)
        uow.people.update(person)
    return person


def send_message(ctx: Context, author: User, person_id: str, body: str) -> Message:
    open_record(ctx, author, person_id, "message sent", change=True)
    text = body.strip()
    if not text:
        raise InvalidValue("body", "write a message first")
    if len(text) > MAX_MESSAGE:
        raise InvalidValue("body", f"must be at most {MAX_MESSAGE} characters")
    message = Message(new_id(), person_id, author.id, ctx.clock.now(), text)
    with ctx.uow() as uow:
        uow.messages.add(message)
    if author.role is Role.CLIENT:
        tell_clinician(ctx, person_id, "a new message")
    return message


def messages(ctx: Context, reader: User, person_id: str) -> Sequence[Message]:
    """The conversation on a client's record (oldest first); marks it read for ``reader``."""
    open_record(ctx, reader, person_id, "messages")
    with ctx.uow() as uow:
        found = uow.messages.list(person_id)
        uow.messages.mark_read(person_id, reader.id, ctx.clock.now())
    return found


def client_account(ctx: Context, clinician: User, person_id: str) -> User | None:
    open_record(ctx, clinician, person_id, "client account")
    with ctx.uow() as uow:
        return uow.users.find_by_person(person_id)


def pending_reviews(ctx: Context, clinician: User, person_id: str) -> list[PlanReview]:
    """Weekly reviews whose changes wait for the clinician (oldest first)."""
    open_record(ctx, clinician, person_id, "reviews awaiting approval")
    with ctx.uow() as uow:
        return [r for r in uow.reviews.list(person_id) if r.awaiting_approval]


def approve_review(ctx: Context, clinician: User, person_id: str, review_id: str) -> PlanReview:
    """Let the client see a review's changes: its proposed plan becomes the plan."""
    open_record(ctx, clinician, person_id, "review approved", change=True, detail=review_id)
    with ctx.uow() as uow:
        found = next((r for r in uow.reviews.list(person_id) if r.id == review_id), None)
        if found is None or not found.awaiting_approval or found.proposed is None:
            raise NotFound(f"No review waiting for approval with id '{review_id}'.")
        uow.plans.save(found.proposed)
        approved = replace(found, awaiting_approval=False, proposed=None)
        uow.reviews.update(approved)
    return approved


def mark_seen(ctx: Context, clinician: User, person_id: str) -> None:
    """The clinician has seen the client's alerts: they leave the caseload's top, messages
    count as read and the client's plan changes as seen."""
    open_record(ctx, clinician, person_id, "alerts marked seen", change=True)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        uow.alert_marks.set(person_id, now)
        uow.messages.mark_read(person_id, clinician.id, now)
        uow.plan_changes.mark_seen(person_id, ChangedBy.CLIENT, now)
