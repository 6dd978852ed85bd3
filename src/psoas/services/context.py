"""What every service function receives first: the unit of work, the clock and the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from psoas.domain.exercises import Catalogue
from psoas.ports import Clock, UnitOfWork


@dataclass(frozen=True)
class Context:
    uow: Callable[[], UnitOfWork]  # a new transaction: ``with ctx.uow() as uow: ...``
    clock: Clock
    catalogue: Catalogue
    mode: str = "personal"  # "personal" (one default person) or "clinic" (many)
