"""Layout for the driver diagram: pure Python, no queries, no templates.

Three columns, read left to right: the aim (the project's research question), its
key drivers (up to five), and the change ideas under each driver, joined by lines.
Every coordinate is a plain number and every colour a presentation attribute, so the
template draws it as SVG under the strict CSP; the page gives the same content as a
list beside it (the text alternative).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

MARGIN = 12
COLUMN_WIDTH = 220
GAP = 50
LINE_HEIGHT = 16
PADDING = 8
BOX_GAP = 10
CHARS = 30
MAX_LINES = 5


def wrap(text: str, width: int = CHARS, lines: int = MAX_LINES) -> list[str]:
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


@dataclass
class Box:
    x: int
    y: int
    width: int
    height: int
    lines: list[str]
    kind: str  # "aim", "driver", "idea"

    @property
    def text_x(self) -> int:
        return self.x + PADDING

    @property
    def text_lines(self) -> list[tuple[int, str]]:
        """(baseline y, text) of each line."""
        return [
            (self.y + PADDING + LINE_HEIGHT * (number + 1) - 4, line)
            for number, line in enumerate(self.lines)
        ]

    @property
    def left(self) -> tuple[int, int]:
        return self.x, self.y + self.height // 2

    @property
    def right(self) -> tuple[int, int]:
        return self.x + self.width, self.y + self.height // 2


@dataclass
class Link:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass
class Diagram:
    width: int
    height: int
    boxes: list[Box] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    column_titles: list[tuple[int, str]] = field(default_factory=list)


def _box(x: int, y: int, text: str, kind: str) -> Box:
    lines = wrap(text)
    return Box(x, y, COLUMN_WIDTH, PADDING * 2 + LINE_HEIGHT * len(lines), lines, kind)


def layout(aim: str, drivers: list[tuple[str, list[str]]]) -> Diagram:
    """`drivers`: (title, change ideas) in order."""
    top = MARGIN + 24
    x_aim, x_driver = MARGIN, MARGIN + COLUMN_WIDTH + GAP
    x_idea = x_driver + COLUMN_WIDTH + GAP
    diagram = Diagram(width=x_idea + COLUMN_WIDTH + MARGIN, height=0)
    diagram.column_titles = [(x_aim, "Aim"), (x_driver, "Key drivers"), (x_idea, "Change ideas")]
    y = top
    driver_boxes = []
    for title, ideas in drivers:
        idea_boxes = []
        idea_y = y
        for idea in ideas:
            box = _box(x_idea, idea_y, idea, "idea")
            idea_boxes.append(box)
            idea_y += box.height + BOX_GAP
        driver = _box(x_driver, y, title, "driver")
        block = max(driver.height, idea_y - y - BOX_GAP if idea_boxes else 0)
        driver.y = y + (block - driver.height) // 2
        driver_boxes.append(driver)
        diagram.boxes.append(driver)
        for box in idea_boxes:
            diagram.boxes.append(box)
            (x1, y1), (x2, y2) = driver.right, box.left
            diagram.links.append(Link(x1, y1, x2, y2))
        y += block + BOX_GAP * 2
    aim_box = _box(x_aim, top, aim or "No research question yet", "aim")
    bottom = max(y - BOX_GAP * 2, aim_box.y + aim_box.height)
    aim_box.y = top + max(0, (bottom - top - aim_box.height) // 2)
    diagram.boxes.insert(0, aim_box)
    for driver in driver_boxes:
        (x1, y1), (x2, y2) = aim_box.right, driver.left
        diagram.links.append(Link(x1, y1, x2, y2))
    diagram.height = bottom + MARGIN
    return diagram
