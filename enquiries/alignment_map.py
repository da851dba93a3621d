"""Layout for the alignment map: pure Python, no queries, no templates.

The map has one column per level (national key questions, the LA question, cluster
questions, school questions). The home-parent tree (LA → cluster → school) is laid
out as a tidy tree: each leaf takes the next row, each parent sits midway between
its first and last child. Key questions are spread evenly down the first column,
because the LA question serves them through links rather than as a child.

The template draws the result as SVG; every coordinate here is a plain number so
the SVG needs no inline styles (the page runs under a strict CSP).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

LEVELS = ("national", "la", "cluster", "school")
COLUMN_HEADINGS = {
    "national": "National key questions",
    "la": "LA research question",
    "cluster": "Cluster questions",
    "school": "School questions",
}

NODE_WIDTH = 260
NODE_HEIGHT = 76
COLUMN_GAP = 70
ROW_HEIGHT = 96
MARGIN = 16
HEADING_HEIGHT = 36
LABEL_CHARS = 32


@dataclass
class MapNode:
    key: int
    level: str
    label: str
    text: str
    status: str
    status_label: str
    rating: str | None = None
    rating_label: str = "Not reviewed yet"
    stale: bool = False
    parent_key: int | None = None
    url: str = ""
    # Filled in by layout().
    row: float = 0.0
    x: float = 0.0
    y: float = 0.0

    @property
    def css_class(self) -> str:
        rating = self.rating or "unrated"
        classes = [f"app-map-node app-map-node--{rating.replace('_', '-')}"]
        classes.append(f"app-map-node--status-{self.status.replace('_', '-')}")
        if self.stale:
            classes.append("app-map-node--stale")
        return " ".join(classes)

    @property
    def rating_line(self) -> str:
        if self.rating is None:
            return self.rating_label
        return f"{self.rating_label} – review again" if self.stale else self.rating_label

    @property
    def lines(self) -> list[tuple[str, str, float]]:
        """(text, css class, y) for each line of text inside the box."""
        top = self.y + 22
        return [
            (_shorten(self.label), "app-map-text app-map-text--label", top),
            (f"Status: {self.status_label}", "app-map-text", top + 22),
            (_shorten(self.rating_line), "app-map-text", top + 44),
        ]

    width = NODE_WIDTH
    height = NODE_HEIGHT

    @property
    def text_x(self) -> float:
        return self.x + 10

    @property
    def centre_y(self) -> float:
        return self.y + NODE_HEIGHT / 2


@dataclass
class MapEdge:
    source: MapNode  # the question that serves
    target: MapNode  # the question it serves
    kind: str  # "home" (home parent) or "link" (a further question it serves)
    rating: str | None = None
    stale: bool = False

    @property
    def css_class(self) -> str:
        rating = (self.rating or "unrated").replace("_", "-")
        classes = [f"app-map-edge app-map-edge--{self.kind} app-map-edge--{rating}"]
        if self.stale:
            classes.append("app-map-edge--stale")
        return " ".join(classes)

    @property
    def path(self) -> str:
        """A curve from the left edge of the source box to the right edge of the target's."""
        x1, y1 = self.source.x, self.source.centre_y
        x2, y2 = self.target.x + NODE_WIDTH, self.target.centre_y
        mid = (x1 + x2) / 2
        return f"M {x1:g} {y1:g} C {mid:g} {y1:g}, {mid:g} {y2:g}, {x2:g} {y2:g}"


@dataclass
class MapColumn:
    level: str
    heading: str
    x: float

    @property
    def text_x(self) -> float:
        return self.x + NODE_WIDTH / 2


@dataclass
class MapLayout:
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    columns: list[MapColumn] = field(default_factory=list)
    width: float = 0
    height: float = 0

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def column_x(level: str) -> float:
    return MARGIN + LEVELS.index(level) * (NODE_WIDTH + COLUMN_GAP)


Pair = tuple[int, int]


def layout(
    nodes: list[MapNode],
    links: list[Pair],
    ratings: dict[Pair, tuple[str, bool]] | None = None,
) -> MapLayout:
    """Place `nodes` and build edges.

    `links` are (enquiry key, target key) for the further questions an enquiry
    serves; home-parent edges come from each node's parent_key. `ratings` maps an
    (enquiry key, target key) pair to its latest (rating, stale). Nodes keep the
    order they are given in among siblings.
    """
    ratings = ratings or {}
    by_key = {node.key: node for node in nodes}
    national = [node for node in nodes if node.level == "national"]
    tree = [node for node in nodes if node.level != "national"]

    children: dict[int, list[MapNode]] = defaultdict(list)
    roots: list[MapNode] = []
    for node in tree:
        if node.parent_key in by_key and by_key[node.parent_key].level != "national":
            children[node.parent_key].append(node)
        else:
            roots.append(node)

    next_row = 0

    def place(node: MapNode) -> None:
        nonlocal next_row
        kids = children.get(node.key, [])
        if not kids:
            node.row = next_row
            next_row += 1
            return
        for kid in kids:
            place(kid)
        node.row = (kids[0].row + kids[-1].row) / 2

    # Roots in level order, so the LA question comes before any orphaned cluster question.
    for root in sorted(roots, key=lambda node: LEVELS.index(node.level)):
        place(root)

    rows = max(next_row, len(national), 1)
    offset = (rows - next_row) / 2
    for node in tree:
        node.row += offset
    for index, node in enumerate(national):
        node.row = index * (rows - 1) / (len(national) - 1) if len(national) > 1 else (rows - 1) / 2

    for node in nodes:
        node.x = column_x(node.level)
        node.y = MARGIN + HEADING_HEIGHT + node.row * ROW_HEIGHT

    edges = [
        MapEdge(source=node, target=by_key[node.parent_key], kind="home")
        for node in tree
        if node.parent_key in by_key
    ]
    edges += [
        MapEdge(source=by_key[enquiry_key], target=by_key[target_key], kind="link")
        for enquiry_key, target_key in links
        if enquiry_key in by_key and target_key in by_key
    ]
    for edge in edges:
        edge.rating, edge.stale = ratings.get((edge.source.key, edge.target.key), (None, False))

    columns = [MapColumn(level, COLUMN_HEADINGS[level], column_x(level)) for level in LEVELS]
    width = column_x(LEVELS[-1]) + NODE_WIDTH + MARGIN
    height = MARGIN + HEADING_HEIGHT + (rows - 1) * ROW_HEIGHT + NODE_HEIGHT + MARGIN
    return MapLayout(nodes=nodes, edges=edges, columns=columns, width=width, height=height)
