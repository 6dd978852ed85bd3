"""Progress charts as files a person can share: hand-built SVG (with a text alternative) and PNG.

The SVG functions build the markup themselves (no plotting library), so the web app can embed
them server-side; each has a <title> and a <desc> saying in words what the chart shows. The PNG
comes from matplotlib's object API on the Agg canvas (no pyplot, no display needed).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from psoas.domain.progress.summary import PainPoint, ProgressSummary, WeekAdherence, meaningful_drop

INK, MUTED, GRID = "#1f2933", "#616e7c", "#d9dee3"
LINE, DONE, PLANNED, BAND = "#1f5e8c", "#2e8b57", "#c9d3dc", "#fbe7c6"
FONT = "font-family='DejaVu Sans, Arial, sans-serif'"
MARGIN = {"left": 48, "right": 16, "top": 40, "bottom": 44}


def _svg_open(width: int, height: int, title: str, desc: str, ident: str) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}' role='img' "
        f"aria-labelledby='{ident}-title {ident}-desc' {FONT}>"
        f"<title id='{ident}-title'>{escape(title)}</title>"
        f"<desc id='{ident}-desc'>{escape(desc)}</desc>"
        f"<rect width='{width}' height='{height}' fill='white'/>"
    )


def _day_label(day: date) -> str:
    return f"{day.day} {day:%b}"


def _x_positions(days: Sequence[date], left: float, width: float) -> dict[date, float]:
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    return {d: left + width * (d - first).days / span for d in days}


def pain_description(points: Sequence[PainPoint]) -> str:
    if not points:
        return "No pain has been recorded yet."
    first, last = points[0], points[-1]
    if len(points) == 1:
        return f"One pain reading: {first.value:g} out of 10 on {first.day.isoformat()}."
    drop = meaningful_drop(first.value)
    return (
        f"Pain on a 0 to 10 scale from {first.day.isoformat()} to {last.day.isoformat()}: "
        f"{first.value:g} at the start and {last.value:g} at the latest of {len(points)} days. "
        f"The shaded band is the change too small to count; a drop of {drop:g} points or more "
        "(2 points or 30 %, Farrar 2001, Ostelo 2008) is a meaningful improvement."
    )


def pain_chart_svg(
    points: Sequence[PainPoint],
    *,
    width: int = 640,
    height: int = 320,
    title: str = "Pain over time (0-10)",
    ident: str = "pain",
) -> str:
    """A line chart of daily pain with the baseline and the meaningful-change band."""
    out = [_svg_open(width, height, title, pain_description(points), ident)]
    left, top = MARGIN["left"], MARGIN["top"]
    w = width - left - MARGIN["right"]
    h = height - top - MARGIN["bottom"]

    def y(value: float) -> float:
        return top + h - h * value / 10

    out.append(f"<text x='{left}' y='22' font-size='15' fill='{INK}'>{escape(title)}</text>")
    if points:
        out.append(
            f"<rect x='{left + w - 190}' y='11' width='14' height='12' fill='{BAND}'/>"
            f"<text x='{left + w - 170}' y='21' font-size='11' fill='{MUTED}'>"
            "change too small to count</text>"
        )
        baseline = points[0].value
        low = max(0.0, baseline - meaningful_drop(baseline))
        out.append(
            f"<rect x='{left}' y='{y(baseline):.1f}' width='{w}' height='{y(low) - y(baseline):.1f}' "
            f"fill='{BAND}'><title>Change too small to count</title></rect>"
        )
        out.append(
            f"<line x1='{left}' x2='{left + w}' y1='{y(baseline):.1f}' y2='{y(baseline):.1f}' "
            f"stroke='{MUTED}' stroke-dasharray='5 4'/>"
            f"<text x='{left + w - 4}' y='{y(baseline) - 4:.1f}' font-size='10' fill='{MUTED}' "
            f"text-anchor='end'>start {baseline:g}</text>"
        )
    for tick in range(0, 11, 2):
        out.append(
            f"<line x1='{left}' x2='{left + w}' y1='{y(tick):.1f}' y2='{y(tick):.1f}' stroke='{GRID}'/>"
            f"<text x='{left - 6}' y='{y(tick) + 4:.1f}' font-size='11' fill='{MUTED}' "
            f"text-anchor='end'>{tick}</text>"
        )
    out.append(_axis_titles(left, top, w, h, "Pain (0-10)", "Date"))
    if points:
        xs = _x_positions([p.day for p in points], left + 6, w - 12)
        path = " ".join(f"{xs[p.day]:.1f},{y(p.value):.1f}" for p in points)
        out.append(f"<polyline points='{path}' fill='none' stroke='{LINE}' stroke-width='2.5'/>")
        for p in points:
            out.append(
                f"<circle cx='{xs[p.day]:.1f}' cy='{y(p.value):.1f}' r='3.5' fill='{LINE}'>"
                f"<title>{p.day.isoformat()}: {p.value:g}</title></circle>"
            )
        out += _date_labels(xs, top + h + 16)
    out.append("</svg>")
    return "".join(out)


def _axis_titles(left: float, top: float, w: float, h: float, y_title: str, x_title: str) -> str:
    return (
        f"<line x1='{left}' x2='{left + w}' y1='{top + h}' y2='{top + h}' stroke='{MUTED}'/>"
        f"<line x1='{left}' x2='{left}' y1='{top}' y2='{top + h}' stroke='{MUTED}'/>"
        f"<text transform='translate(14 {top + h / 2:.1f}) rotate(-90)' font-size='11' "
        f"fill='{MUTED}' text-anchor='middle'>{escape(y_title)}</text>"
        f"<text x='{left + w / 2:.1f}' y='{top + h + 36}' font-size='11' fill='{MUTED}' "
        f"text-anchor='middle'>{escape(x_title)}</text>"
    )


def _date_labels(xs: dict[date, float], baseline_y: float, most: int = 6) -> list[str]:
    days = sorted(xs)
    step = max(1, -(-len(days) // most))
    chosen = days[::step]
    if days[-1] not in chosen:
        chosen[-1] = days[-1]
    anchors = {d: "middle" for d in chosen}
    if len(chosen) > 1:
        anchors[chosen[0]], anchors[chosen[-1]] = "start", "end"
    return [
        f"<text x='{xs[d]:.1f}' y='{baseline_y:.1f}' font-size='11' fill='{MUTED}' "
        f"text-anchor='{anchors[d]}'>{_day_label(d)}</text>"
        for d in chosen
    ]


def adherence_description(weeks: Sequence[WeekAdherence]) -> str:
    if not weeks:
        return "No sessions were planned yet."
    parts = [f"week of {w.week_start.isoformat()}: {w.done} of {w.planned}" for w in weeks]
    return "Planned sessions done per week, " + "; ".join(parts) + "."


def adherence_chart_svg(
    weeks: Sequence[WeekAdherence],
    *,
    width: int = 640,
    height: int = 280,
    title: str = "Sessions done per week",
    ident: str = "adherence",
) -> str:
    """Bars per week: planned (light) with done (dark) in front."""
    out = [_svg_open(width, height, title, adherence_description(weeks), ident)]
    left, top = MARGIN["left"], MARGIN["top"]
    w = width - left - MARGIN["right"]
    h = height - top - MARGIN["bottom"]
    most = max([wk.planned for wk in weeks] + [1])
    out.append(f"<text x='{left}' y='22' font-size='15' fill='{INK}'>{escape(title)}</text>")
    for tick in range(0, most + 1, max(1, most // 4)):
        ty = top + h - h * tick / most
        out.append(
            f"<line x1='{left}' x2='{left + w}' y1='{ty:.1f}' y2='{ty:.1f}' stroke='{GRID}'/>"
            f"<text x='{left - 6}' y='{ty + 4:.1f}' font-size='11' fill='{MUTED}' "
            f"text-anchor='end'>{tick}</text>"
        )
    out.append(_axis_titles(left, top, w, h, "Sessions", "Week starting"))
    slot = w / max(1, len(weeks))
    bar = min(48.0, slot * 0.6)
    for i, wk in enumerate(weeks):
        x = left + slot * i + (slot - bar) / 2
        for value, colour in ((wk.planned, PLANNED), (wk.done, DONE)):
            bh = h * value / most
            out.append(
                f"<rect x='{x:.1f}' y='{top + h - bh:.1f}' width='{bar:.1f}' height='{bh:.1f}' "
                f"fill='{colour}'><title>{_day_label(wk.week_start)}: {wk.done} of {wk.planned}"
                "</title></rect>"
            )
        out.append(
            f"<text x='{x + bar / 2:.1f}' y='{top + h + 16}' font-size='11' fill='{MUTED}' "
            f"text-anchor='middle'>{_day_label(wk.week_start)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def progress_chart_svg(summary: ProgressSummary, width: int = 720, height: int = 640) -> str:
    """Both charts in one image for sharing: pain on top, weekly sessions below."""
    pain_h = round(height * 0.53)
    desc = pain_description(summary.pain.points) + " " + adherence_description(summary.weeks)
    title = f"psoas progress up to {summary.today.isoformat()}"
    pain = pain_chart_svg(summary.pain.points, width=width, height=pain_h, ident="p-pain")
    bars = adherence_chart_svg(summary.weeks, width=width, height=height - pain_h, ident="p-week")
    return (
        _svg_open(width, height, title, desc, "progress")
        + pain.replace("<svg ", "<svg x='0' y='0' ", 1)
        + bars.replace("<svg ", f"<svg x='0' y='{pain_h}' ", 1)
        + "</svg>"
    )


def progress_chart_png(summary: ProgressSummary, width: int = 1200, height: int = 900) -> bytes:
    """The same two charts as a PNG of exactly ``width`` x ``height`` pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    dpi = 100
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    pain_ax, week_ax = fig.subplots(2, 1, gridspec_kw={"height_ratios": [3, 2]})
    fig.suptitle(f"psoas progress up to {summary.today.isoformat()}", fontsize=14)
    _plot_pain(pain_ax, summary.pain.points)
    _plot_weeks(week_ax, summary.weeks)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _plot_pain(ax, points: Sequence[PainPoint]) -> None:
    from matplotlib.dates import DateFormatter

    ax.set_title("Pain (0-10): a drop of 2 points or 30 % counts (Farrar 2001; Ostelo 2008)")
    ax.set_ylim(0, 10)
    ax.set_ylabel("Pain (0-10)")
    ax.set_xlabel("Date")
    ax.grid(True, color=GRID)
    if not points:
        ax.text(0.5, 0.5, "No pain recorded yet", ha="center", transform=ax.transAxes)
        return
    days = [p.day for p in points]
    baseline = points[0].value
    low = max(0.0, baseline - meaningful_drop(baseline))
    ax.axhspan(low, baseline, color=BAND, label="change too small to count")
    ax.axhline(baseline, color=MUTED, linestyle="--", label=f"start ({baseline:g})")
    ax.plot(days, [p.value for p in points], marker="o", color=LINE, label="pain")
    ax.legend(loc="upper right", fontsize=9)
    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
    ax.tick_params(axis="x", labelrotation=30)


def _plot_weeks(ax, weeks: Sequence[WeekAdherence]) -> None:
    ax.set_title("Planned sessions done per week")
    ax.set_ylabel("Sessions")
    ax.set_xlabel("Week starting")
    if not weeks:
        ax.text(0.5, 0.5, "No sessions planned yet", ha="center", transform=ax.transAxes)
        return
    labels = [_day_label(w.week_start) for w in weeks]
    ax.bar(labels, [w.planned for w in weeks], color=PLANNED, label="planned")
    ax.bar(labels, [w.done for w in weeks], color=DONE, width=0.5, label="done")
    ax.legend(loc="upper right", fontsize=9)
