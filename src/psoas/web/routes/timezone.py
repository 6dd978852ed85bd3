"""The person's time zone: a section of the settings page, and its JSON twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from psoas.services import people
from psoas.web.deps import context_of, person_id

router = APIRouter(tags=["settings"])


def timezone_section(request: Request) -> dict[str, Any]:
    """What the settings page needs for its Time zone section."""
    person = people.get_person(context_of(request), person_id(request))
    return {
        "zone": {"name": person.timezone, "chosen": person.timezone_chosen},
        "zone_names": sorted(people.zone_names()),
        "zone_error": "",
    }


class TimezoneIn(BaseModel):
    timezone: str = Field(max_length=64, description="an IANA name such as Europe/Berlin")


class TimezoneOut(BaseModel):
    timezone: str
    chosen: bool = Field(description="false: it follows this computer's zone (personal mode)")


@router.get("/api/settings/timezone", response_model=TimezoneOut)
def get_timezone(request: Request) -> Any:
    """The person's time zone: every date and time they see is in it."""
    person = people.get_person(context_of(request), person_id(request))
    return {"timezone": person.timezone, "chosen": person.timezone_chosen}


@router.put("/api/settings/timezone", response_model=TimezoneOut)
def put_timezone(request: Request, body: TimezoneIn) -> Any:
    """Set the person's time zone (an IANA name); 422 naming the field when it is unknown."""
    person = people.set_timezone(context_of(request), person_id(request), body.timezone)
    return {"timezone": person.timezone, "chosen": person.timezone_chosen}
