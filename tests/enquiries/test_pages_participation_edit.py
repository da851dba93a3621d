"""Changing a cluster's ECM focus and kinds of networking (enquiries:participation_edit)."""

import re

import pytest
from django.urls import reverse

from enquiries.models import ClusterParticipation
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:participation_edit")


def reload(participation):
    return ClusterParticipation.objects.get(pk=participation.pk)


def test_it_shows_the_current_focus_ticked(as_, world):
    body = as_("co_x").get(url(world.part_a)).content.decode()
    assert re.search(r'value="enjoy_and_achieve"\s*checked', body)
    assert not re.search(r'value="be_healthy"\s*checked', body)
    assert "Every Child Matters focus" in body and "Kinds of networking" in body


def test_it_saves_the_focus(as_, world):
    response = as_("co_x").post(
        url(world.part_a),
        {"ecm_outcomes": ["be_healthy", "stay_safe"], "networking_kinds": ["pupil_voice"]},
    )
    assert response["Location"] == reverse("enquiries:participation_detail", args=[world.part_a.pk])
    participation = reload(world.part_a)
    assert participation.ecm_outcomes == ["be_healthy", "stay_safe"]
    assert participation.networking_kinds == ["pupil_voice"]


def test_it_clears_the_focus_when_nothing_is_ticked(as_, world):
    response = as_("co_x").post(url(world.part_a), {})
    assert response.status_code == 302
    assert reload(world.part_a).ecm_outcomes == []


def test_it_refuses_a_forged_choice_and_changes_nothing(as_, world):
    response = as_("co_x").post(url(world.part_a), {"ecm_outcomes": ["be_rich"]})
    assert response.status_code == 200
    assert "Choose from the Every Child Matters outcomes listed" in response.content.decode()
    assert reload(world.part_a).ecm_outcomes == ["enjoy_and_achieve"]


def test_it_forbids_the_cluster_lead(as_, world):
    assert as_("lead_a").get(url(world.part_a)).status_code == 403
    assert as_("lead_a").post(url(world.part_a), {}).status_code == 403
    assert reload(world.part_a).ecm_outcomes == ["enjoy_and_achieve"]


def test_it_hides_the_participation_from_an_outsider(as_, world):
    assert as_("co_y").get(url(world.part_a)).status_code == 404
    assert as_("co_y").post(url(world.part_a), {}).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.post(url(world.part_a), {})
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_put(as_, world):
    assert as_("co_x").put(url(world.part_a)).status_code == 405
