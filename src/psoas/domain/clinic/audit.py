"""Which audit entries an admin asks for: a filter over the audit log, and one page of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from psoas.domain.clinic.accounts import AuditAction, AuditEntry


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Every field narrows the log; None leaves it open. ``since`` is inclusive, ``until``
    exclusive, both timezone-aware moments."""

    person_id: str | None = None
    actor_id: str | None = None
    action: AuditAction | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of matching entries, newest first, and how many match in all."""

    entries: tuple[AuditEntry, ...]
    total: int
    limit: int
    offset: int

    @property
    def has_previous(self) -> bool:
        return self.offset > 0

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.entries) < self.total

    @property
    def first_number(self) -> int:
        """1-based position of the first entry shown (0 when nothing is shown)."""
        return self.offset + 1 if self.entries else 0

    @property
    def last_number(self) -> int:
        return self.offset + len(self.entries)
