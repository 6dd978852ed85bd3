"""The clinic's settings: anyone may read them (the public request page shows the name and
contact line); only an admin changes them, and every change is written to the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from psoas.domain.clinic.accounts import AuditAction, Role, User
from psoas.domain.clinic.settings import ClinicSettings, changed_fields, settings_from
from psoas.domain.errors import InvalidValue, NotAllowed
from psoas.services.clinic.accounts import record
from psoas.services.context import Context


def current(ctx: Context) -> ClinicSettings:
    with ctx.uow() as uow:
        return uow.clinic_settings.get()


def update(ctx: Context, admin: User | None, changes: Mapping[str, Any]) -> ClinicSettings:
    """Apply ``changes`` (checked all at once; nothing is saved if one is wrong).

    ``admin`` is None for the server's operator at the command line (``psoas clinic set``).
    """
    if admin is not None and admin.role is not Role.ADMIN:
        raise NotAllowed("Only an admin can change the clinic's settings.")
    with ctx.uow() as uow:
        before = uow.clinic_settings.get()
        after = settings_from(before, changes)
        turning_on = after.require_two_factor and not before.require_two_factor
        if turning_on and admin is not None and not admin.totp_secret:
            raise InvalidValue(
                "require_two_factor",
                "turn on two-factor log-in for your own account first (under My account)",
            )
        names = changed_fields(before, after)
        if names:
            uow.clinic_settings.set(after)
            record(uow, ctx, admin, AuditAction.ACCOUNT, "clinic settings", detail=", ".join(names))
    return after


def needs_two_factor_setup(settings: ClinicSettings, user: User) -> bool:
    """A clinician or admin who must turn on two-factor before opening anything else."""
    return (
        settings.require_two_factor
        and user.role in (Role.ADMIN, Role.CLINICIAN)
        and user.totp_secret is None
    )
