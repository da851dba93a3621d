"""The pictures' layouts, as plain shapes (no database): the network map and the bar
charts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from brokerage import charts, network_map
from brokerage.selectors.network import (
    MapCluster,
    MapFacilitatingLa,
    MapPartner,
    MapSchool,
    NetworkData,
)
from networks.models import Cluster, LocalAuthority


def cluster(pk, name, kind=Cluster.Kind.CLUSTER):
    return Cluster(pk=pk, name=name, kind=kind, host_la_id=1)


def data(schools_per_cluster=(3, 20), partners=None, facilitating=1) -> NetworkData:
    essex = LocalAuthority(pk=1, code="881", name="Essex")
    clusters = [
        MapCluster(
            cluster(n + 1, f"Cluster {n + 1}", Cluster.Kind.AIP if n else Cluster.Kind.CLUSTER),
            [MapSchool(f"School {n}-{i}", 100000 + i, i == 0) for i in range(count)],
        )
        for n, count in enumerate(schools_per_cluster)
    ]
    if partners is None:
        partners = [
            MapPartner("Harlow College", "/p/1", "College", [(1, "Cluster 1", "Active", True)]),
            MapPartner("Police", "/p/2", "Police", [(2, "Cluster 2", "Paused", False)]),
            MapPartner("Careers Co", "/p/3", "Business", [(None, "Essex project", "Active", True)]),
        ]
    fac = [
        MapFacilitatingLa(LocalAuthority(pk=10 + n, code=f"9{n}0", name=f"LA {n}"), ["Pat Peer"])
        for n in range(facilitating)
    ]
    return NetworkData(la=essex, clusters=clusters, partners=partners, facilitating=fac)


def overlaps(a, b) -> bool:
    return not (a.y + a.height <= b.y or b.y + b.height <= a.y)


def test_the_map_lays_every_column_out_without_overlaps():
    layout = network_map.layout(data())
    columns: dict[float, list] = {}
    for box in layout.boxes:
        columns.setdefault(box.x, []).append(box)
        assert 0 <= box.x and box.x + box.width <= layout.width
        assert 0 <= box.y and box.y + box.height <= layout.height
    assert len(columns) == 4
    for boxes in columns.values():
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not overlaps(a, b), (a.title, b.title)


def test_the_map_lists_a_big_clusters_first_schools_and_counts_the_rest():
    layout = network_map.layout(data())
    big = next(box for box in layout.boxes if box.key == "cluster-2")
    texts = [line.text for line in big.lines]
    assert "School 1-0 (lead)" in texts and "School 1-11" in texts
    assert "School 1-12" not in texts and "and 8 more" in texts
    assert big.title == "Cluster 2 (Area improvement partnership), 20 schools"


def test_the_map_joins_everything_with_titled_lines():
    layout = network_map.layout(data())
    titles = [edge.title for edge in layout.edges]
    assert "LA 0 facilitates Essex: Pat Peer" in titles
    assert "Police with Cluster 2 (paused)" in titles
    assert "Careers Co with Essex project (active)" in titles
    dashed = [e for e in layout.edges if "app-net-edge--inactive" in e.css]
    assert [e.title for e in dashed] == ["Police with Cluster 2 (paused)"]
    assert len([e for e in layout.edges if "hosts" in e.css]) == 2
    for edge in layout.edges:
        assert edge.path.startswith("M ") and " C " in edge.path


def test_the_map_of_an_la_with_nothing_yet_still_draws_the_la():
    layout = network_map.layout(data((), partners=[], facilitating=0))
    assert [box.key for box in layout.boxes] == ["la"]
    assert layout.height > 0 and layout.view_box.startswith("0 0 ")


def test_partners_sit_level_with_their_networks_when_there_is_room():
    layout = network_map.layout(data((3, 3), facilitating=0))
    boxes = {box.key: box for box in layout.boxes}
    college = next(b for b in layout.boxes if b.title.startswith("Harlow College"))
    assert abs(college.centre_y - boxes["cluster-1"].centre_y) < 1


def test_stacked_columns_stack_each_series_and_label_every_column():
    series = [("membership", "Network membership"), ("resources", "Access to resources")]
    chart = charts.stacked_columns(
        [("Jan", "January 2026", [2, 1]), ("Feb", "February 2026", [0, 0])], series
    )
    bars = [r for r in chart.rects if r.title and "2026" in r.title]
    assert [r.title for r in bars] == [
        "January 2026: 2 network membership",
        "January 2026: 1 access to resources",
    ]
    assert bars[1].y + bars[1].height == bars[0].y  # stacked, touching
    assert {label.text for label in chart.labels} >= {"Jan", "Feb", "0", "4", "Network membership"}


def test_month_labels_carry_the_year_on_the_first_column_and_in_january():
    assert charts.month_label(dt.date(2025, 12, 1), first=True) == "Dec\n2025"
    assert charts.month_label(dt.date(2026, 1, 1), first=False) == "Jan\n2026"
    assert charts.month_label(dt.date(2026, 2, 1), first=False) == "Feb"
    chart = charts.percent_columns([("Dec\n2025", "December 2025", 10), ("Now", "Today", 20)])
    under = [label for label in chart.labels if label.text in ("Dec", "2025", "Now")]
    assert [label.text for label in under] == ["Dec", "2025", "Now"]
    assert under[1].y > under[0].y and under[0].x == under[1].x


def test_horizontal_bars_scale_to_the_largest():
    chart = charts.horizontal_bars(
        [("Standards Fund", 1000.0, "£1,000"), ("Lottery", 250.0, "£250")]
    )
    fund, lottery = chart.rects
    assert lottery.width * 4 == fund.width
    assert [label.text for label in chart.labels][-1] == "£250"


def test_percent_columns_leave_a_gap_where_there_is_nothing_to_count():
    chart = charts.percent_columns([("Jan", "January", 50), ("Now", "Today", None)])
    assert [r.title for r in chart.rects] == ["January: 50%"]
    assert "50%" in [label.text for label in chart.labels]


def test_pounds_round_to_whole_pounds_for_labels():
    assert (
        charts.pounds(Decimal("1500.50")) == "£1,500"
        or charts.pounds(Decimal("1500.50")) == "£1,501"
    )
    assert charts.pounds(Decimal("0")) == "£0"


def test_nice_axis_tops():
    assert [charts._nice_max(v) for v in (0, 3, 5, 11, 26, 99, 130)] == [4, 4, 5, 20, 50, 100, 200]
