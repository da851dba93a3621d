"""Bar charts as plain shapes for the templates to draw as SVG: no queries, no
templates, no inline styles (the page runs under a strict CSP, so colours come from
classes). Every chart is also shown as a table beside it, its text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma

FONT_CHARS = 7.2  # average width of a 13px character, for laying out labels


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str = ""


@dataclass
class Label:
    x: float
    y: float
    text: str
    css: str = "app-chart-text"
    anchor: str = "start"


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str = "app-chart-axis"


@dataclass
class Chart:
    width: float
    height: float
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def _axis_labels(x: float, base: float, short: str) -> list[Label]:
    """A column's label under the axis; a second line (after a newline) sits below it,
    e.g. the year under the first month and under each January."""
    return [
        Label(x, base + 18 + 14 * n, text, anchor="middle")
        for n, text in enumerate(short.split("\n"))
    ]


def month_label(day, first: bool) -> str:
    """ "Jan" for a month column, with its year beneath on the first column and in January."""
    return day.strftime("%b\n%Y") if first or day.month == 1 else day.strftime("%b")


def pounds(amount: Decimal | int) -> str:
    return f"£{intcomma(int(round(amount)))}"


def _nice_max(value: float) -> int:
    """A round number at or above `value`, for the top of an axis."""
    if value <= 4:
        return 4
    step = 1
    while step * 10 < value:
        step *= 10
    for multiple in (1, 2, 2.5, 5, 10):
        if step * multiple >= value:
            return int(step * multiple)
    return int(step * 10)


# --- Stacked columns: activity by role, month by month ----------------------------------

COLUMN = 40
COLUMN_GAP = 16
PLOT_HEIGHT = 200
LEFT = 44
TOP = 16
LEGEND_ROW = 22


def stacked_columns(
    columns: list[tuple[str, str, list[int]]], series: list[tuple[str, str]]
) -> Chart:
    """`columns`: (short label, full label, one count per series); `series`: (key,
    label). Each column stacks its counts bottom-up in series order; a legend follows."""
    top_value = _nice_max(max((sum(counts) for _, _, counts in columns), default=0))
    plot_width = len(columns) * (COLUMN + COLUMN_GAP)
    base = TOP + PLOT_HEIGHT
    legend_top = base + 54
    chart = Chart(width=LEFT + plot_width + 16, height=legend_top + LEGEND_ROW * len(series) + 8)
    for tick in (0, top_value // 2, top_value):
        y = base - PLOT_HEIGHT * tick / top_value
        chart.lines.append(Line(LEFT - 4, y, LEFT + plot_width, y, "app-chart-grid"))
        chart.labels.append(Label(LEFT - 8, y + 4, str(tick), anchor="end"))
    for i, (short, full, counts) in enumerate(columns):
        x = LEFT + COLUMN_GAP / 2 + i * (COLUMN + COLUMN_GAP)
        y = base
        for (key, label), count in zip(series, counts, strict=True):
            if not count:
                continue
            height = PLOT_HEIGHT * count / top_value
            y -= height
            chart.rects.append(
                Rect(
                    x,
                    y,
                    COLUMN,
                    height,
                    f"app-chart-bar app-chart-bar--{key}",
                    f"{full}: {count} {label.lower()}",
                )
            )
        chart.labels.extend(_axis_labels(x + COLUMN / 2, base, short))
    chart.lines.append(Line(LEFT, base, LEFT + plot_width, base))
    for n, (key, label) in enumerate(series):
        y = legend_top + n * LEGEND_ROW
        chart.rects.append(Rect(LEFT, y, 14, 14, f"app-chart-bar app-chart-bar--{key}", label))
        chart.labels.append(Label(LEFT + 22, y + 12, label))
    return chart


# --- Horizontal bars: resources by source ---------------------------------------------

BAR = 22
BAR_GAP = 12
BAR_AREA = 360


def horizontal_bars(bars: list[tuple[str, float, str]], *, css: str = "app-chart-bar") -> Chart:
    """`bars`: (label, value, value as words) drawn left to right from a common axis."""
    label_width = max((len(label) for label, _, _ in bars), default=10) * FONT_CHARS + 12
    value_width = max((len(words) for _, _, words in bars), default=4) * FONT_CHARS + 12
    top_value = max((value for _, value, _ in bars), default=0) or 1
    chart = Chart(
        width=label_width + BAR_AREA + value_width + 16,
        height=TOP + len(bars) * (BAR + BAR_GAP) + 8,
    )
    for i, (label, value, words) in enumerate(bars):
        y = TOP + i * (BAR + BAR_GAP)
        width = max(BAR_AREA * value / top_value, 2 if value else 0)
        chart.labels.append(Label(label_width - 8, y + BAR * 0.7, label, anchor="end"))
        if width:
            chart.rects.append(Rect(label_width, y, width, BAR, css, f"{label}: {words}"))
        chart.labels.append(Label(label_width + width + 6, y + BAR * 0.7, words))
    chart.lines.append(
        Line(label_width, TOP - 4, label_width, TOP + len(bars) * (BAR + BAR_GAP) - BAR_GAP + 4)
    )
    return chart


# --- Columns of percentages: coverage at each month end ---------------------------------


def percent_columns(columns: list[tuple[str, str, int | None]]) -> Chart:
    """`columns`: (short label, full label, percent or None); 0–100% on the axis."""
    plot_width = len(columns) * (COLUMN + COLUMN_GAP)
    base = TOP + PLOT_HEIGHT
    chart = Chart(width=LEFT + plot_width + 16, height=base + 46)
    for tick in (0, 50, 100):
        y = base - PLOT_HEIGHT * tick / 100
        chart.lines.append(Line(LEFT - 4, y, LEFT + plot_width, y, "app-chart-grid"))
        chart.labels.append(Label(LEFT - 8, y + 4, f"{tick}%", anchor="end"))
    for i, (short, full, percent) in enumerate(columns):
        x = LEFT + COLUMN_GAP / 2 + i * (COLUMN + COLUMN_GAP)
        if percent is not None:
            height = PLOT_HEIGHT * percent / 100
            chart.rects.append(
                Rect(
                    x,
                    base - height,
                    COLUMN,
                    height,
                    "app-chart-bar app-chart-bar--coverage",
                    f"{full}: {percent}%",
                )
            )
            chart.labels.append(
                Label(
                    x + COLUMN / 2,
                    base - height - 6,
                    f"{percent}%",
                    "app-chart-text app-chart-text--small",
                    "middle",
                )
            )
        chart.labels.extend(_axis_labels(x + COLUMN / 2, base, short))
    chart.lines.append(Line(LEFT, base, LEFT + plot_width, base))
    return chart
