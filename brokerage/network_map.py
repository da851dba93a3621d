"""Layout for an LA's network map: pure Python, no queries, no templates.

Four columns, left to right: the other LAs facilitating this LA's projects; the LA;
its running clusters, each a box listing its schools (lead school first); and its
partners beyond the schools. Lines join a facilitating LA to the LA, the LA to each
cluster, and each partner to the clusters it works with (or to the LA, for a
partnership with one of the LA's projects); a dashed line is a partnership proposed
or paused.

Clusters stack down their column in name order; the LA sits level with the middle of
them; each partner is placed level with the clusters it works with, pushed down only
as far as needed to clear the partner above. The template draws the result as SVG
(every coordinate a plain number, so no inline styles under the strict CSP), and the
same network is written out as lists beneath it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .selectors.network import NetworkData

FAC_WIDTH = 200
LA_WIDTH = 180
CLUSTER_WIDTH = 300
PARTNER_WIDTH = 230
GAP = 70
MARGIN = 16
HEADING = 36

CLUSTER_HEADER = 48
SCHOOL_ROW = 20
SCHOOLS_SHOWN = 12  # a bigger cluster shows its first twelve and "and N more"
CLUSTER_GAP = 24
BOX_HEIGHT = 56
BOX_GAP = 16

COLUMNS = (
    ("Other LAs facilitating", FAC_WIDTH),
    ("Local authority", LA_WIDTH),
    ("Clusters and their schools", CLUSTER_WIDTH),
    ("Partners beyond the schools", PARTNER_WIDTH),
)


def _x(column: int) -> float:
    return MARGIN + sum(width + GAP for _, width in COLUMNS[:column])


def _shorten(text: str, width: float, size: float = 7.4) -> str:
    limit = max(int((width - 20) / size), 8)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class TextLine:
    x: float
    y: float
    text: str
    css: str = "app-net-text"


@dataclass
class Box:
    key: str
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str
    lines: list[TextLine] = field(default_factory=list)
    url: str = ""

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass
class Edge:
    path: str
    css: str
    title: str


@dataclass
class Heading:
    x: float
    text: str


@dataclass
class NetworkLayout:
    boxes: list[Box] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    width: float = 0
    height: float = 0

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    mid = (x1 + x2) / 2
    return f"M {x1:g} {y1:g} C {mid:g} {y1:g}, {mid:g} {y2:g}, {x2:g} {y2:g}"


def _stack(wanted: list[tuple[float, float]], top: float) -> list[float]:
    """Tops for boxes of the given (wanted top, height), in order, none overlapping."""
    placed, floor = [], top
    for want, height in wanted:
        y = max(want, floor)
        placed.append(y)
        floor = y + height + BOX_GAP
    return placed


def layout(data: NetworkData) -> NetworkLayout:
    result = NetworkLayout(headings=[Heading(_x(i) + w / 2, t) for i, (t, w) in enumerate(COLUMNS)])
    top = MARGIN + HEADING

    # Clusters, each tall enough for its schools.
    clusters: dict[int, Box] = {}
    y = top
    for entry in data.clusters:
        cluster = entry.cluster
        shown = entry.schools[:SCHOOLS_SHOWN]
        more = len(entry.schools) - len(shown)
        rows = len(shown) + (1 if more else 0) or 1
        height = CLUSTER_HEADER + rows * SCHOOL_ROW + 8
        x = _x(2)
        box = Box(
            key=f"cluster-{cluster.pk}",
            x=x,
            y=y,
            width=CLUSTER_WIDTH,
            height=height,
            css=f"app-net-box app-net-box--cluster app-net-box--{cluster.kind}",
            title=f"{cluster.name} ({cluster.get_kind_display()}), "
            f"{len(entry.schools)} school{'s' if len(entry.schools) != 1 else ''}",
            url=cluster.get_absolute_url(),
        )
        box.lines.append(
            TextLine(
                x + 10,
                y + 20,
                _shorten(cluster.name, CLUSTER_WIDTH, 8),
                "app-net-text app-net-text--name",
            )
        )
        count = f"{len(entry.schools)} school{'s' if len(entry.schools) != 1 else ''}"
        box.lines.append(
            TextLine(
                x + 10,
                y + 38,
                f"{cluster.get_kind_display()} · {count}",
                "app-net-text app-net-text--small",
            )
        )
        for n, school in enumerate(shown):
            label = school.name + (" (lead)" if school.is_lead else "")
            if school.other_la:
                label += f" – {school.other_la}"
            box.lines.append(
                TextLine(
                    x + 18,
                    y + CLUSTER_HEADER + 14 + n * SCHOOL_ROW,
                    _shorten(label, CLUSTER_WIDTH - 8),
                )
            )
        if more:
            box.lines.append(
                TextLine(
                    x + 18,
                    y + CLUSTER_HEADER + 14 + len(shown) * SCHOOL_ROW,
                    f"and {more} more",
                    "app-net-text app-net-text--small",
                )
            )
        elif not shown:
            box.lines.append(
                TextLine(
                    x + 18,
                    y + CLUSTER_HEADER + 14,
                    "No member schools now",
                    "app-net-text app-net-text--small",
                )
            )
        clusters[cluster.pk] = box
        result.boxes.append(box)
        y += height + CLUSTER_GAP
    clusters_bottom = max(y - CLUSTER_GAP, top + BOX_HEIGHT)

    # The LA, level with the middle of its clusters.
    la = data.la
    la_y = top + (clusters_bottom - top) / 2 - BOX_HEIGHT / 2
    la_box = Box(
        key="la",
        x=_x(1),
        y=la_y,
        width=LA_WIDTH,
        height=BOX_HEIGHT + 10,
        css="app-net-box app-net-box--la",
        title=f"{la.name} (LA {la.code}), {len(data.clusters)} running clusters",
        url=la.get_absolute_url(),
    )
    la_box.lines = [
        TextLine(
            _x(1) + 10, la_y + 22, _shorten(la.name, LA_WIDTH, 8), "app-net-text app-net-text--name"
        ),
        TextLine(_x(1) + 10, la_y + 42, f"LA {la.code}", "app-net-text app-net-text--small"),
        TextLine(
            _x(1) + 10,
            la_y + 58,
            f"{len(data.clusters)} running cluster{'s' if len(data.clusters) != 1 else ''}",
            "app-net-text app-net-text--small",
        ),
    ]
    result.boxes.append(la_box)
    for box in clusters.values():
        result.edges.append(
            Edge(
                _curve(la_box.right, la_box.centre_y, box.x, box.centre_y),
                "app-net-edge app-net-edge--hosts",
                f"{la.name} hosts {box.title}",
            )
        )

    # Facilitating LAs, centred on the LA.
    fac_total = len(data.facilitating) * (BOX_HEIGHT + BOX_GAP) - BOX_GAP
    fac_tops = _stack(
        [
            (la_box.centre_y - fac_total / 2 + i * (BOX_HEIGHT + BOX_GAP), BOX_HEIGHT)
            for i in range(len(data.facilitating))
        ],
        top,
    )
    for facilitating, fy in zip(data.facilitating, fac_tops, strict=True):
        people = ", ".join(facilitating.people)
        box = Box(
            key=f"facilitating-{facilitating.la.pk}",
            x=_x(0),
            y=fy,
            width=FAC_WIDTH,
            height=BOX_HEIGHT,
            css="app-net-box app-net-box--facilitating",
            title=f"{facilitating.la.name} facilitates {la.name}: {people}",
        )
        box.lines = [
            TextLine(
                _x(0) + 10,
                fy + 22,
                _shorten(facilitating.la.name, FAC_WIDTH, 8),
                "app-net-text app-net-text--name",
            ),
            TextLine(
                _x(0) + 10, fy + 42, _shorten(people, FAC_WIDTH), "app-net-text app-net-text--small"
            ),
        ]
        result.boxes.append(box)
        result.edges.append(
            Edge(
                _curve(box.right, box.centre_y, la_box.x, la_box.centre_y),
                "app-net-edge app-net-edge--facilitates",
                box.title,
            )
        )

    # Partners, each level with what it works with.
    wanted = []
    for partner in data.partners:
        ys = [
            clusters[c].centre_y if c in clusters else la_box.centre_y
            for c, _, _, _ in partner.links
        ]
        wanted.append((sum(ys) / len(ys) - BOX_HEIGHT / 2, partner))
    wanted.sort(key=lambda item: item[0])
    tops = _stack([(want, BOX_HEIGHT) for want, _ in wanted], top)
    for (_, partner), py in zip(wanted, tops, strict=True):
        x = _x(3)
        box = Box(
            key=f"partner-{partner.url}",
            x=x,
            y=py,
            width=PARTNER_WIDTH,
            height=BOX_HEIGHT,
            css="app-net-box app-net-box--partner",
            title=f"{partner.name} ({partner.sector})",
            url=partner.url,
        )
        box.lines = [
            TextLine(
                x + 10,
                py + 22,
                _shorten(partner.name, PARTNER_WIDTH, 8),
                "app-net-text app-net-text--name",
            ),
            TextLine(
                x + 10,
                py + 42,
                _shorten(partner.sector, PARTNER_WIDTH),
                "app-net-text app-net-text--small",
            ),
        ]
        result.boxes.append(box)
        for cluster_id, with_label, status, active in partner.links:
            target = clusters.get(cluster_id) if cluster_id is not None else None
            tx, ty = (
                (target.right, target.centre_y) if target else (la_box.right, la_box.centre_y + 12)
            )
            css = "app-net-edge app-net-edge--partnership" + (
                "" if active else " app-net-edge--inactive"
            )
            result.edges.append(
                Edge(
                    _curve(x, box.centre_y, tx, ty),
                    css,
                    f"{partner.name} with {with_label} ({status.lower()})",
                )
            )

    bottoms = [box.y + box.height for box in result.boxes] or [top + BOX_HEIGHT]
    result.width = _x(len(COLUMNS) - 1) + PARTNER_WIDTH + MARGIN
    result.height = max(bottoms) + MARGIN
    return result
