"""The driver diagram's layout and the heat table's shades: pure functions."""

from evidence.driver_diagram import COLUMN_WIDTH, layout, wrap
from evidence.selectors import heat_level


def test_the_diagram_puts_aim_drivers_and_ideas_in_three_joined_columns():
    diagram = layout(
        "How can clusters shape the county's Every Child Matters strategy?",
        [("Trust between heads", ["Breakfast meetings", "Share data early"]), ("Time", [])],
    )
    kinds = [box.kind for box in diagram.boxes]
    assert kinds.count("aim") == 1 and kinds.count("driver") == 2 and kinds.count("idea") == 2
    aim = diagram.boxes[0]
    drivers = [box for box in diagram.boxes if box.kind == "driver"]
    ideas = [box for box in diagram.boxes if box.kind == "idea"]
    assert aim.x < drivers[0].x < ideas[0].x
    assert len(diagram.links) == 4  # aim to two drivers, first driver to two ideas
    assert all(box.y + box.height <= diagram.height for box in diagram.boxes)
    assert all(box.x + box.width <= diagram.width for box in diagram.boxes)
    assert drivers[0].y + drivers[0].height <= drivers[1].y  # no overlap


def test_no_drivers_still_draws_the_aim_and_long_text_is_cut():
    diagram = layout("", [])
    assert [box.lines for box in diagram.boxes] == [["No research question yet"]]
    lines = wrap("word " * 200)
    assert len(lines) == 5 and lines[-1].endswith("…")
    assert COLUMN_WIDTH > 0


def test_heat_levels():
    assert heat_level(0, 10) == 0
    assert heat_level(1, 10) == 1
    assert heat_level(10, 10) == 4
    assert heat_level(6, 10) == 3
