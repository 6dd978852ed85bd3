"""Charts are kept by their whole input: the same records give the kept drawing, and any changed
point, word or bound gives a new drawing equal to one made afresh (never the kept one)."""

from __future__ import annotations

from datetime import date, timedelta

from psoas.web import charts
from psoas.web.charts import Line, bar_chart, line_chart

DAYS = [date(2026, 1, 1) + timedelta(days=n) for n in range(200)]


def _chart(values: list[float], **words: str) -> str:
    lines = [Line("Pain", tuple(zip(DAYS, values, strict=False)), "series-pain")]
    return line_chart(lines, title=words.get("title", "Pain"), description="d", low=0, high=10)


def _fresh(values: list[float]) -> str:
    lines = (Line("Pain", tuple(zip(DAYS, values, strict=False)), "series-pain"),)
    return charts._line_chart.__wrapped__(lines, "Pain", "d", 0, 10, False, None, ())


def test_the_same_records_give_the_kept_drawing():
    values = [float(n % 7) for n in range(200)]
    first = _chart(values)
    assert _chart(list(values)) is first  # equal input, kept drawing
    assert first == _fresh(values)


def test_a_changed_point_or_word_draws_afresh():
    values = [float(n % 7) for n in range(200)]
    kept = _chart(values)
    changed = [*values[:-1], 10.0]  # the last reading rises
    drawn = _chart(changed)
    assert drawn != kept and drawn == _fresh(changed)
    assert _chart(values, title="Other") != kept
    assert _chart(values) is kept  # the first still has its own


def test_bar_charts_are_kept_by_their_weeks_too():
    weeks = [(DAYS[7 * n], 3, n % 4) for n in range(12)]
    first = bar_chart(weeks, title="t", description="d")
    assert bar_chart(list(weeks), title="t", description="d") is first
    other = bar_chart([*weeks[:-1], (DAYS[77], 3, 0)], title="t", description="d")
    assert other != first and 'height="' in other
