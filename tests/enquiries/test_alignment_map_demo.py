"""The alignment map on the demo: the boxes and the list say the same for every pair
of every demo project, links to key questions cross less than in the old order, and
the page costs a fixed number of queries.

The bug this guards against: a box was coloured and labelled by its home pair's
review *or, failing that, its newest review of any pair*, while the list under it
showed each pair's own review. A cluster question rated only against a key question
("Mostly aligned") showed that rating in its box while the list said "Not reviewed
yet" against the LA question it answers to (Colchester, Uttlesford on the Essex map).
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from enquiries import alignment_map, selectors
from enquiries.models import Project
from networks.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for this module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        with open("/dev/null", "w") as quiet:
            call_command("seed_demo", stdout=quiet)
        yield list(Project.objects.select_related("la").order_by("la__name"))
        transaction.set_rollback(True)


class MapPage(HTMLParser):
    """What the rendered map page says, per node: the SVG box's lines and the list's."""

    def __init__(self):
        super().__init__()
        self.in_svg = False
        self.stack: list[tuple[str, str | None, str | None]] = []  # (tag, node, part)
        self.box: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.listed: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.box_class: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.in_svg = True
        node = attrs.get("data-node") or (self.stack[-1][1] if self.stack else None)
        part = attrs.get("data-part") or (self.stack[-1][2] if self.stack else None)
        if attrs.get("data-node"):
            part = None
            if self.in_svg:
                self.box_class[node] = attrs.get("class", "")
        if tag not in ("input", "br", "img", "meta", "link"):
            self.stack.append((tag, node, part))

    def handle_startendtag(self, tag, attrs):
        pass  # <rect/>, <path/>, <input>: no text

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg = False
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.stack:
            return
        tag, node, part = self.stack[-1]
        if node is None or part is None or tag == "title":
            return
        (self.box if self.in_svg else self.listed)[node][part].append(data)

    @staticmethod
    def said(chunks: list[str], sep: str = "") -> str:
        """The words of a part: the box's lines are joined by a space (they wrap)."""
        return " ".join(sep.join(chunks).split())


def map_page(client, project, **params) -> MapPage:
    response = client.get(reverse("enquiries:project_map", args=[project.pk]), params)
    assert response.status_code == 200
    page = MapPage()
    page.feed(response.content.decode())
    return page


@pytest.fixture
def admin_client_demo(client, demo):
    client.force_login(User.objects.get(is_superuser=True, email__startswith="admin"))
    return client


def test_box_and_list_say_the_same_for_every_pair_of_every_demo_project(admin_client_demo, demo):
    checked = 0
    for project in demo:
        result = selectors.project_map(project)
        page = map_page(admin_client_demo, project)
        for node in result.layout.nodes:
            key = str(node.key)
            box, listed = page.box[key], page.listed[key]
            assert node.pairs or node.is_key_question or "unpaired" in box
            for pair in node.pairs:
                said_in_list = MapPage.said(listed[pair.part])
                # The list links the other question and tags the rating: same words.
                assert said_in_list.replace(" Review again", " – review again") == (
                    pair.sentence
                ), (project, node.label, said_in_list)
                if node.is_key_question:
                    # A key question's box counts who serves it; each server's box
                    # says the rating, the same as the key question's list entry.
                    server = str(pair.other_key)
                    [part] = [p for p in page.box[server] if p.endswith(f"-{node.key}")]
                    assert MapPage.said(page.box[server][part], " ").endswith(f": {pair.words}")
                else:
                    assert MapPage.said(box[pair.part], " ") == pair.sentence, (project, node.label)
                checked += 1
            if node.is_key_question:
                assert MapPage.said(box["served"], " ") == MapPage.said(listed["served"])
            else:
                # The box's colour is its first pair's rating, which both say in words.
                colour = (node.pairs[0].rating if node.pairs else None) or "unrated"
                assert f"app-map-node--{colour.replace('_', '-')} " in page.box_class[key]
    assert checked > 50  # the demo has many rated and unrated pairs


def test_the_essex_cluster_rated_only_against_a_key_question_says_so(admin_client_demo, demo):
    essex = next(project for project in demo if project.la.name == "Essex")
    result = selectors.project_map(essex)
    colchester = next(node for node in result.layout.nodes if node.label.startswith("Colchester"))
    home, link = colchester.pairs
    assert (home.kind, home.rating, link.kind, link.rating) == ("home", None, "link", "mostly")
    # Coloured by the pair it answers to (not reviewed), not by the key-question review.
    assert "app-map-node--unrated" in colchester.css_class


def test_names_are_wrapped_in_full_never_cut(admin_client_demo, demo):
    for project in demo:
        page = map_page(admin_client_demo, project)
        for node in selectors.project_map(project).layout.nodes:
            label = MapPage.said(page.box[str(node.key)]["label"], " ")
            assert label == " ".join(node.label.split())
            for text, css, _y, _part in node.lines:
                assert "…" not in text
                label = "--label" in css
                size = alignment_map.LABEL_SIZE if label else alignment_map.TEXT_SIZE
                assert alignment_map.text_width(text, size, bold=label) <= (
                    alignment_map.TEXT_WIDTH
                )
            assert node.lines[-1][2] < node.y + node.height  # every line inside its box


def test_long_names_and_words_wrap_onto_lines_that_fit():
    lines = alignment_map.wrap(
        "Braintree and Witham Extended Schools Partnership for Learning", 15, bold=True
    )
    assert len(lines) > 1 and " ".join(lines).startswith("Braintree and Witham")
    widths = [alignment_map.text_width(line, 15, True) for line in lines]
    assert max(widths) <= alignment_map.TEXT_WIDTH
    [*parts] = alignment_map.wrap("x" * 80, 14)
    assert "".join(parts) == "x" * 80 and len(parts) > 1


def test_links_to_key_questions_cross_less_than_in_the_old_order(demo):
    old = new = 0
    for project in demo:
        new_crossings = alignment_map.crossings(selectors.project_map(project).layout)
        old_crossings = alignment_map.crossings(
            selectors.project_map(project, order_by_key_questions=False).layout
        )
        assert new_crossings <= old_crossings, project
        old, new = old + old_crossings, new + new_crossings
    assert new < old
    assert new <= 30  # 25 on the demo when written, from 45 in the old order


def test_links_to_key_questions_are_a_layer_that_can_be_hidden(admin_client_demo, demo):
    essex = next(project for project in demo if project.la.name == "Essex")
    url = reverse("enquiries:project_map", args=[essex.pk])
    shown = admin_client_demo.get(url).content.decode()
    hidden = admin_client_demo.get(url, {"key_links": "hide"}).content.decode()
    layer = re.search(r'<g class="app-map-layer app-map-layer--key-links">(.*?)</g>', shown, re.S)
    assert layer and layer.group(1).count("<path") >= 10
    assert 'class="app-map app-map--hide-key-links"' in hidden
    assert 'class="app-map app-map--hide-key-links"' not in shown
    assert 'name="key_links" type="checkbox" value="hide" checked' in hidden
    # The picture scrolls in its own focusable, labelled box; the script is a file (CSP).
    assert 'class="app-map__scroll" tabindex="0" role="region" aria-label=' in shown
    assert "js/alignment-map.js" in shown and "<script>" not in shown


@pytest.mark.parametrize("name", ["Essex", "Dorset"])
def test_the_demo_maps_cost_a_fixed_number_of_queries(
    admin_client_demo, demo, name, django_assert_num_queries
):
    project = next(project for project in demo if project.la.name == name)
    url = reverse("enquiries:project_map", args=[project.pk])
    admin_client_demo.get(url)
    # session, user, scope (+ facilitations), project, the questions, their links,
    # latest reviews, unread notifications.
    with django_assert_num_queries(9):
        admin_client_demo.get(url, {"key_links": "hide"})
