"""What every service function receives first: the unit of work, the clock and the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from psoas.domain.catalogue.exercises import Catalogue
from psoas.domain.habits.checklist import Habit
from psoas.domain.screening.questions import Questionnaire
from psoas.domain.screening.rules import RuleSet
from psoas.ports import Clock, UnitOfWork
from psoas.service_ports import CommonPasswords, Mailer, PasswordHasher, TwoFactor


@dataclass(frozen=True)
class Context:
    uow: Callable[[], UnitOfWork]  # a new transaction: ``with ctx.uow() as uow: ...``
    clock: Clock
    catalogue: Catalogue
    mode: str = "personal"  # "personal" (one default person) or "clinic" (many)
    local_zone: str = "UTC"  # the machine's IANA time zone (personal mode's default for a person)
    questionnaire: Questionnaire | None = None  # the screening questions (bootstrap loads them)
    rules: RuleSet | None = None  # the screening rules (bootstrap loads them)
    habits: tuple[Habit, ...] = ()  # the daily habit checklist (bootstrap loads it)
    hasher: PasswordHasher | None = None  # clinic mode: bootstrap gives argon2
    two_factor: TwoFactor | None = None  # clinic mode: bootstrap gives TOTP
    common_passwords: CommonPasswords | None = None  # bootstrap gives zxcvbn's list
    scrub: Callable[[], None] | None = None  # after a deletion: leave no readable copy on disk
    mailer: Mailer | None = None  # clinic mode: SMTP when PSOAS_SMTP_URL is set
