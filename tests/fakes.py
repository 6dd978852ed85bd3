"""Test doubles for ports that are not storage (storage is always tested for real)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

DEFAULT_NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test drives: ``now`` is settable, ``sleep`` advances time instantly.

    ``monotonic`` follows ``now`` (seconds since the clock was made, plus a fixed origin), so
    timers and wall time stay consistent; ``sleeps`` records every requested sleep.
    """

    def __init__(self, now: datetime = DEFAULT_NOW) -> None:
        if now.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware datetime")
        self._now = now
        self._origin = now
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware datetime")
        self._now = now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)

    def monotonic(self) -> float:
        return 1000.0 + (self._now - self._origin).total_seconds()

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.advance(max(0.0, seconds))

    def today(self) -> date:
        return self._now.date()
