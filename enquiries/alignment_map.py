"""Layout for the alignment map: pure Python, no queries, no templates.

The map has one column per level (national key questions, the LA question, cluster
questions, school questions). The home-parent tree (LA → cluster → school) is laid
out as a tidy tree: each subtree takes its own band of height, each parent sits
midway between its first and last child. Siblings are ordered by the key questions
they serve (the barycentre of those key questions' positions), so links to the
key questions cross as little as they can; key questions keep their numbered order
and sit level with the questions that serve them.

Every box and the list under the picture read the same `MapPair`s: one per pair of
questions shown, with that pair's latest rating. Nothing else colours a box, so the
picture and the list cannot disagree.

Names are wrapped, never cut: the width of each word is estimated from a table of
character widths for the site's sans-serif font (a heuristic: SVG text does not
wrap itself, and the server cannot measure glyphs). Boxes grow to fit their lines.

The template draws the result as SVG; every coordinate here is a plain number so
the SVG needs no inline styles (the page runs under a strict CSP).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import ClassVar

LEVELS = ("national", "la", "cluster", "school")
COLUMN_HEADINGS = {
    "national": "National key questions",
    "la": "LA research question",
    "cluster": "Cluster questions",
    "school": "School questions",
}

NODE_WIDTH = 260
COLUMN_GAP = 90
GAP = 20  # between boxes in a column
MARGIN = 16
HEADING_HEIGHT = 36
PADDING_X = 10
PADDING_Y = 10
TEXT_WIDTH = NODE_WIDTH - 2 * PADDING_X
LABEL_SIZE = 15  # px, bold (app.css .app-map-text--label)
TEXT_SIZE = 14  # px (app.css .app-map-text)
LINE_GAP = 4  # between lines of text

NOT_REVIEWED = "Not reviewed yet"

# Advance widths of Arial/Helvetica glyphs in em (GDS Transport is close to them);
# any other character counts as an average lower-case letter.
_WIDTHS = {
    **dict.fromkeys("ijlI|!.,:;'`", 0.28),
    **dict.fromkeys("frt()[]-/ ", 0.34),
    **dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ&%", 0.68),
    **dict.fromkeys("mwMW@", 0.86),
}
_AVERAGE = 0.53


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of `text` at font `size` (a heuristic, slightly generous)."""
    em = sum(_WIDTHS.get(ch, _AVERAGE) for ch in text)
    return em * size * (1.07 if bold else 1.0)


@lru_cache(maxsize=4096)
def wrap(text: str, size: float, bold: bool = False, width: float = TEXT_WIDTH) -> tuple[str, ...]:
    """`text` broken into lines that fit `width`; every word kept, none cut short
    (a single word wider than the box is broken across lines). Cached: the same
    names and ratings recur across a map and across requests."""
    space = text_width(" ", size, bold)
    lines: list[str] = []
    line, line_width = "", 0.0
    for word in text.split():
        word_width = text_width(word, size, bold)
        if line and line_width + space + word_width <= width:
            line, line_width = f"{line} {word}", line_width + space + word_width
            continue
        if line:
            lines.append(line)
        while word_width > width:  # a word longer than a line: break it
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], size, bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            word_width = text_width(word, size, bold)
        line, line_width = word, word_width
    if line or not lines:
        lines.append(line)
    return tuple(lines)


@dataclass
class MapPair:
    """One pair of questions and its latest rating, as the box and the list both say it.

    kind: "home" (the question this one answers to), "link" (a further question it
    serves) or "served_by" (on a key question: a question of the project serving it).
    """

    other_key: int
    other_label: str
    kind: str
    rating: str | None = None
    rating_label: str = NOT_REVIEWED
    stale: bool = False
    other_url: str = ""

    PREFIXES: ClassVar[dict[str, str]] = {
        "home": "Answers to",
        "link": "Serves",
        "served_by": "Served by",
    }

    @property
    def words(self) -> str:
        """The rating in words: "Mostly aligned", "Partly aligned – review again"."""
        if self.rating is None:
            return NOT_REVIEWED
        return f"{self.rating_label} – review again" if self.stale else self.rating_label

    @property
    def prefix(self) -> str:
        return self.PREFIXES[self.kind]

    @property
    def part(self) -> str:
        """Names the pair in the page, so a test can find its box line and list entry."""
        return f"pair-{self.kind}-{self.other_key}"

    @property
    def sentence(self) -> str:
        """ "Answers to Essex: Not reviewed yet" – the line in the box."""
        return f"{self.prefix} {self.other_label}: {self.words}"


@dataclass
class MapNode:
    key: int
    level: str
    label: str
    text: str
    status: str
    status_label: str
    parent_key: int | None = None
    url: str = ""
    level_label: str = ""
    # The pairs this question is part of: its home pair first, then what else it
    # serves; on a key question, the project's questions serving it.
    pairs: list[MapPair] = field(default_factory=list)
    # Filled in by layout().
    x: float = 0.0
    y: float = 0.0
    lines: list[tuple[str, str, float, str]] = field(default_factory=list)
    height: float = 0.0
    raw_lines: list[tuple[str, bool, str]] = field(default_factory=list, repr=False)

    width = NODE_WIDTH

    @property
    def is_key_question(self) -> bool:
        return self.level == "national"

    @property
    def headline(self) -> MapPair | None:
        """The pair that colours the box: the home pair, else the first it serves.
        A key question is not rated against anything, so has none."""
        if self.is_key_question or not self.pairs:
            return None
        return self.pairs[0]

    @property
    def rating(self) -> str | None:
        return self.headline.rating if self.headline else None

    @property
    def stale(self) -> bool:
        return bool(self.headline and self.headline.rating and self.headline.stale)

    @property
    def served_by_line(self) -> str:
        count = len(self.pairs)
        if not count:
            return "Not served by this project yet"
        return f"Served by {count} question{'' if count == 1 else 's'} here"

    @property
    def css_class(self) -> str:
        if self.is_key_question:
            rating = "key"
        else:
            rating = (self.rating or "unrated").replace("_", "-")
        classes = [f"app-map-node app-map-node--{rating}"]
        classes.append(f"app-map-node--status-{self.status.replace('_', '-')}")
        if self.stale:
            classes.append("app-map-node--stale")
        return " ".join(classes)

    def text_lines(self) -> list[tuple[str, bool, str]]:
        """(line, is_label, part) for every line of the box, before placing; `part`
        names what the line belongs to ("label", "text", "status" or "pair-<key>")."""
        lines = [(line, True, "label") for line in wrap(self.label, LABEL_SIZE, bold=True)]
        if self.is_key_question:
            lines += [(line, False, "text") for line in wrap(self.text, TEXT_SIZE) if line]
            lines += [(line, False, "served") for line in wrap(self.served_by_line, TEXT_SIZE)]
            return lines
        lines.append((f"Status: {self.status_label}", False, "status"))
        if not self.pairs:
            lines.append((NOT_REVIEWED, False, "unpaired"))
        for pair in self.pairs:
            lines += [(line, False, pair.part) for line in wrap(pair.sentence, TEXT_SIZE)]
        return lines

    def measure(self) -> None:
        self.raw_lines = self.text_lines()
        self.height = PADDING_Y * 2 + sum(
            (LABEL_SIZE if is_label else TEXT_SIZE) + LINE_GAP for _, is_label, _ in self.raw_lines
        )

    def place_lines(self) -> None:
        """(text, css class, baseline y, part) of each line once the box has its y."""
        y = self.y + PADDING_Y
        self.lines = []
        for line, is_label, part in self.raw_lines:
            size = LABEL_SIZE if is_label else TEXT_SIZE
            y += size
            css = "app-map-text app-map-text--label" if is_label else "app-map-text"
            self.lines.append((line, css, y, part))
            y += LINE_GAP

    @property
    def text_x(self) -> float:
        return self.x + PADDING_X

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2


@dataclass
class MapEdge:
    source: MapNode  # the question that serves
    target: MapNode  # the question it serves
    kind: str  # "home" (home parent) or "link" (a further question it serves)
    rating: str | None = None
    stale: bool = False

    @property
    def to_key_question(self) -> bool:
        return self.target.is_key_question

    @property
    def css_class(self) -> str:
        rating = (self.rating or "unrated").replace("_", "-")
        classes = [f"app-map-edge app-map-edge--{self.kind} app-map-edge--{rating}"]
        if self.stale:
            classes.append("app-map-edge--stale")
        return " ".join(classes)

    def points(self) -> tuple[float, float, float, float, float, float, float, float]:
        """The cubic Bézier's control points: source's left edge to target's right edge."""
        x1, y1 = self.source.x, self.source.centre_y
        x2, y2 = self.target.x + NODE_WIDTH, self.target.centre_y
        mid = (x1 + x2) / 2
        return x1, y1, mid, y1, mid, y2, x2, y2

    @property
    def path(self) -> str:
        x1, y1, c1x, c1y, c2x, c2y, x2, y2 = self.points()
        return f"M {x1:g} {y1:g} C {c1x:g} {c1y:g}, {c2x:g} {c2y:g}, {x2:g} {y2:g}"


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

    @property
    def tree_edges(self) -> list[MapEdge]:
        return [edge for edge in self.edges if not edge.to_key_question]

    @property
    def key_question_edges(self) -> list[MapEdge]:
        """Links to the key questions: a layer of their own, which can be hidden."""
        return [edge for edge in self.edges if edge.to_key_question]


def column_x(level: str, levels: tuple[str, ...] = LEVELS) -> float:
    return MARGIN + levels.index(level) * (NODE_WIDTH + COLUMN_GAP)


Pair = tuple[int, int]


def layout(
    nodes: list[MapNode],
    links: list[Pair],
    ratings: dict[Pair, tuple[str, bool]] | None = None,
    *,
    order_by_key_questions: bool = True,
) -> MapLayout:
    """Place `nodes` and build edges.

    `links` are (enquiry key, target key) for the further questions an enquiry
    serves; home-parent edges come from each node's parent_key. `ratings` maps an
    (enquiry key, target key) pair to its latest (rating, stale). Key questions keep
    the order they are given in; siblings are ordered by the key questions they
    serve (given order breaks ties), unless `order_by_key_questions` is False.
    """
    ratings = ratings or {}
    by_key = {node.key: node for node in nodes}
    # A column for the key questions and the LA question always; for cluster and
    # school questions only when there are some (a narrower picture reads larger).
    present = {node.level for node in nodes}
    levels = tuple(level for level in LEVELS if level in ("national", "la") or level in present)
    national = [node for node in nodes if node.is_key_question]
    tree = [node for node in nodes if not node.is_key_question]
    for node in nodes:
        node.measure()

    kq_index = {node.key: index for index, node in enumerate(national)}
    serves_kq: dict[int, list[int]] = defaultdict(list)
    for enquiry_key, target_key in links:
        if target_key in kq_index:
            serves_kq[enquiry_key].append(kq_index[target_key])

    children: dict[int, list[MapNode]] = defaultdict(list)
    roots: list[MapNode] = []
    for node in tree:
        if node.parent_key in by_key and not by_key[node.parent_key].is_key_question:
            children[node.parent_key].append(node)
        else:
            roots.append(node)
            if node.parent_key in kq_index:  # an LA question hung under a key question
                serves_kq[node.key].append(kq_index[node.parent_key])

    def barycentre(node: MapNode) -> float:
        """Mean position of the key questions the node's subtree serves."""
        found: list[int] = []
        stack = [node]
        while stack:
            current = stack.pop()
            found += serves_kq.get(current.key, [])
            stack += children.get(current.key, [])
        return sum(found) / len(found) if found else float(len(national))

    if order_by_key_questions:
        for kids in children.values():
            kids.sort(key=barycentre)  # stable: given order breaks ties

    top: float = MARGIN + HEADING_HEIGHT

    def shift(node: MapNode, dy: float) -> None:
        node.y += dy
        for kid in children.get(node.key, []):
            shift(kid, dy)

    def place(node: MapNode, start: float) -> float:
        """Lay out node's subtree from `start` down; return the bottom of its band."""
        kids = children.get(node.key, [])
        if not kids:
            node.y = start
            return start + node.height
        bottom = start
        for kid in kids:
            bottom = place(kid, bottom if kid is kids[0] else bottom + GAP)
        centre = (kids[0].centre_y + kids[-1].centre_y) / 2
        node.y = centre - node.height / 2
        if node.y < start:
            for kid in kids:
                shift(kid, start - node.y)
            bottom += start - node.y
            node.y = start
        return max(bottom, node.y + node.height)

    # Roots in level order, so the LA question comes before any orphaned cluster question.
    bottom: float = top - GAP
    for root in sorted(roots, key=lambda node: LEVELS.index(node.level)):
        bottom = place(root, bottom + GAP)
    tree_bottom = bottom if tree else top

    # Key questions level with the questions that serve them, in order, never overlapping.
    sources: dict[int, list[float]] = defaultdict(list)
    for node in tree:
        for index in serves_kq.get(node.key, []):
            sources[index].append(node.centre_y)
    kq_span = sum(node.height for node in national) + GAP * max(len(national) - 1, 0)
    spare = max(tree_bottom - top - kq_span, 0)
    cursor: float = top
    for index, node in enumerate(national):
        even = top + spare * (index / (len(national) - 1) if len(national) > 1 else 0.5)
        even += sum(n.height + GAP for n in national[:index])
        wanted = (
            sum(sources[index]) / len(sources[index]) - node.height / 2 if sources[index] else even
        )
        node.y = max(wanted, cursor)
        cursor = node.y + node.height + GAP
    kq_bottom = cursor - GAP if national else top

    for node in nodes:
        node.x = column_x(node.level, levels)
        node.place_lines()

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

    columns = [
        MapColumn(level, COLUMN_HEADINGS[level], column_x(level, levels)) for level in levels
    ]
    width = column_x(levels[-1], levels) + NODE_WIDTH + MARGIN
    height = max(tree_bottom, kq_bottom) + MARGIN
    return MapLayout(nodes=nodes, edges=edges, columns=columns, width=width, height=height)


# --- Counting crossings (for tests and the bench) ------------------------------

_STEPS = 16


def _polyline(edge: MapEdge) -> list[tuple[float, float]]:
    x1, y1, c1x, c1y, c2x, c2y, x2, y2 = edge.points()
    points = []
    for step in range(_STEPS + 1):
        t = step / _STEPS
        u = 1 - t
        points.append(
            (
                u**3 * x1 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t**3 * x2,
                u**3 * y1 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t**3 * y2,
            )
        )
    return points


def _cross(a, b, c, d) -> bool:
    """Whether segments ab and cd properly intersect."""

    def orient(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def crossings(result: MapLayout) -> int:
    """How many times two edges cross (edges that share a box are not counted)."""
    lines = [(edge, _polyline(edge)) for edge in result.edges]
    count = 0
    for (e, p), (f, q) in combinations(lines, 2):
        if {e.source.key, e.target.key} & {f.source.key, f.target.key}:
            continue
        # Bounding boxes first: most pairs are far apart.
        if max(x for x, _ in p) < min(x for x, _ in q) or max(x for x, _ in q) < min(
            x for x, _ in p
        ):
            continue
        count += sum(
            1
            for i in range(_STEPS)
            for j in range(_STEPS)
            if _cross(p[i], p[i + 1], q[j], q[j + 1])
        )
    return count
