"""One person's clock: the shared clock read in that person's time zone (issue 16).

In clinic mode one server serves clients in many zones. A client's own pages read "today" and
"now" from a ``ZonedClock`` over the server's clock, so a client in Auckland sees their own
date even while it is still yesterday in UTC. Timers (``monotonic``, ``sleep``) are the shared
clock's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from psoas.ports import Clock
from psoas.services.context import Context


class ZonedClock:
    def __init__(self, clock: Clock, zone: ZoneInfo) -> None:
        self.base = clock
        self.zone = zone

    def now(self) -> datetime:
        return self.base.now().astimezone(self.zone)

    def monotonic(self) -> float:
        return self.base.monotonic()

    def sleep(self, seconds: float) -> None:
        self.base.sleep(seconds)

    def today(self) -> date:
        return self.now().date()


def person_context(ctx: Context, person_id: str) -> Context:
    """``ctx`` with a clock in the person's own zone (unchanged when the person or the zone
    cannot be found: the server's zone is the safe fallback)."""
    with ctx.uow() as uow:
        person = uow.people.find(person_id)
    name = person.timezone if person is not None else ""
    try:
        zone = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    if zone is None:
        return ctx
    base = ctx.clock.base if isinstance(ctx.clock, ZonedClock) else ctx.clock
    return replace(ctx, clock=ZonedClock(base, zone))
