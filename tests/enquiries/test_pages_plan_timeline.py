"""The timeline (enquiries:plan_timeline): the plan as an SVG Gantt chart and the same
items as a table, filtered by plan, strand, level and cluster; and its CSV
(enquiries:plan_timeline_csv), parsed back."""

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries import services
from enquiries.models import PlanItem
from tests.enquiries.factories import shared_world
from tests.enquiries.plans_helpers import add_item

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def url(project, **query):
    base = reverse("enquiries:plan_timeline", args=[project.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def csv_url(project, **query):
    base = reverse("enquiries:plan_timeline_csv", args=[project.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def svg_of(body: str) -> ET.Element:
    """The chart, parsed as XML: it must be well-formed on its own."""
    match = re.search(r"<svg\b.*?</svg>", body, re.S)
    assert match, "no chart on the page"
    return ET.fromstring(match.group(0))


def texts(svg: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]


def today():
    return timezone.localdate()


def a_plan(world):
    """An overdue activity, a done outcome, a process for Harlow depending on the first,
    and a milestone on the project and one on an item."""
    late = add_item(
        world,
        title="Write the county ECM strategy",
        starts_on=today() - dt.timedelta(days=60),
        due_on=today() - dt.timedelta(days=1),
        status=PlanItem.Status.IN_PROGRESS,
    )
    done = add_item(
        world,
        title="Baseline of multi-agency work",
        strand=PlanItem.Strand.OUTCOMES,
        plan=PlanItem.Plan.ENQUIRY,
        starts_on=today() - dt.timedelta(days=90),
        due_on=today() - dt.timedelta(days=30),
        status=PlanItem.Status.DONE,
    )
    harlow = add_item(
        world,
        title="Harlow transition surgeries",
        strand=PlanItem.Strand.PROCESSES,
        level=PlanItem.Level.MICRO,
        cluster_participation=world.part_a,
        owner=world.person("lead_a"),
        starts_on=today(),
        due_on=today() + dt.timedelta(days=40),
        needs=[late],
    )
    services.milestone_create(
        actor=world.person("co_x"),
        project=world.project_x,
        title="Launch conference",
        on=today() + dt.timedelta(days=10),
    )
    services.milestone_create(
        actor=world.person("co_x"),
        project=world.project_x,
        title="Harlow report",
        on=today() + dt.timedelta(days=30),
        item=harlow,
    )
    return late, done, harlow


# --- Who sees it -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, can_add, can_add_milestone",
    [
        ("co_x", True, True),
        ("national", True, True),
        ("lead_a", True, True),  # for their own cluster
        ("officer_x_facilitating_y", False, False),  # an Essex officer reads it
        ("school_contact", False, False),
        ("kq_facilitator", False, False),
    ],
)
def test_everyone_who_sees_the_project_reads_the_timeline(
    client, world, name, can_add, can_add_milestone
):
    a_plan(world)
    response = as_(client, world, name).get(url(world.project_x))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Write the county ECM strategy" in body
    assert ("Add a plan item" in body) is can_add
    assert ("Add a milestone" in body) is can_add_milestone


def test_outsiders_get_404_and_visitors_sign_in(client, world):
    assert as_(client, world, "outsider").get(url(world.project_x)).status_code == 404
    assert as_(client, world, "lead_b").get(url(world.project_x)).status_code == 404
    client.logout()
    assert client.get(url(world.project_x))["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(client, world):
    assert as_(client, world, "co_x").post(url(world.project_x)).status_code == 405
    assert as_(client, world, "co_x").post(csv_url(world.project_x)).status_code == 405


# --- The chart ---------------------------------------------------------------------


def test_the_chart_is_well_formed_svg_with_a_name_and_a_description(client, world):
    a_plan(world)
    body = as_(client, world, "co_x").get(url(world.project_x)).content.decode()
    svg = svg_of(body)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Timeline of Essex's plans"
    assert "The same items are listed in the table below." in svg.find(f"{SVG}desc").text
    assert "style=" not in body  # strict CSP: colours come from classes


def test_the_chart_draws_a_bar_per_item_grouped_by_strand(client, world):
    a_plan(world)
    svg = svg_of(as_(client, world, "co_x").get(url(world.project_x)).content.decode())
    words = texts(svg)
    assert [w for w in words if w in ("Milestones", "Activity", "Outcomes", "Processes")] == [
        "Milestones",
        "Activity",
        "Outcomes",
        "Processes",
    ]
    bars = [r for r in svg.iter(f"{SVG}rect") if "app-gantt-bar" in r.get("class", "")]
    assert len(bars) == 3
    assert "Write the county ECM strategy" in words and "Harlow transition surgeries" in words


def test_an_overdue_item_says_overdue_in_words_as_well_as_colour(client, world):
    late, done, _ = a_plan(world)
    svg = svg_of(as_(client, world, "co_x").get(url(world.project_x)).content.decode())
    late_bar = next(g for g in svg.iter(f"{SVG}g") if late.title in "".join(g.itertext()))
    assert "Overdue" in texts(late_bar)
    assert "app-gantt-bar--overdue" in late_bar.find(f"{SVG}rect").get("class")
    done_bar = next(g for g in svg.iter(f"{SVG}g") if done.title in "".join(g.itertext()))
    assert "Done" in texts(done_bar) and "Overdue" not in texts(done_bar)


def test_the_chart_draws_todays_line_milestones_and_dependency_arrows(client, world):
    a_plan(world)
    svg = svg_of(as_(client, world, "co_x").get(url(world.project_x)).content.decode())
    [today_line] = [x for x in svg.iter(f"{SVG}line") if x.get("class") == "app-gantt-today"]
    assert "Today" in texts(svg)
    # Today sits between the overdue bar's end and the Harlow bar's start (which is today).
    harlow = next(
        r
        for g in svg.iter(f"{SVG}g")
        if "Harlow transition" in "".join(g.itertext())
        for r in g.iter(f"{SVG}rect")
    )
    assert float(today_line.get("x1")) == float(harlow.get("x"))
    diamonds = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "app-gantt-milestone"]
    assert len(diamonds) == 2
    assert "Launch conference" in texts(svg)
    [arrow] = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "app-gantt-arrow"]
    assert arrow.get("marker-end") == "url(#timeline-arrow)"


def test_titles_with_markup_stay_text(client, world):
    add_item(world, title='<script>alert("x")</script> & <b>bold</b>')
    body = as_(client, world, "co_x").get(url(world.project_x)).content.decode()
    svg_of(body)  # still well-formed
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body


# --- The table -----------------------------------------------------------------------


def test_the_table_lists_the_same_items_with_their_details(client, world):
    a_plan(world)
    response = as_(client, world, "co_x").get(url(world.project_x))
    body = response.content.decode()
    table = body[body.index("The timeline as a table") :]
    for text in [
        "Write the county ECM strategy",
        "Overdue",
        "Harlow cluster",
        "Lead A",
        "Depends on",
        "Milestone: Harlow report",
        "Whole project",
        "Enquiry plan",
    ]:
        assert text in table, text
    assert 'class="app-table-scroll" role="region"' in body
    assert [row.item.title for row in response.context["timeline"].rows] == [
        "Write the county ECM strategy",
        "Baseline of multi-agency work",
        "Harlow transition surgeries",
    ]


def test_it_says_when_there_is_no_plan_yet(client, world):
    body = as_(client, world, "co_x").get(url(world.project_x)).content.decode()
    assert "No plan items yet." in body and "<svg" not in body


# --- Filters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, titles",
    [
        ({"strand": "outcomes"}, ["Baseline of multi-agency work"]),
        ({"plan": "enquiry"}, ["Baseline of multi-agency work"]),
        ({"level": "micro"}, ["Harlow transition surgeries"]),
        ({"strand": "activity", "plan": "enquiry"}, []),
    ],
)
def test_it_filters_by_plan_strand_and_level(client, world, query, titles):
    a_plan(world)
    response = as_(client, world, "co_x").get(url(world.project_x, **query))
    assert [row.item.title for row in response.context["timeline"].rows] == titles
    if not titles:
        assert "No plan items match." in response.content.decode()


def test_it_filters_by_cluster(client, world):
    a_plan(world)
    response = as_(client, world, "co_x").get(url(world.project_x, cluster=world.part_a.pk))
    assert [row.item.title for row in response.context["timeline"].rows] == [
        "Harlow transition surgeries"
    ]


@pytest.mark.parametrize("query", [{"strand": "vision"}, {"cluster": "999999"}, {"cluster": "x"}])
def test_a_bad_filter_says_so_and_shows_everything(client, world, query):
    a_plan(world)
    response = as_(client, world, "co_x").get(url(world.project_x, **query))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the filter" in body and "Showing every item instead." in body
    assert len(response.context["timeline"].rows) == 3


def test_htmx_gets_the_results_alone(client, world):
    a_plan(world)
    response = as_(client, world, "co_x").get(
        url(world.project_x, strand="outcomes"), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and "Baseline of multi-agency work" in body
    assert "HX-Request" in response["Vary"]


def test_long_plans_page_through_on_one_axis(client, world, settings):
    settings.PAGE_SIZE = 5
    for n in range(12):
        add_item(
            world,
            title=f"Item {n:02d}",
            starts_on=dt.date(2026, 1, 1) + dt.timedelta(days=30 * n),
            due_on=dt.date(2026, 1, 20) + dt.timedelta(days=30 * n),
        )
    first = as_(client, world, "co_x").get(url(world.project_x)).context
    last = client.get(url(world.project_x, page=3)).context
    assert [r.item.title for r in last["timeline"].rows] == ["Item 10", "Item 11"]
    assert first["chart"].first == last["chart"].first  # the same axis on every page
    assert first["chart"].width == last["chart"].width


# --- Queries -------------------------------------------------------------------------


@pytest.mark.parametrize("items", [1, 10])
def test_it_reads_the_timeline_in_constant_queries(client, world, django_assert_num_queries, items):
    first = None
    for n in range(items):
        item = add_item(
            world,
            title=f"Item {n}",
            cluster_participation=world.part_a if n % 2 else None,
            owner=world.person("lead_a"),
            needs=[first] if first else [],
        )
        first = first or item
        services.milestone_create(
            actor=world.person("co_x"),
            project=world.project_x,
            title=f"Milestone {n}",
            on=dt.date(2026, 9, 15),
            item=item,
        )
    c = as_(client, world, "lead_a")
    # session, user, the project, roles (scope), facilitations (reach); the project's
    # clusters; the count and span of the items; the page of items (with owners and
    # clusters); their dependencies; the milestones; the unread notification count
    with django_assert_num_queries(11):
        response = c.get(url(world.project_x))
    assert len(response.context["timeline"].rows) == items


# --- CSV -----------------------------------------------------------------------------


def parse(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_has_every_filtered_item_and_parses_back(client, world, settings):
    settings.PAGE_SIZE = 2  # the CSV is every item, not one page
    late, done, harlow = a_plan(world)
    response = as_(client, world, "officer_x_facilitating_y").get(csv_url(world.project_x))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="essex-plan-\d{4}-\d\d-\d\d\.csv"', response["Content-Disposition"]
    )
    rows = parse(response)
    assert rows[0][:4] == ["Plan", "Strand", "Level", "Title"]
    by_title = {row[3]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_title) == {late.title, done.title, harlow.title}
    assert by_title[late.title]["Overdue"] == "Overdue"
    assert by_title[done.title]["Overdue"] == ""
    assert by_title[harlow.title]["Cluster"] == "Harlow cluster"
    assert by_title[harlow.title]["Owner"] == "Lead A"
    assert by_title[harlow.title]["Depends on"] == late.title
    assert by_title[harlow.title]["Milestones"].startswith("Harlow report (")
    assert by_title[harlow.title]["Start date"] == harlow.starts_on.isoformat()
    filtered = parse(client.get(csv_url(world.project_x, strand="outcomes")))
    assert [row[3] for row in filtered[1:]] == [done.title]


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn"]
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(client, world, title):
    item = PlanItem.objects.create(
        project=world.project_x,
        plan="project",
        strand="activity",
        level="macro",
        title=title,  # straight in: the form would refuse the control characters
        description="=cmd|' /C calc'!A0",
        starts_on=dt.date(2026, 9, 1),
        due_on=dt.date(2026, 9, 2),
    )
    rows = parse(as_(client, world, "co_x").get(csv_url(world.project_x)))
    [row] = rows[1:]
    assert row[3] == "'" + item.title
    assert row[4] == "'=cmd|' /C calc'!A0"


def test_a_csv_with_a_bad_filter_goes_back_to_the_page_that_explains(client, world):
    response = as_(client, world, "co_x").get(csv_url(world.project_x, strand="vision"))
    assert response.status_code == 302
    assert response["Location"] == url(world.project_x, strand="vision")


def test_outsiders_get_no_csv(client, world):
    assert as_(client, world, "outsider").get(csv_url(world.project_x)).status_code == 404
