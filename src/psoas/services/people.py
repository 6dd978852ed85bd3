"""People: the default person of personal mode, and the many people of clinic mode."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from zoneinfo import available_timezones

from psoas.domain.errors import InvalidValue
from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.records.people import Person, Preferences
from psoas.services.context import Context
from psoas.services.ids import new_id

DEFAULT_DISPLAY_NAME = "Me"
EVERYTHING_DELETED = "everything-deleted"  # marker: the last person's records were deleted
MAX_NAME_LENGTH = 200


def current_person(ctx: Context) -> Person:
    """Personal mode's one person: the first one stored, created on first use."""
    return current_person_or_new(ctx)[0]


def current_person_or_new(ctx: Context) -> tuple[Person, bool]:
    """Personal mode's one person, and True when a new, empty one was made because every
    record had been deleted (so the caller can say so; the very first use needs no word).

    Until the person chooses a time zone, theirs follows the machine's (``ctx.local_zone``),
    also for a database made before people had zones (they were all UTC then).
    """
    with ctx.uow() as uow:
        people = uow.people.list()
        if people:
            person = people[0]
            if not person.timezone_chosen and person.timezone != ctx.local_zone:
                person = replace(person, timezone=ctx.local_zone)
                uow.people.update(person)
            return person, False
        person = Person(
            id=new_id(),
            display_name=DEFAULT_DISPLAY_NAME,
            created_at=ctx.clock.now(),
            timezone=ctx.local_zone,
        )
        uow.people.add(person)
        return person, uow.markers.take(EVERYTHING_DELETED) is not None


def check_zone(name: str) -> str:
    """The IANA zone ``name`` (surrounding spaces removed); InvalidValue when it is unknown."""
    cleaned = name.strip()
    if cleaned not in zone_names():
        raise InvalidValue(
            "timezone",
            f"'{cleaned[:64]}' is not a known time zone; use a name such as Europe/Berlin",
        )
    return cleaned


@cache
def zone_names() -> frozenset[str]:
    """Every IANA zone name this machine knows (region/city names, and UTC)."""
    return frozenset(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")) | {
        "UTC"
    }


def set_timezone(ctx: Context, person_id: str, name: str) -> Person:
    """Set the person's time zone; from now on it stays as chosen."""
    zone = check_zone(name)
    with ctx.uow() as uow:
        person = replace(uow.people.get(person_id), timezone=zone, timezone_chosen=True)
        uow.people.update(person)
    return person


def get_person(ctx: Context, person_id: str) -> Person:
    """The person with ``person_id``; raises NotFound."""
    with ctx.uow() as uow:
        return uow.people.get(person_id)


def list_people(ctx: Context) -> Sequence[Person]:
    with ctx.uow() as uow:
        return uow.people.list()


def add_person(
    ctx: Context,
    display_name: str,
    *,
    timezone: str = "UTC",
    clinician_id: str | None = None,
    person_id: str | None = None,
) -> Person:
    """Create a person; the name must be 1-200 characters, the zone a known IANA name."""
    zone = check_zone(timezone)
    name = display_name.strip()
    if not name:
        raise InvalidValue("display_name", "must not be empty")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidValue("display_name", f"must be at most {MAX_NAME_LENGTH} characters")
    person = Person(
        id=person_id or new_id(),
        display_name=name,
        created_at=ctx.clock.now(),
        timezone=zone,
        clinician_id=clinician_id,
    )
    with ctx.uow() as uow:
        uow.people.add(person)
    return person


def delete_person(ctx: Context, person_id: str) -> None:
    """Remove the person and every record of theirs (one transaction)."""
    with ctx.uow() as uow:
        uow.people.delete(person_id)
        if not uow.people.list():
            uow.markers.set(EVERYTHING_DELETED, ctx.clock.now())
    if ctx.scrub is not None:
        ctx.scrub()


def get_preferences(ctx: Context, person_id: str) -> Preferences:
    """The person's preferences, or the defaults when none are saved yet."""
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.preferences.get(person_id) or Preferences()


def set_preferences(ctx: Context, person_id: str, preferences: Preferences) -> Preferences:
    """Validate and save the person's preferences."""
    preferences.validate()
    with ctx.uow() as uow:
        uow.people.get(person_id)
        uow.preferences.set(person_id, preferences)
    return preferences


def get_reminders(ctx: Context, person_id: str) -> BreakSettings:
    """The person's reminder settings, or the defaults (reminders off) when none are saved."""
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.reminders.get(person_id) or BreakSettings()


def set_reminders(ctx: Context, person_id: str, settings: BreakSettings) -> BreakSettings:
    """Validate and save the person's sitting-break and session reminder settings."""
    settings.validate()
    with ctx.uow() as uow:
        uow.people.get(person_id)
        uow.reminders.set(person_id, settings)
    return settings
