"""CSV exports of the enquiry list pages (enquiries/views/exports.py): parsed back,
scoped as their pages are, in a fixed number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries import selectors, services
from tests.enquiries.test_pages_project_map import grow
from tests.files import PDF

pytestmark = pytest.mark.django_db


def parse(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def column(rows, name) -> list[str]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


def test_the_initiatives_export(as_, world):
    rows = parse(as_("co_x").get(reverse("enquiries:initiative_list_csv")))
    assert rows[0] == ["Initiative", "Sponsors", "Starts", "Ends", "LAs taking part", "LA projects"]
    assert column(rows, "Initiative") == [world.initiative.name]
    page = as_("co_x").get(reverse("enquiries:initiative_list")).content.decode()
    assert f'href="{reverse("enquiries:initiative_list_csv")}" download' in page


def test_the_review_queue_export_lists_what_awaits_this_person(as_, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    rows = parse(as_("co_x").get(reverse("enquiries:review_queue_csv")))
    assert column(rows, "Question of") == ["Harlow cluster"]
    assert column(rows, "List") == ["Awaiting your decision"]
    # A cluster lead decides nothing here: an empty export, with its header.
    assert len(parse(as_("lead_b").get(reverse("enquiries:review_queue_csv")))) == 1


def test_the_project_questions_export_says_what_the_map_says(as_, world):
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"),
        target=world.kq2,
        actor=world.person("national"),
        rating="mostly",
    )
    url = reverse("enquiries:project_questions_csv", args=[world.project_x.pk])
    rows = parse(as_("co_x").get(url))
    by_owner = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    harlow = by_owner["Harlow cluster"]
    # Not reviewed against the question it answers to, whatever its key-question rating.
    assert harlow["Answers to"] == "Essex" and harlow["Rating against it"] == "Not reviewed yet"
    assert harlow["Also serves (latest rating)"] == "Key question 2: Mostly aligned"
    nodes = [n for n in selectors.project_map(world.project_x).layout.nodes]
    assert set(by_owner) == {n.label for n in nodes if not n.is_key_question}
    assert as_("outsider").get(url).status_code == 404


def test_the_feedback_loop_export(as_, world):
    today = timezone.localdate()
    services.feedback_loop_create(
        actor=world.person("co_x"),
        project=world.project_x,
        title="=Termly check-in",
        prompts=["How is it going?"],
        opens_on=today + dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=20),
    )
    url = reverse("enquiries:feedback_loop_list_csv", args=[world.project_x.pk])
    rows = parse(as_("lead_a").get(url))
    assert column(rows, "Feedback loop") == ["'=Termly check-in"]
    assert column(rows, "State") == ["Not open yet"]
    assert as_("outsider").get(url).status_code == 404


def test_the_log_export_holds_only_entries_the_person_may_read(as_, world):
    co_x = world.person("co_x")
    services.log_entry_create(actor=co_x, project=world.project_x, text="For everyone")
    services.log_entry_create(
        actor=co_x, project=world.project_x, text="+Only me", visibility="private"
    )
    url = reverse("enquiries:log_list_csv", args=[world.project_x.pk])
    mine = parse(as_("co_x").get(url))
    theirs = parse(as_("lead_a").get(url))
    assert sorted(column(mine, "Entry")) == ["'+Only me", "For everyone"]
    assert column(theirs, "Entry") == ["For everyone"]
    page = as_("lead_a").get(reverse("enquiries:log_list", args=[world.project_x.pk]))
    assert f'href="{url}" download' in page.content.decode()


def test_the_archive_export_follows_the_chosen_category(as_, world):
    project = world.project_x
    services.archive_categories_seed(project=project)
    planning = project.archive_categories.get(slug="planning-documents")
    other = project.archive_categories.exclude(pk=planning.pk).first()
    for category, title in [(planning, "Plan"), (other, "Other thing")]:
        services.archive_item_create(
            actor=world.person("co_x"),
            project=project,
            category=category,
            title=title,
            filename="plan.pdf",
            content=PDF,
        )
    url = reverse("enquiries:archive_csv", args=[project.pk])
    assert sorted(column(parse(as_("co_x").get(url)), "Item")) == ["Other thing", "Plan"]
    only = parse(as_("co_x").get(url, {"category": "planning-documents"}))
    assert column(only, "Item") == ["Plan"] and column(only, "File") == ["plan.pdf"]
    page = as_("co_x").get(
        reverse("enquiries:archive", args=[project.pk]), {"category": "planning-documents"}
    )
    assert f'href="{url}?category=planning-documents" download' in page.content.decode()


@pytest.mark.parametrize("n", [1, 10])
def test_the_exports_take_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_max_num_queries
):
    grow(world, n)
    co_x = world.person("co_x")
    for i in range(n):
        services.log_entry_create(actor=co_x, project=world.project_x, text=f"Entry {i}")
    as_("co_x")
    client.get(reverse("enquiries:initiative_list"))
    pk = world.project_x.pk
    for name, args in [
        ("enquiries:initiative_list_csv", []),
        ("enquiries:review_queue_csv", []),
        ("enquiries:project_questions_csv", [pk]),
        ("enquiries:feedback_loop_list_csv", [pk]),
        ("enquiries:log_list_csv", [pk]),
        ("enquiries:archive_csv", [pk]),
    ]:
        with django_assert_max_num_queries(10):
            rows = parse(client.get(reverse(name, args=args)))
        assert len(rows) >= 1
