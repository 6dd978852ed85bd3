"""Invariants of the calendar and CSV exports over many generated plans and logs."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import time, timedelta

from export_samples import DTSTAMP, exercises, logs, plan
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from psoas.domain.records.session_logs import SetRecord, SetSide
from psoas.export.csv import session_logs_csv
from psoas.export.ical import plan_to_ics

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]


@settings(max_examples=25, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    minutes=st.integers(min_value=0, max_value=23 * 60 + 59),
    seconds=st.integers(min_value=1, max_value=3 * 3600),
    revision=st.integers(min_value=0, max_value=50),
)
def test_every_event_is_well_formed(zone, minutes, seconds, revision):
    chosen = plan(preferred=time(minutes // 60, minutes % 60))
    data = plan_to_ics(
        chosen,
        exercises(),
        tz=zone,
        dtstamp=DTSTAMP,
        estimate_seconds=lambda s: seconds,
        revision=revision,
    )
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == sum(1 for s in chosen.sessions() if s.kind != "rest")
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert end > start and end - start >= timedelta(seconds=seconds)
        assert event.decoded("DTSTAMP") == DTSTAMP and int(event["SEQUENCE"]) == revision


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.sampled_from(list(SetSide))), max_size=12))
def test_csv_has_one_row_per_set_and_side(sets):
    records = tuple(SetRecord("supine-marching", i, side, done_reps=5) for i, side in sets)
    first = replace(logs()[0], sets=records)
    rows = list(csv.DictReader(io.StringIO(session_logs_csv([first]).decode())))
    assert len(rows) == max(1, len(records))
    if records:
        assert [(int(r["set_index"]), r["side"]) for r in rows] == [(i, s.value) for i, s in sets]
