"""Clinic settings (every value checked at once, nothing applied when one is wrong) and the
caseload summary on the clinician's client list."""

from __future__ import annotations

from datetime import date

import pytest

from psoas.domain.clinic.caseload import ClientStatus, attention_reasons, caseload
from psoas.domain.clinic.settings import ClinicSettings, changed_fields, settings_from
from psoas.domain.errors import InvalidInput
from psoas.domain.progress.summary import Adherence, PainTrend

GOOD = [
    ({"name": "  Hip   & Back  Clinic "}, "name", "Hip & Back Clinic"),
    ({"contact": "0161 555 0101"}, "contact", "0161 555 0101"),
    (
        {"request_intro": "Open Mon-Fri.\r\n\r\nWe reply in 2 days."},
        "request_intro",
        "Open Mon-Fri.\n\nWe reply in 2 days.",
    ),
    ({"quiet_days": "14"}, "quiet_days", 14),
    ({"quiet_days": 2}, "quiet_days", 2),
    ({"quiet_days": 60}, "quiet_days", 60),
    ({"require_two_factor": "yes"}, "require_two_factor", True),
    ({"require_two_factor": True}, "require_two_factor", True),
    ({"require_two_factor": "no"}, "require_two_factor", False),
    ({"name": None}, "name", ""),
]


@pytest.mark.parametrize(("changes", "field", "expected"), GOOD)
def test_good_values_are_tidied_and_applied(changes, field, expected):
    after = settings_from(ClinicSettings(name="Old"), changes)
    assert getattr(after, field) == expected


BAD = [
    ({"quiet_days": "1"}, "quiet_days"),
    ({"quiet_days": 61}, "quiet_days"),
    ({"quiet_days": "seven"}, "quiet_days"),
    ({"quiet_days": "7.5"}, "quiet_days"),
    ({"quiet_days": True}, "quiet_days"),
    ({"quiet_days": None}, "quiet_days"),
    ({"name": "x" * 121}, "name"),
    ({"name": 12}, "name"),
    ({"contact": "c" * 301}, "contact"),
    ({"request_intro": "i" * 1001}, "request_intro"),
    ({"request_intro": "bell\x07"}, "request_intro"),
    ({"require_two_factor": "maybe"}, "require_two_factor"),
    ({"require_two_factor": None}, "require_two_factor"),
    ({"colour": "green"}, "colour"),
]


@pytest.mark.parametrize(("changes", "field"), BAD)
def test_bad_values_name_their_field(changes, field):
    with pytest.raises(InvalidInput) as caught:
        settings_from(ClinicSettings(), changes)
    assert [p.field for p in caught.value.problems] == [field]


def test_every_problem_is_reported_at_once_and_nothing_applies():
    with pytest.raises(InvalidInput) as caught:
        settings_from(ClinicSettings(), {"name": "Fine", "quiet_days": 0, "contact": "c" * 400})
    assert {p.field for p in caught.value.problems} == {"quiet_days", "contact"}


def test_changed_fields_lists_only_what_differs():
    before = ClinicSettings(name="A", quiet_days=7)
    after = settings_from(before, {"name": "A", "quiet_days": 10, "contact": "x"})
    assert changed_fields(before, after) == ["contact", "quiet_days"]
    assert ClinicSettings().display_name == "the clinic"
    assert ClinicSettings(name="Hip Lab").display_name == "Hip Lab"


@pytest.mark.parametrize(("quiet_days", "flagged"), [(3, True), (4, True), (5, False), (7, False)])
def test_quiet_days_decides_no_activity(quiet_days, flagged):
    empty = Adherence(label="x", planned=0, done=0, partial=0)
    reasons = attention_reasons(
        today=date(2026, 11, 21),
        triage=None,
        has_assessment=True,
        plan=None,
        pain=None,
        recent=empty,
        earlier=empty,
        last_activity=date(2026, 11, 17),  # 4 days ago
        started=date(2026, 10, 1),
        quiet_days=quiet_days,
    )
    assert ("no activity" in reasons) is flagged


def _status(name: str, planned: int, done: int, direction: str | None, *reasons: str):  # type: ignore[no-untyped-def]
    pain = None if direction is None else PainTrend((), 4.0, 2.0, -2.0, 2.0, direction, "")
    return ClientStatus(
        person_id=name,
        display_name=name,
        triage=None,
        profile=None,
        adherence=Adherence(label="last 2 weeks", planned=planned, done=done, partial=0),
        pain=pain,
        last_activity=None,
        reasons=reasons,
    )


def test_caseload_counts_bands_pain_and_the_median():
    statuses = [
        _status("a", 10, 9, "better"),  # 90 %
        _status("b", 10, 8, "worse", "pain rising"),  # 80 %: the top band's edge
        _status("c", 10, 5, None, "red flag"),  # 50 %
        _status("d", 10, 2, "no meaningful change", "adherence falling", "plan stopped"),  # 20 %
        _status("e", 0, 0, None, "no assessment yet"),  # nothing planned
    ]
    summary = caseload(statuses)
    assert (summary.clients, summary.needing_attention, summary.urgent) == (5, 4, 2)
    assert summary.median_adherence == 65  # of 90, 80, 50, 20
    assert dict(summary.adherence) == {
        "80 % or more": 2,
        "50 to 79 %": 1,
        "under 50 %": 1,
        "nothing planned": 1,
    }
    assert dict(summary.pain) == {
        "better": 1,
        "no meaningful change": 1,
        "worse": 1,
        "not enough data": 2,
    }
    empty = caseload([])
    assert (empty.clients, empty.median_adherence) == (0, None)
    assert caseload(statuses[:3]).median_adherence == 80
