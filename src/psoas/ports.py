"""Interfaces (typing.Protocol) the services use; storage and clocks implement them.

Adapters satisfy these structurally, so they need not import this module.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    """Time comes in through a port so tests drive timers and 'today' with a fake clock."""

    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin, never going backwards (for timers)."""
        ...

    def sleep(self, seconds: float) -> None: ...

    def today(self) -> date: ...
