"""How the converter builds objects: slotted dataclasses get their fields stored straight into
their slots only when their ``__init__`` would do nothing else; a ``__post_init__``, a
hand-written ``__init__``, a field left out of ``__init__`` or a keyword-only field are still
honoured, and missing keys get their defaults or are named."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from tests import factories as f

from psoas.domain.errors import InvalidValue
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.serial import from_primitive, to_primitive


@dataclass(frozen=True, slots=True)
class Plain:
    name: str
    count: int = 2
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Checked:
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise InvalidValue("low", "must not be above high")


@dataclass(frozen=True, slots=True)
class HandWritten:
    name: str

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "name", name.upper())


@dataclass(frozen=True, slots=True)
class Derived:
    name: str
    size: int = field(init=False, default=0)


@dataclass(frozen=True, slots=True, kw_only=True)
class KeywordOnly:
    name: str
    count: int = 1


@dataclass(frozen=True)
class NoSlots:
    name: str
    count: int = 3


def test_a_plain_slotted_record_equals_one_built_by_its_init():
    built = from_primitive(Plain, {"name": "a", "count": 5, "tags": ["x", "y"]})
    assert built == Plain("a", 5, ("x", "y")) and hash(built) == hash(Plain("a", 5, ("x", "y")))
    assert from_primitive(Plain, {"name": "b"}) == Plain("b")  # defaults for missing keys
    with pytest.raises(AttributeError):
        built.name = "changed"  # type: ignore[misc]  # still frozen


def test_post_init_still_checks():
    assert from_primitive(Checked, {"low": 1, "high": 2}) == Checked(1, 2)
    with pytest.raises(InvalidValue, match="must not be above high"):
        from_primitive(Checked, {"low": 3, "high": 2})


def test_a_hand_written_init_is_called():
    assert from_primitive(HandWritten, {"name": "quiet"}).name == "QUIET"


def test_fields_outside_init_keyword_only_fields_and_plain_classes():
    assert from_primitive(Derived, {"name": "d"}).size == 0
    assert from_primitive(KeywordOnly, {"name": "k", "count": 4}) == KeywordOnly(name="k", count=4)
    assert from_primitive(NoSlots, {"name": "n"}) == NoSlots("n", 3)


def test_a_missing_required_key_and_a_bad_nested_value_are_named():
    with pytest.raises(InvalidValue, match=r"Plain\.name"):
        from_primitive(Plain, {"count": 1})
    with pytest.raises(InvalidValue, match=r"Plain\.tags\[1\]"):
        from_primitive(Plain, {"name": "a", "tags": ["x", 3]})


def test_stored_records_come_back_equal_and_usable():
    log = f.session_log("p1", pain_after=None, next_morning_pain=4)
    back = from_primitive(SessionLog, to_primitive(log))
    assert back == log and back.duration_seconds == log.duration_seconds
    plan = f.plan("p1", weeks=2)
    again = from_primitive(type(plan), to_primitive(plan))
    assert again == plan and again.sessions() == plan.sessions()
