"""Server-rendered SVG charts with the same data as a table beside them (no script, strict-CSP safe).

Every chart is a ``Chart``: a title, an SVG (``role="img"`` named by its own ``<title>`` and described
by ``<desc>``), and the headers and already formatted rows of the data table that
``templates/kpi/_chart.html`` renders next to it. The SVG uses presentation attributes and classes
(styled in ``static/css/kpi.css``), never ``style=""``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

Number = Decimal | int | float

WIDTH = 640
BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 210
VALUE_WIDTH = 110
LINE_HEIGHT = 260
MARGIN_LEFT = 72
MARGIN_RIGHT = 24
MARGIN_TOP = 24
MARGIN_BOTTOM = 44
LABEL_CHARS = 26

INK = "#1b1f24"
BRAND = "#004a8f"
TARGET = "#a03c00"
GRID = "#c8ced6"
TARGET_LABEL = "kpi-svg__label kpi-svg__target-label"


def format_number(value: Any) -> str:
    """A number in the active language's format: whole numbers without decimals, others with two."""
    if value is None:
        return "–"
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, int):
        return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=2, use_l10n=True, force_grouping=True)


def format_day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT", use_l10n=True)


@dataclass
class Chart:
    title: str
    svg: SafeString
    headers: list[str]
    rows: list[list[str]]
    description: str = ""
    target: str = ""
    ident: str = field(default_factory=lambda: f"chart-{uuid.uuid4().hex[:10]}")


def _float(value: Number | None) -> float:
    if value is None:
        return 0.0
    return float(value)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _svg(*, ident: str, title: str, description: str, height: int, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kpi-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" focusable="false">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        # A light background of its own: readable on any page background (the admin's dark theme too).
        f'<rect class="kpi-svg__background" x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text part is escaped above/below


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "kpi-svg__label") -> str:
    # A white outline behind the letters keeps labels readable where they cross a line.
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}" fill="{INK}" '
        f'stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round" '
        f'font-size="13" font-family="system-ui, sans-serif">{escape(text)}</text>'
    )


def _nice_max(value: float) -> float:
    """A round number at least ``value`` for the top of an axis (1, 2, 2.5, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10 if value >= 1 else 1.0
    if value < 1:
        magnitude = 0.1
        while magnitude * 10 < value:
            magnitude *= 10
        while magnitude > value:
            magnitude /= 10
    for step in (1, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _target_text(target: Number | None, fmt: Callable[[Any], str]) -> str:
    if target is None:
        return ""
    return gettext("Target: %(value)s") % {"value": fmt(target)}


def bar_chart(
    *,
    title: str,
    rows: Sequence[tuple[str, Number]],
    value_label: str,
    fmt: Callable[[Any], str] = format_number,
    target: Number | None = None,
    category_label: str | None = None,
) -> Chart:
    """Horizontal bars, one per row, with an optional target line."""
    chart = Chart(
        title=title,
        svg=mark_safe(""),
        headers=[category_label or gettext("Category"), value_label],
        rows=[[str(label), fmt(value)] for label, value in rows],
        target=_target_text(target, fmt),
    )
    top = max([_float(value) for _, value in rows] + [_float(target), 0.0])
    scale_max = _nice_max(top)
    plot_x = LABEL_WIDTH
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    body: list[str] = []
    if not rows:
        height = 60
        body.append(_text(WIDTH / 2, 35, gettext("No data yet."), anchor="middle"))
        chart.description = gettext("No data yet.")
    else:
        height = MARGIN_TOP + len(rows) * (BAR_HEIGHT + BAR_GAP) + (24 if target is not None else 8)
        for index, (label, value) in enumerate(rows):
            y = MARGIN_TOP + index * (BAR_HEIGHT + BAR_GAP)
            width = max(_float(value), 0.0) / scale_max * plot_width
            body.append(
                f'<g class="kpi-svg__row"><rect class="kpi-svg__bar" x="{plot_x}" y="{y}" '
                f'width="{width:.1f}" height="{BAR_HEIGHT}" fill="{BRAND}"/>'
                + _text(plot_x - 8, y + BAR_HEIGHT * 0.7, _short(str(label)), anchor="end")
                + _text(plot_x + width + 6, y + BAR_HEIGHT * 0.7, fmt(value))
                + "</g>"
            )
        body.append(
            f'<line class="kpi-svg__axis" x1="{plot_x}" y1="{MARGIN_TOP - 6}" x2="{plot_x}" '
            f'y2="{MARGIN_TOP + len(rows) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + 6}" stroke="{INK}"/>'
        )
        if target is not None:
            x = plot_x + max(_float(target), 0.0) / scale_max * plot_width
            bottom = MARGIN_TOP + len(rows) * (BAR_HEIGHT + BAR_GAP)
            body.append(
                f'<line class="kpi-svg__target" x1="{x:.1f}" y1="{MARGIN_TOP - 10}" x2="{x:.1f}" '
                f'y2="{bottom:.1f}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
                + _text(
                    x, bottom + 14, chart.target, anchor="middle", cls="kpi-svg__label kpi-svg__target-label"
                )
            )
        highest = max(rows, key=lambda row: _float(row[1]))
        chart.description = gettext("%(count)s rows; highest %(label)s: %(value)s.") % {
            "count": len(rows),
            "label": highest[0],
            "value": fmt(highest[1]),
        }
        if chart.target:
            chart.description += " " + chart.target
    chart.svg = _svg(ident=chart.ident, title=title, description=chart.description, height=height, body=body)
    return chart


def line_chart(
    *,
    title: str,
    points: Sequence[tuple[date, Number]],
    value_label: str,
    fmt: Callable[[Any], str] = format_number,
    target: Number | None = None,
) -> Chart:
    """A line over time (points sorted by date), with a y axis from zero and an optional target line."""
    points = sorted(points, key=lambda point: point[0])
    chart = Chart(
        title=title,
        svg=mark_safe(""),
        headers=[gettext("Date"), value_label],
        rows=[[format_day(day), fmt(value)] for day, value in points],
        target=_target_text(target, fmt),
    )
    body: list[str] = []
    if not points:
        chart.description = gettext("No data yet.")
        body.append(_text(WIDTH / 2, 35, chart.description, anchor="middle"))
        chart.svg = _svg(ident=chart.ident, title=title, description=chart.description, height=60, body=body)
        return chart

    top = max([_float(value) for _, value in points] + [_float(target), 0.0])
    scale_max = _nice_max(top * 1.05)
    plot_left, plot_right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    plot_top, plot_bottom = MARGIN_TOP, LINE_HEIGHT - MARGIN_BOTTOM
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    span = last - first

    def x_of(day: date) -> float:
        if span == 0:
            return (plot_left + plot_right) / 2
        return plot_left + (day.toordinal() - first) / span * (plot_right - plot_left)

    def y_of(value: Number | None) -> float:
        return plot_bottom - max(_float(value), 0.0) / scale_max * (plot_bottom - plot_top)

    # Horizontal grid and y-axis ticks (0, ¼, ½, ¾, max).
    for step in range(5):
        tick = scale_max * step / 4
        y = y_of(tick)
        tick_value: Number = int(tick) if float(tick).is_integer() else Decimal(str(round(tick, 2)))
        body.append(
            f'<line class="kpi-svg__grid" x1="{plot_left}" y1="{y:.1f}" x2="{plot_right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>' + _text(plot_left - 6, y + 4, fmt(tick_value), anchor="end")
        )
    body.append(
        f'<line class="kpi-svg__axis" x1="{plot_left}" y1="{plot_bottom}" x2="{plot_right}" '
        f'y2="{plot_bottom}" stroke="{INK}"/>'
    )
    # X-axis labels: at most five dates, always the first and the last.
    count = len(points)
    label_indexes = sorted({round(i * (count - 1) / 4) for i in range(5)}) if count > 1 else [0]
    for index in label_indexes:
        day = points[index][0]
        anchor = (
            "start" if index == 0 and count > 1 else "end" if index == count - 1 and count > 1 else "middle"
        )
        body.append(_text(x_of(day), plot_bottom + 20, format_day(day), anchor=anchor))
    if target is not None:
        y = y_of(target)
        body.append(
            f'<line class="kpi-svg__target" x1="{plot_left}" y1="{y:.1f}" x2="{plot_right}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
            + _text(plot_right, y - 6, chart.target, anchor="end", cls=TARGET_LABEL)
        )
    coordinates = " ".join(f"{x_of(day):.1f},{y_of(value):.1f}" for day, value in points)
    body.append(
        f'<polyline class="kpi-svg__line" points="{coordinates}" fill="none" stroke="{BRAND}" '
        f'stroke-width="3" stroke-linejoin="round"/>'
    )
    for day, value in points:
        body.append(
            f'<circle class="kpi-svg__point" cx="{x_of(day):.1f}" cy="{y_of(value):.1f}" '
            f'r="4" fill="{BRAND}"/>'
        )
    latest_day, latest = points[-1]
    chart.description = gettext("%(count)s values from %(start)s to %(end)s; latest %(value)s.") % {
        "count": count,
        "start": format_day(points[0][0]),
        "end": format_day(latest_day),
        "value": fmt(latest),
    }
    if chart.target:
        chart.description += " " + chart.target
    chart.svg = _svg(
        ident=chart.ident, title=title, description=chart.description, height=LINE_HEIGHT, body=body
    )
    return chart
