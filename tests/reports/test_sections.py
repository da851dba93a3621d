"""Each section's limits: a county's project prints a bounded report, saying what it
left out."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from reports.sections import clusters, feedback, questions

from .content import ANSWER, enrich

pytestmark = pytest.mark.django_db


def test_digests_are_cut_to_their_limits_and_say_so(world, monkeypatch):
    enrich(world)
    monkeypatch.setattr(feedback, "ANSWER_LIMIT", 0)
    monkeypatch.setattr(feedback, "NAME_LIMIT", 0)
    data = feedback.feedback_loops(world.project_x)
    (digest,) = data.digests
    assert digest.prompts[0].answers == [] and digest.prompts[0].more == 1
    assert digest.not_answered == [] and digest.not_answered_more == 1
    html = render_to_string(
        "reports/sections/feedback.html", {"data": data, "project": world.project_x}
    )
    assert ANSWER not in html
    assert "1 more answer in the loop" in html and "Did not answer: 1 cluster." in html


def test_clusters_beyond_the_limit_are_counted_not_listed(world, monkeypatch):
    enrich(world)
    monkeypatch.setattr(clusters, "CLUSTER_LIMIT", 1)
    data = clusters.clusters(world.project_x)
    assert [row.participation.cluster.name for row in data.rows] == ["Braintree cluster"]
    assert data.total == 2 and data.left_out == 1
    assert data.rated == {"Not reviewed yet": 1, "Mostly aligned": 1}  # every cluster
    html = render_to_string(
        "reports/sections/clusters.html", {"data": data, "project": world.project_x}
    )
    assert "1 more are on the project" in html and "Harlow cluster" not in html


def test_a_long_history_keeps_the_first_and_the_newest_wordings(world, monkeypatch):
    from enquiries import services

    monkeypatch.setattr(questions, "REVISION_LIMIT", 3)
    co_x = world.person("co_x")
    for n in range(4):
        services.enquiry_revise(enquiry=world.enquiry("q_x"), actor=co_x, text=f"Wording {n}?")
    data = questions.question_history(world.project_x)
    assert [step.revision.number for step in data.steps] == [1, 4, 5]
    assert data.left_out == 2
    assert [chunk.kind for chunk in data.steps[1].diff if chunk.kind != "equal"]  # vs the first


def test_surgeries_print_only_circulated_notes_within_their_limits(world, monkeypatch):
    from reports.sections import meetings

    from .content import CHECKING_NOTES, CIRCULATED_NOTES, DRAFT_NOTES, SURGERY

    enrich(world)
    data = meetings.surgeries(world.project_x)
    assert data.total == 4 and data.surgery_total == 3
    assert dict(data.kinds)["Think tank"] == 1
    assert [row.meeting.title for row in data.surgeries] == [
        "Harlow and Braintree surgery",
        "Braintree surgery",
        SURGERY,
    ]
    assert data.surgeries[0].clusters == ["Braintree cluster", "Harlow cluster"]
    assert [row.notes_circulated for row in data.surgeries] == [False, False, True]
    (entry,) = data.circulated
    assert entry.text == CIRCULATED_NOTES and entry.clusters == ["Harlow cluster"]

    monkeypatch.setattr(meetings, "SURGERY_LIMIT", 1)
    monkeypatch.setattr(meetings, "NOTES_CHARS", 20)
    data = meetings.surgeries(world.project_x)
    assert len(data.surgeries) == 1 and data.surgeries_left_out == 2
    (entry,) = data.circulated  # the newest circulated, though not listed above
    assert entry.cut and len(entry.text) == 20
    html = render_to_string(
        "reports/sections/surgeries.html", {"data": data, "project": world.project_x}
    )
    assert "The newest 1 of 3 are listed" in html and "cut short" in html
    assert DRAFT_NOTES not in html and CHECKING_NOTES not in html
    assert CIRCULATED_NOTES not in html  # cut to 20 characters
