"""The timeline's layout (enquiries/timeline_chart.py): pure Python, no database."""

import datetime as dt

from enquiries.timeline_chart import (
    LABEL_WIDTH,
    MARGIN,
    ROW_HEIGHT,
    ChartItem,
    ChartMilestone,
    layout,
)

D = dt.date
STRANDS = [("activity", "Activity"), ("outcomes", "Outcomes"), ("processes", "Processes")]


SEPT_1, SEPT_30 = D(2026, 9, 1), D(2026, 9, 30)


def item(key, strand="activity", start=SEPT_1, due=SEPT_30, **extra):
    return ChartItem(
        key=key,
        title=f"Item {key}",
        strand=strand,
        strand_label=strand.title(),
        status=extra.pop("status", "not_started"),
        starts_on=start,
        due_on=due,
        **extra,
    )


def test_items_are_grouped_by_strand_in_order_under_their_headings():
    chart = layout(
        [item(1, "processes"), item(2, "activity"), item(3, "activity")],
        today=D(2026, 9, 15),
        strands=STRANDS,
    )
    assert [row.label for row in chart.rows] == ["Activity", "Processes"]
    assert [i.key for i in chart.items] == [2, 3, 1]
    ys = [i.y for i in chart.items]
    assert ys == sorted(ys) and ys[1] - ys[0] == ROW_HEIGHT
    assert chart.rows[1].y == ys[1] + ROW_HEIGHT  # the Processes heading after both activities


def test_bars_run_from_the_start_to_the_end_of_the_due_day():
    chart = layout([item(1, start=D(2026, 9, 1), due=D(2026, 9, 1))], today=D(2026, 9, 1))
    [bar] = chart.items
    assert bar.x == MARGIN + LABEL_WIDTH  # the axis starts on the 1st of the month
    assert bar.width > 0 and chart.today_x == bar.x


def test_the_axis_covers_the_span_today_and_milestones_whole_months():
    chart = layout(
        [item(1, start=D(2026, 9, 10), due=D(2026, 9, 20))],
        today=D(2027, 1, 5),
        milestones=[ChartMilestone("Launch", D(2026, 7, 4))],
        span=(D(2026, 8, 2), D(2026, 12, 1)),
    )
    assert chart.first == D(2026, 7, 1) and chart.last == D(2027, 2, 1)
    labels = [tick.label for tick in chart.ticks if tick.label]
    assert labels[0] == "Jul 2026" and chart.ticks[-1].x < chart.today_x + 40


def test_month_labels_never_crowd_on_a_long_plan():
    chart = layout([item(1, start=D(2020, 1, 1), due=D(2029, 12, 31))], today=D(2025, 1, 1))
    xs = [tick.x for tick in chart.ticks if tick.label]
    assert all(b - a >= 60 for a, b in zip(xs, xs[1:], strict=False))
    assert chart.width < 1900  # fitted: ten years at 0.4 px a day


def test_overdue_items_say_so_in_words():
    late = item(1, overdue=True, status="in_progress")
    done = item(2, status="done")
    layout([late, done], today=D(2026, 10, 5))
    assert late.status_word == "Overdue" and "app-gantt-bar--overdue" in late.css_class
    assert done.status_word == "Done" and "overdue" not in done.css_class


def test_arrows_only_between_items_on_the_chart_and_milestones_on_their_rows():
    a, b = item(1), item(2, start=D(2026, 10, 1), due=D(2026, 10, 9))
    chart = layout(
        [a, b],
        today=D(2026, 9, 1),
        dependencies=[(2, 1), (2, 99)],
        milestones=[
            ChartMilestone("On B", D(2026, 10, 5), item_key=2),
            ChartMilestone("Gone", D(2026, 10, 5), item_key=99),
        ],
    )
    [arrow] = chart.arrows
    assert (arrow.source.key, arrow.target.key) == (1, 2)
    assert arrow.path.startswith(f"M {a.end_x:g} {a.centre_y:g}")
    assert arrow.path.endswith(f"H {b.x:g}")
    [milestone] = chart.milestones
    assert milestone.y == b.centre_y


def test_an_arrow_always_enters_the_waiting_bar_from_the_left():
    first = item(1, start=D(2026, 9, 1), due=D(2026, 9, 30))
    overlapping = item(2, start=D(2026, 9, 20), due=D(2026, 10, 9))
    chart = layout([first, overlapping], today=D(2026, 9, 1), dependencies=[(2, 1)])
    [arrow] = chart.arrows
    *_, before_last, last = arrow.path.split(" H ")
    assert float(last) == overlapping.x
    assert float(before_last.split()[0]) < overlapping.x  # the last stretch runs rightwards


def test_long_titles_are_shortened_on_the_chart():
    long = item(1)
    long.title = "A very long title for an item that would run into the bars beside it"
    layout([long], today=D(2026, 9, 1))
    assert long.label.endswith("…") and len(long.label) <= 30
