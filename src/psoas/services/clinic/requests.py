"""Treatment requests: a public form (rate-limited, with a honeypot field) and the clinic's
inbox with statuses, convertible into an invited client."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import timedelta

from psoas.domain.clinic.accounts import (
    AuditAction,
    RateLimited,
    RequestStatus,
    Role,
    TreatmentRequest,
    User,
)
from psoas.domain.errors import InvalidInput, InvalidValue, NotAllowed
from psoas.services.clinic.accounts import record
from psoas.services.clinic.invites import IssuedInvite, SentLink, email_link, invite_client
from psoas.services.context import Context
from psoas.services.ids import hashed_address, new_id

PER_HOUR = 5  # requests from one address in an hour
LIMITS = {"name": 200, "contact": 320, "concern": 2000}


def source_of(address: str) -> str:
    """The sender's address, hashed (the inbox never stores it in the clear)."""
    return hashed_address("request", address)


def submit(
    ctx: Context,
    *,
    name: str,
    contact: str,
    concern: str,
    consent: bool,
    honeypot: str,
    address: str,
) -> TreatmentRequest | None:
    """Store a request; a filled honeypot field (a bot) is quietly dropped (returns None)."""
    values = {"name": name.strip(), "contact": contact.strip(), "concern": concern.strip()}
    problems = [
        InvalidValue(field, f"must be 1-{LIMITS[field]} characters")
        for field, value in values.items()
        if not value or len(value) > LIMITS[field]
    ]
    if not consent:
        problems.append(InvalidValue("consent", "tick the box so the clinic may contact you"))
    if problems:
        raise InvalidInput(problems)
    if honeypot.strip():
        return None
    now = ctx.clock.now()
    source = source_of(address)
    with ctx.uow() as uow:
        if uow.treatment_requests.count_since(source, now - timedelta(hours=1)) >= PER_HOUR:
            raise RateLimited("Too many requests from here in the last hour. Please try later.")
        request = TreatmentRequest(new_id(), now, consent=True, source=source, **values)
        uow.treatment_requests.add(request)
    return request


def _staff(user: User) -> None:
    if user.role not in (Role.CLINICIAN, Role.ADMIN):
        raise NotAllowed("Only the clinic's staff read treatment requests.")


def inbox(ctx: Context, user: User) -> Sequence[TreatmentRequest]:
    _staff(user)
    with ctx.uow() as uow:
        found = uow.treatment_requests.list()
        record(uow, ctx, user, AuditAction.VIEWED, "treatment requests", detail=str(len(found)))
    return found


def set_status(ctx: Context, user: User, request_id: str, status: str) -> TreatmentRequest:
    _staff(user)
    if status not in {s.value for s in RequestStatus}:
        raise InvalidValue("status", "choose new, contacted, booked or closed")
    with ctx.uow() as uow:
        updated = replace(uow.treatment_requests.get(request_id), status=RequestStatus(status))
        uow.treatment_requests.update(updated)
        record(uow, ctx, user, AuditAction.CHANGED, f"treatment request {status}")
    return updated


def convert(ctx: Context, clinician: User, request_id: str, email: str) -> IssuedInvite:
    """Turn a request into an invited client of ``clinician`` (the request is marked booked)."""
    with ctx.uow() as uow:
        found = uow.treatment_requests.get(request_id)
    if found.user_id is not None:
        raise InvalidValue("request", "this request is already a client")
    issued = invite_client(ctx, clinician, email=email, display_name=found.name)
    with ctx.uow() as uow:
        converted = replace(found, user_id=issued.user.id, status=RequestStatus.BOOKED)
        uow.treatment_requests.update(converted)
    return issued


def convert_and_invite(
    ctx: Context, clinician: User, request_id: str, email: str, link_for: Callable[[str], str]
) -> tuple[IssuedInvite, SentLink]:
    """``convert``, then e-mail the invite link (``link_for`` turns the code into a link) when
    SMTP is configured."""
    issued = convert(ctx, clinician, request_id, email)
    link = link_for(issued.code)
    emailed = email_link(ctx, issued.user.email, "invite", link)
    return issued, SentLink(link, issued.user.email if emailed else "")
