"""Invites for new clients and password-reset links: random, single use, expiring."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from psoas.domain.clinic.accounts import (
    INVITE_LIFETIME,
    RESET_LIFETIME,
    AuditAction,
    Invite,
    PasswordReset,
    Role,
    User,
    can_issue_reset,
)
from psoas.domain.errors import InvalidValue, NotAllowed, NotFound
from psoas.domain.records.people import Person
from psoas.ports import UnitOfWork
from psoas.services.clinic.accounts import (
    check_email,
    check_name,
    check_password,
    hasher,
    list_accounts,
    new_token,
    record,
    token_hash,
)
from psoas.services.clinic.login_limits import forget_email
from psoas.services.context import Context
from psoas.services.ids import new_id
from psoas.services.people import zone_names

SPENT = "This link was already used or has expired. Ask your clinic for a new one."


@dataclass(frozen=True)
class IssuedInvite:
    user: User
    person: Person
    code: str  # shown once to the clinician; only its hash is stored


def invite_client(
    ctx: Context, clinician: User, *, email: str, display_name: str, person_id: str | None = None
) -> IssuedInvite:
    """A client account (and person, unless an existing client's ``person_id`` is given) with
    an invite code the client uses to set their password."""
    if clinician.role is not Role.CLINICIAN:
        raise NotAllowed("Only a clinician can invite clients.")
    now = ctx.clock.now()
    code = new_token()
    with ctx.uow() as uow:
        pending = _pending_client(uow, clinician, check_email(email))
    if pending is not None and pending.person_id:  # the same person again: a fresh link
        return reissue_invite(ctx, clinician, pending.person_id)
    with ctx.uow() as uow:
        if person_id is None:
            person = Person(
                id=new_id(),
                display_name=check_name(display_name),
                created_at=now,
                timezone=ctx.local_zone,
                clinician_id=clinician.id,
            )
            uow.people.add(person)
        else:
            person = uow.people.get(person_id)
            if person.clinician_id != clinician.id or uow.users.find_by_person(person_id):
                raise NotFound(f"No client of yours without an account has id '{person_id}'.")
        user = User(
            id=new_id(),
            email=check_email(email),
            role=Role.CLIENT,
            display_name=person.display_name,
            created_at=now,
            person_id=person.id,
        )
        uow.users.add(user)
        invite = Invite(token_hash(code), user.id, clinician.id, now, now + INVITE_LIFETIME)
        uow.invites.add_invite(invite)
        record(uow, ctx, clinician, AuditAction.CHANGED, "client invited", person.id, user.email)
    return IssuedInvite(user, person, code)


def _pending_client(uow: UnitOfWork, clinician: User, email: str) -> User | None:
    """This clinician's client with ``email`` who has not set a password yet."""
    found = uow.users.find_by_email(email)
    if found is None or found.role is not Role.CLIENT or found.password_hash:
        return None
    person = uow.people.find(found.person_id) if found.person_id else None
    return found if person is not None and person.clinician_id == clinician.id else None


def reissue_invite(ctx: Context, clinician: User, person_id: str) -> IssuedInvite:
    """A new invite link for a client who has not accepted theirs; earlier links stop working."""
    now = ctx.clock.now()
    code = new_token()
    with ctx.uow() as uow:
        person = uow.people.find(person_id)
        user = uow.users.find_by_person(person_id) if person else None
        if person is None or person.clinician_id != clinician.id or user is None:
            raise NotFound(f"No client of yours with an invite has id '{person_id}'.")
        if user.password_hash:
            raise InvalidValue("invite", "This client has already set a password.")
        uow.invites.spend_invites_of(user.id, now)
        uow.invites.add_invite(
            Invite(token_hash(code), user.id, clinician.id, now, now + INVITE_LIFETIME)
        )
        record(uow, ctx, clinician, AuditAction.CHANGED, "invite re-issued", person.id, user.email)
    return IssuedInvite(user, person, code)


def invite_staff(
    ctx: Context, admin: User, *, email: str, role: Role, display_name: str
) -> tuple[User, str]:
    """A staff account without a password and an invite link to set their own."""
    if admin.role is not Role.ADMIN:
        raise NotAllowed("Only an admin can create accounts here.")
    if role not in (Role.ADMIN, Role.CLINICIAN):
        raise InvalidValue("role", "choose admin or clinician; clinicians invite clients")
    now = ctx.clock.now()
    code = new_token()
    user = User(
        id=new_id(),
        email=check_email(email),
        role=role,
        display_name=check_name(display_name),
        created_at=now,
    )
    with ctx.uow() as uow:
        uow.users.add(user)
        uow.invites.add_invite(
            Invite(token_hash(code), user.id, admin.id, now, now + INVITE_LIFETIME)
        )
        record(uow, ctx, admin, AuditAction.ACCOUNT, f"invited {role.value} {user.email}")
    return user, code


def invite_for(ctx: Context, code: str) -> User:
    """The account an unused, unexpired invite belongs to; NotFound otherwise."""
    with ctx.uow() as uow:
        invite = uow.invites.find_invite(token_hash(code)) if code else None
        if invite is None or not invite.usable(ctx.clock.now()):
            raise NotFound(SPENT)
        return uow.users.get(invite.user_id)


def accept_invite(ctx: Context, code: str, password: str, *, timezone: str = "") -> User:
    """Set the client's first password; the invite cannot be used again.

    ``timezone`` is the browser's IANA zone, sent by the page; it becomes the client's zone
    (they can change it in their settings). An empty or unknown one keeps the clinic's zone.
    """
    password_hash = hasher(ctx).hash(check_password(password, ctx.common_passwords))
    now = ctx.clock.now()
    with ctx.uow() as uow:
        invite = uow.invites.find_invite(token_hash(code)) if code else None
        if invite is None or not invite.usable(now) or not uow.invites.use_invite(invite.id, now):
            raise NotFound(SPENT)
        user = replace(uow.users.get(invite.user_id), password_hash=password_hash)
        uow.users.update(user)
        if user.person_id and timezone.strip() in zone_names():
            person = uow.people.get(user.person_id)
            zone = timezone.strip()
            uow.people.update(replace(person, timezone=zone, timezone_chosen=True))
        record(uow, ctx, user, AuditAction.ACCOUNT, "invite accepted", user.person_id)
    return user


def issue_reset(ctx: Context, actor: User, user_id: str) -> str:
    """A reset token for ``user_id``; only an admin or the client's own clinician may ask."""
    now = ctx.clock.now()
    token = new_token()
    with ctx.uow() as uow:
        target = uow.users.get(user_id)
        person = uow.people.find(target.person_id) if target.person_id else None
        if not can_issue_reset(actor, target, person):
            raise NotFound(f"No account you may reset has id '{user_id}'.")
        reset = PasswordReset(token_hash(token), target.id, actor.id, now, now + RESET_LIFETIME)
        uow.invites.add_reset(reset)
        record(uow, ctx, actor, AuditAction.ACCOUNT, f"reset link for {target.email}")
    return token


def reset_for(ctx: Context, token: str) -> User:
    with ctx.uow() as uow:
        reset = uow.invites.find_reset(token_hash(token)) if token else None
        if reset is None or not reset.usable(ctx.clock.now()):
            raise NotFound(SPENT)
        return uow.users.get(reset.user_id)


def use_reset(ctx: Context, token: str, password: str) -> User:
    """Set a new password, unlock the account and end all its sessions."""
    password_hash = hasher(ctx).hash(check_password(password, ctx.common_passwords))
    now = ctx.clock.now()
    with ctx.uow() as uow:
        reset = uow.invites.find_reset(token_hash(token)) if token else None
        if reset is None or not reset.usable(now) or not uow.invites.use_reset(reset.id, now):
            raise NotFound(SPENT)
        user = replace(
            uow.users.get(reset.user_id),
            password_hash=password_hash,
            failed_logins=0,
            locked_until=None,
        )
        uow.users.update(user)
        forget_email(uow, user.email, now)  # the backstop on its e-mail ends too
        uow.auth_sessions.delete_for_user(user.id)
        record(uow, ctx, user, AuditAction.ACCOUNT, "password reset")
    return user


def email_link(ctx: Context, to: str, kind: str, link: str) -> bool:
    """E-mail an invite or reset link when SMTP is configured; False when it is not sent."""
    if ctx.mailer is None:
        return False
    if kind == "invite":
        subject = "Your invitation to psoas"
        body = f"Your clinic invites you to psoas. Open this link to set your password:\n\n{link}\n"
        body += "\nThe link works once and for 7 days."
    else:
        subject = "Reset your psoas password"
        body = f"Open this link to choose a new password:\n\n{link}\n"
        body += (
            "\nThe link works once and for 24 hours. If you did not ask for it, tell your clinic."
        )
    return ctx.mailer.send(to, subject, body)


@dataclass(frozen=True)
class SentLink:
    link: str  # shown once on the page that asked for it
    emailed_to: str  # "" when no e-mail went out (SMTP not set up)


def send_reset(ctx: Context, actor: User, user_id: str, link_for: Callable[[str], str]) -> SentLink:
    """Issue a reset link for ``user_id`` (``link_for`` turns the token into a link) and
    e-mail it to the account when SMTP is configured."""
    link = link_for(issue_reset(ctx, actor, user_id))
    email = next((u.email for u in list_accounts(ctx) if u.id == user_id), "")
    return SentLink(link, email if email_link(ctx, email, "reset", link) else "")
