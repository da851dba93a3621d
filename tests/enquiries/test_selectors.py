"""Reads behind the enquiry pages: latest rating per pair, staleness, and the
querysets that must agree with the rules predicates."""

import pytest

from enquiries import alignment_map, selectors, services
from enquiries.models import AlignmentReview, Enquiry
from networks.models import Role, User
from networks.scope import forget_scope
from tests.factories import grant

pytestmark = pytest.mark.django_db

PEOPLE = [
    "national",
    "kq_facilitator",
    "staff",
    "co_x",
    "co_y",
    "co_z",
    "lead_a",
    "lead_a2",
    "lead_b",
    "school_contact",
    "officer_x_facilitating_y",
    "outsider",
]


def rate(world, enquiry, target, rating, by="national", comment=""):
    return services.alignment_review_create(
        enquiry=world.enquiry(enquiry) if isinstance(enquiry, str) else enquiry,
        target=target,
        actor=world.person(by),
        rating=rating,
        comment=comment,
    )


def revise(world, name, text, by):
    return services.enquiry_revise(enquiry=world.enquiry(name), actor=world.person(by), text=text)


# --- Latest review and staleness -------------------------------------------------


def test_it_picks_the_newest_review_of_each_pair(world):
    rate(world, "q_a", world.q_x, "not_aligned")
    newest = rate(world, "q_a", world.q_x, "mostly", by="co_x")
    rate(world, "q_a2", world.q_x, "partly")

    latest = selectors.latest_reviews(enquiry_ids=[world.q_a.pk, world.q_a2.pk])

    assert set(latest) == {(world.q_a.pk, world.q_x.pk), (world.q_a2.pk, world.q_x.pk)}
    assert latest[(world.q_a.pk, world.q_x.pk)].pk == newest.pk
    assert latest[(world.q_a2.pk, world.q_x.pk)].rating == "partly"


def test_it_reads_the_latest_reviews_in_one_query(world, django_assert_num_queries):
    for name in ["q_a", "q_a2"]:
        rate(world, name, world.q_x, "aligned")
        rate(world, name, world.q_x, "partly")
    with django_assert_num_queries(1):
        latest = selectors.latest_reviews(enquiry_ids=[world.q_a.pk, world.q_a2.pk])
        assert not any(review.is_stale for review in latest.values())


def test_it_filters_latest_reviews_by_target(world):
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq1, actor=world.person("lead_a")
    )
    rate(world, "q_a", world.q_x, "aligned")
    rate(world, "q_a", world.kq1, "partly")

    latest = selectors.latest_reviews(enquiry_ids=[world.q_a.pk], target_ids=[world.kq1.pk])

    assert list(latest) == [(world.q_a.pk, world.kq1.pk)]


def test_it_marks_a_review_stale_when_the_enquiry_is_revised(world):
    rate(world, "q_a", world.q_x, "aligned")
    revise(world, "q_a", "What will Harlow learn about transition?", by="lead_a")

    review = selectors.latest_reviews(enquiry_ids=[world.q_a.pk])[(world.q_a.pk, world.q_x.pk)]

    assert review.is_stale


def test_it_marks_a_review_stale_when_the_target_is_revised(world):
    rate(world, "q_a", world.q_x, "aligned")
    revise(world, "q_x", "How can clusters reshape the county's ECM strategy?", by="co_x")

    review = selectors.latest_reviews(enquiry_ids=[world.q_a.pk])[(world.q_a.pk, world.q_x.pk)]

    assert review.is_stale


def test_it_clears_staleness_when_the_pair_is_reviewed_again(world):
    rate(world, "q_a", world.q_x, "aligned")
    revise(world, "q_a", "What will Harlow learn about transition?", by="lead_a")
    rate(world, "q_a", world.q_x, "mostly")

    review = selectors.latest_reviews(enquiry_ids=[world.q_a.pk])[(world.q_a.pk, world.q_x.pk)]

    assert not review.is_stale
    assert review.rating == "mostly"


def test_it_lists_a_reviewers_stale_reviews_only_where_theirs_is_the_newest(world):
    national = world.person("national")
    rate(world, "q_a", world.q_x, "aligned")  # by national
    rate(world, "q_a2", world.q_x, "aligned")  # by national, then by co_x
    rate(world, "q_a2", world.q_x, "partly", by="co_x")
    rate(world, "q_b", world.q_y, "aligned")  # stays current
    revise(world, "q_x", "How can clusters reshape the county's ECM strategy?", by="co_x")

    stale = list(selectors.stale_reviews_by(national))

    assert [(r.enquiry_id, r.target_id) for r in stale] == [(world.q_a.pk, world.q_x.pk)]
    assert [
        (r.enquiry_id, r.target_id) for r in selectors.stale_reviews_by(world.person("co_x"))
    ] == [(world.q_a2.pk, world.q_x.pk)]


def test_it_agrees_with_stale_q_in_the_database(world):
    rate(world, "q_a", world.q_x, "aligned")
    rate(world, "q_b", world.q_y, "aligned")
    revise(world, "q_a", "What will Harlow learn about transition?", by="lead_a")

    in_db = set(AlignmentReview.objects.filter(selectors.stale_q()).values_list("pk", flat=True))
    in_python = {
        r.pk for r in AlignmentReview.objects.select_related("enquiry", "target") if r.is_stale
    }

    assert in_db == in_python and len(in_db) == 1


# --- The querysets say what the rules say ---------------------------------------------


def _fresh(world, name) -> User:
    user = world.person(name)
    forget_scope(user)
    return user


def _all_enquiries():
    from enquiries.access import ENQUIRY_RELATED

    return list(Enquiry.objects.select_related(*ENQUIRY_RELATED))


# --- Pages' reads ---------------------------------------------------------------------


def test_it_builds_the_matrix_with_ratings_and_cluster_counts(world):
    services.enquiry_link(
        enquiry=world.enquiry("q_x"), target=world.kq1, actor=world.person("co_x")
    )
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )
    services.enquiry_link(
        enquiry=world.enquiry("q_a2"), target=world.kq2, actor=world.person("lead_a2")
    )
    rate(world, "q_x", world.kq1, "mostly")

    matrix = selectors.initiative_matrix(world.initiative, world.person("national"), 1)

    essex = next(row for row in matrix.rows if row.project == world.project_x)
    kq1_cell, kq2_cell = essex.cells
    assert (kq1_cell.served, kq1_cell.review.rating, kq1_cell.linked_clusters) == (
        True,
        "mostly",
        0,
    )
    assert (kq2_cell.served, kq2_cell.review, kq2_cell.linked_clusters) == (False, None, 2)
    assert [row.project.la.name for row in matrix.rows] == ["Essex", "Kent", "Northamptonshire"]


def test_it_shows_a_member_only_the_projects_they_can_see(world):
    matrix = selectors.initiative_matrix(world.initiative, world.person("co_x"), 1)
    assert [row.project for row in matrix.rows] == [world.project_x]


def test_it_builds_the_map_tree_with_home_and_link_ratings(world):
    services.enquiry_link(
        enquiry=world.enquiry("q_x"), target=world.kq1, actor=world.person("co_x")
    )
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )
    rate(world, "q_a", world.q_x, "partly", by="co_x")
    rate(world, "q_a", world.kq2, "aligned")

    result = selectors.project_map(world.project_x)

    [root] = result.roots
    assert root.enquiry == world.q_x
    harlow = next(item for item in root.children if item.enquiry == world.q_a)
    assert [(p.kind, p.other_key, p.rating) for p in harlow.node.pairs] == [
        ("home", world.q_x.pk, "partly"),
        ("link", world.kq2.pk, "aligned"),
    ]
    assert [item.enquiry for item in harlow.children] == [world.q_oak]
    kq1, kq2 = result.key_questions
    assert [p.other_key for p in kq1.node.pairs] == [world.q_x.pk]
    assert [(p.other_key, p.rating) for p in kq2.node.pairs] == [(world.q_a.pk, "aligned")]
    # The node is coloured by its home rating, not the newer link rating.
    assert harlow.node.rating == "partly"
    kinds = sorted((edge.source.key, edge.target.key, edge.kind) for edge in result.layout.edges)
    assert (world.q_a.pk, world.q_x.pk, "home") in kinds
    assert (world.q_a.pk, world.kq2.pk, "link") in kinds


def test_it_finds_the_work_waiting_for_each_person(world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    rate(world, "q_a2", world.q_x, "aligned", by="co_x")
    revise(world, "q_a2", "What will Braintree learn about parents?", by="lead_a2")

    co_x = selectors.enquiry_work_for(world.person("co_x"))
    lead_a = selectors.enquiry_work_for(world.person("lead_a"))

    assert [e.pk for e in co_x.to_act_on] == [world.q_x.pk]
    assert [e.pk for e in co_x.awaiting_review] == [world.q_a.pk]
    assert co_x.awaiting_review_count == 1
    assert [(r.enquiry_id, r.target_id) for r in co_x.stale_reviews] == [
        (world.q_a2.pk, world.q_x.pk)
    ]
    # The cluster lead also writes the cluster's school questions.
    assert [e.pk for e in lead_a.to_act_on] == [world.q_oak.pk]
    assert lead_a.awaiting_review_count == 0


def test_it_lists_changes_requested_before_drafts(world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    services.enquiry_request_changes(
        enquiry=world.enquiry("q_a"), actor=world.person("co_x"), comment="Sharper, please."
    )
    grant(world.person("lead_a"), Role.CLUSTER_LEAD, cluster=world.cluster_a2)

    work = selectors.enquiry_work_for(world.person("lead_a"))

    assert [e.pk for e in work.to_act_on] == [world.q_a.pk, world.q_a2.pk, world.q_oak.pk]


# --- Map layout (pure) --------------------------------------------------------------


def _node(key, level, parent=None):
    return alignment_map.MapNode(
        key=key,
        level=level,
        label=f"Q{key}",
        text="?",
        status="draft",
        status_label="Draft",
        parent_key=parent,
    )


def test_it_lays_a_parent_midway_between_its_children():
    nodes = [
        _node(1, "national"),
        _node(2, "la"),
        _node(3, "cluster", parent=2),
        _node(4, "cluster", parent=2),
        _node(5, "school", parent=4),
        _node(6, "school", parent=4),
    ]
    layout = alignment_map.layout(nodes, links=[(2, 1)], ratings={(2, 1): ("aligned", True)})
    by_key = {node.key: node for node in layout.nodes}

    assert by_key[3].y < by_key[5].y < by_key[6].y
    assert by_key[5].y >= by_key[3].y + by_key[3].height  # a band each, no overlap
    assert by_key[4].centre_y == (by_key[5].centre_y + by_key[6].centre_y) / 2
    assert by_key[2].centre_y == (by_key[3].centre_y + by_key[4].centre_y) / 2
    assert by_key[1].x < by_key[2].x < by_key[3].x < by_key[5].x
    [link] = [edge for edge in layout.edges if edge.kind == "link"]
    assert (link.rating, link.stale) == ("aligned", True)
    assert "app-map-edge--stale" in link.css_class
    assert layout.height > by_key[6].y + by_key[6].height


def test_it_labels_nodes_in_words_as_well_as_colour():
    node = _node(1, "cluster")
    node.pairs = [
        alignment_map.MapPair(
            other_key=9,
            other_label="Q9",
            kind="home",
            rating="not_aligned",
            rating_label="Not aligned",
            stale=True,
        )
    ]
    alignment_map.layout([node], links=[])
    texts = [text for text, _, _, _ in node.lines]
    assert texts[1] == "Status: Draft"
    assert " ".join(texts[2:]) == "Answers to Q9: Not aligned – review again"
    assert "app-map-node--not-aligned" in node.css_class and "app-map-node--stale" in node.css_class


def test_it_draws_a_column_for_schools_only_when_there_are_school_questions():
    with_schools = alignment_map.layout(
        [_node(1, "national"), _node(2, "la"), _node(3, "cluster", 2), _node(4, "school", 3)], []
    )
    without = alignment_map.layout(
        [_node(1, "national"), _node(2, "la"), _node(3, "cluster", 2)], []
    )
    assert [c.level for c in with_schools.columns] == ["national", "la", "cluster", "school"]
    assert [c.level for c in without.columns] == ["national", "la", "cluster"]
    assert without.width < with_schools.width
