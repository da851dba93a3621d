"""Layout for the timeline (a Gantt chart of a project's plans): pure Python, no
queries, no templates.

A row per item, grouped by strand (activity, outcomes, processes), each with a bar
from its start date to the end of its due date; project-wide milestones on a row of
their own at the top and an item's milestones on its row, as diamonds; dependency
arrows from the end of what must finish first to the start of what waits for it;
a line for today. An overdue item is marked in words ("Overdue", beside its bar) as
well as in colour.

Every coordinate is a plain number and every style a class, so the template draws
it as SVG under the strict CSP (no inline styles). The chart keeps a readable size
whatever the screen: on a phone it scrolls in its own box.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MARGIN = 12
LABEL_WIDTH = 230
HEADER_HEIGHT = 44
ROW_HEIGHT = 30
BAR_HEIGHT = 16
# The span of days is fitted to about this width, within these bounds per day: with
# the labels and the status words the chart fits GOV.UK's 960px page at full width.
CHART_WIDTH = 580
MIN_DAY_WIDTH = 0.4
MAX_DAY_WIDTH = 24.0
# Room to the right of the last bar for its status word.
STATUS_ROOM = 110
LABEL_CHARS = 30
MONTH_LABEL_SPACING = 60
DIAMOND = 7

STATUS_WORDS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class ChartItem:
    key: int
    title: str
    strand: str
    strand_label: str
    status: str
    starts_on: dt.date
    due_on: dt.date
    overdue: bool = False
    url: str = ""
    # Filled in by layout().
    y: float = 0.0
    x: float = 0.0
    width: float = 0.0

    @property
    def status_word(self) -> str:
        return "Overdue" if self.overdue else STATUS_WORDS.get(self.status, self.status)

    @property
    def css_class(self) -> str:
        classes = ["app-gantt-bar", f"app-gantt-bar--{self.status.replace('_', '-')}"]
        if self.overdue:
            classes.append("app-gantt-bar--overdue")
        return " ".join(classes)

    @property
    def label(self) -> str:
        return _shorten(self.title)

    @property
    def bar_y(self) -> float:
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def text_y(self) -> float:
        return self.y + ROW_HEIGHT / 2 + 5

    @property
    def end_x(self) -> float:
        return self.x + self.width

    @property
    def status_x(self) -> float:
        return self.end_x + 6

    @property
    def centre_y(self) -> float:
        return self.y + ROW_HEIGHT / 2

    bar_height = BAR_HEIGHT


@dataclass
class ChartMilestone:
    title: str
    on: dt.date
    item_key: int | None = None
    # Filled in by layout().
    x: float = 0.0
    y: float = 0.0

    @property
    def label(self) -> str:
        return _shorten(self.title, 28)

    @property
    def path(self) -> str:
        x, y, d = self.x, self.y, DIAMOND
        return f"M {x:g} {y - d:g} L {x + d:g} {y:g} L {x:g} {y + d:g} L {x - d:g} {y:g} Z"

    @property
    def text_x(self) -> float:
        return self.x + DIAMOND + 4

    @property
    def text_y(self) -> float:
        return self.y + 5


@dataclass
class ChartArrow:
    source: ChartItem  # must finish first
    target: ChartItem  # waits for it

    @property
    def path(self) -> str:
        """Out of the end of the source's bar, down (or up) to the target's row, into the
        start of its bar."""
        x1, y1 = self.source.end_x, self.source.centre_y
        x2, y2 = self.target.x, self.target.centre_y
        if x2 - x1 >= 8:
            bend = round((x1 + x2) / 2, 1)
            return f"M {x1:g} {y1:g} H {bend:g} V {y2:g} H {x2:g}"
        # The target starts before the source ends: out to the right, along the gap
        # above the target's row, back to the left of its start, and in from there.
        gap = y2 - ROW_HEIGHT / 2 if y2 > y1 else y2 + ROW_HEIGHT / 2
        return f"M {x1:g} {y1:g} H {x1 + 6:g} V {gap:g} H {x2 - 8:g} V {y2:g} H {x2:g}"


@dataclass
class ChartRow:
    """A strand's heading row (or the milestones' row), drawn as a band."""

    label: str
    y: float
    heading: bool = True

    @property
    def text_y(self) -> float:
        return self.y + ROW_HEIGHT / 2 + 5


@dataclass
class ChartTick:
    x: float
    label: str  # empty when the month is too close to the last label to print one


@dataclass
class TimelineLayout:
    items: list[ChartItem] = field(default_factory=list)
    milestones: list[ChartMilestone] = field(default_factory=list)
    arrows: list[ChartArrow] = field(default_factory=list)
    rows: list[ChartRow] = field(default_factory=list)
    ticks: list[ChartTick] = field(default_factory=list)
    today: dt.date | None = None
    today_x: float = 0.0
    chart_x: float = MARGIN + LABEL_WIDTH
    width: float = 0.0
    height: float = 0.0
    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"

    @property
    def grid_top(self) -> float:
        return HEADER_HEIGHT - 6

    @property
    def label_x(self) -> float:
        return MARGIN

    @property
    def today_label_x(self) -> float:
        return self.today_x + 4

    @property
    def overdue_count(self) -> int:
        return sum(item.overdue for item in self.items)


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def layout(
    items: list[ChartItem],
    *,
    today: dt.date,
    milestones: list[ChartMilestone] = (),  # type: ignore[assignment]
    dependencies: list[tuple[int, int]] = (),  # type: ignore[assignment]
    span: tuple[dt.date | None, dt.date | None] = (None, None),
    strands: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> TimelineLayout:
    """Place `items` (in the order given within each strand) on a shared time axis.

    `span` is the first start and last due date of every item the page could show (not
    only these), so each page of a long plan shares one axis; today and the milestones
    widen it. `dependencies` are (item key, key of the item it needs); arrows are drawn
    only when both are on the chart. `strands` orders the groups: (value, label).
    """
    milestones = list(milestones)
    dates = [today, *(m.on for m in milestones)]
    dates += [d for d in span if d is not None]
    dates += [item.starts_on for item in items] + [item.due_on for item in items]
    first = min(dates).replace(day=1)
    months = _month_starts(first, max(dates))
    last_month = months[-1]
    last = (last_month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # exclusive
    days = (last - first).days
    day_width = min(MAX_DAY_WIDTH, max(MIN_DAY_WIDTH, CHART_WIDTH / days))
    chart_x = MARGIN + LABEL_WIDTH

    def x_of(day: dt.date) -> float:
        return round(chart_x + (day - first).days * day_width, 1)

    result = TimelineLayout(today=today, chart_x=chart_x, first=first, last=last)
    spacing = 0.0
    for month in months:
        x = x_of(month)
        wide_enough = not result.ticks or x - spacing >= MONTH_LABEL_SPACING
        label = f"{month:%b %Y}" if wide_enough else ""
        if label:
            spacing = x
        result.ticks.append(ChartTick(x, label))

    y = float(HEADER_HEIGHT)
    loose = [m for m in milestones if m.item_key is None]
    if loose:
        result.rows.append(ChartRow("Milestones", y))
        for milestone in loose:
            milestone.x, milestone.y = x_of(milestone.on), y + ROW_HEIGHT / 2
        y += ROW_HEIGHT
    order = [value for value, _ in strands] or sorted({item.strand for item in items})
    labels = dict(strands)
    for strand in order:
        rows = [item for item in items if item.strand == strand]
        if not rows:
            continue
        result.rows.append(ChartRow(labels.get(strand, rows[0].strand_label), y))
        y += ROW_HEIGHT
        for item in rows:
            item.y = y
            item.x = x_of(item.starts_on)
            item.width = max(round((item.due_on - item.starts_on).days + 1, 1) * day_width, 4.0)
            result.items.append(item)
            y += ROW_HEIGHT
    by_key = {item.key: item for item in result.items}
    for milestone in milestones:
        if milestone.item_key is not None and milestone.item_key in by_key:
            milestone.x, milestone.y = x_of(milestone.on), by_key[milestone.item_key].centre_y
    result.milestones = [m for m in milestones if m.item_key is None or m.item_key in by_key]
    result.arrows = [
        ChartArrow(source=by_key[needs], target=by_key[key])
        for key, needs in dependencies
        if key in by_key and needs in by_key
    ]
    result.today_x = x_of(today)
    result.width = x_of(last) + STATUS_ROOM + MARGIN
    result.height = y + MARGIN
    return result
