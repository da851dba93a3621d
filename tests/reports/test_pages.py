"""The case-study page, asking for a build, and the progress fragment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from networks.models import AuditEntry
from reports import services
from reports.models import ReportBuild

from .content import ACTIVITY, ANSWER, FOCUS, PARTNER, REVISED, enrich, grow

pytestmark = pytest.mark.django_db


def page_url(world) -> str:
    return reverse("reports:case_study", args=[world.project_x.pk])


def test_the_page_shows_every_section(client, world):
    enrich(world)
    client.force_login(world.person("lead_a"))  # a reader: sees the project
    response = client.get(page_url(world))
    assert response.status_code == 200
    text = response.content.decode()
    for expected in (FOCUS, REVISED, "Braintree cluster", ANSWER, ACTIVITY, PARTNER):
        assert expected.replace("'", "&#x27;") in text, expected
    for section in ("focus", "question", "clusters", "plans", "feedback", "logs", "brokerage"):
        assert f'id="section-{section}"' in text
    assert "Build the PDF" not in text  # a cluster lead reads it but does not ask for one
    assert "No PDF of the case study has been made yet." in text


def test_a_coleader_asks_for_a_build_and_sees_it_done(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.person("co_x"))
    assert "Build the PDF" in client.get(page_url(world)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:build_request", args=[world.project_x.pk]))
    assert response.status_code == 302
    assert response["Location"] == page_url(world) + "#build"
    build = ReportBuild.objects.get()
    assert build.is_done  # eager in tests: the task ran as the request committed
    page = client.get(page_url(world)).content.decode()
    assert build.version.get_download_url() in page
    assert "Build a new version of the PDF" in page
    download = client.get(build.version.get_download_url())
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_progress_while_it_is_being_built(client, world):
    build = services.report_build_request(actor=world.person("co_x"), project=world.project_x)
    ReportBuild.objects.filter(pk=build.pk).update(status="building", progress=42, step="Brokerage")
    client.force_login(world.person("lead_a"))
    page = client.get(page_url(world)).content.decode()
    url = reverse("reports:build_progress", args=[build.pk])
    assert f'hx-get="{url}"' in page and 'value="42"' in page
    assert "Refresh to see how far it has got" in page
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert (
        "being built: brokerage" in body and "<html" not in body and 'hx-trigger="every 2s"' in body
    )
    # Without htmx: the page itself.
    plain = client.get(url)
    assert plain.status_code == 302 and plain["Location"] == page_url(world) + "#build"
    # Once done, the fragment stops polling and offers the PDF.
    services.report_build_run(build.pk)  # claimed by nobody: runs
    ReportBuild.objects.filter(pk=build.pk).update(claim_expires_at=None)
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done


def test_asking_twice_says_it_is_already_being_built(client, world):
    services.report_build_request(actor=world.person("co_x"), project=world.project_x)
    AuditEntry.objects.all().delete()
    client.force_login(world.person("co_x"))
    response = client.post(reverse("reports:build_request", args=[world.project_x.pk]), follow=True)
    assert "already being built" in response.content.decode()
    assert ReportBuild.objects.count() == 1 and not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/projects/999999/case-study/",
        "/case-study-builds/999999/progress/",
    ],
)
def test_ids_that_are_nothing_answer_404(client, world, url):
    client.force_login(world.person("co_x"))
    assert client.get(url).status_code == 404


def test_a_foreign_project_is_404_and_builds_nothing(client, world):
    client.force_login(world.person("outsider"))
    response = client.post(reverse("reports:build_request", args=[world.project_x.pk]))
    assert response.status_code == 404
    assert not ReportBuild.objects.exists()


def test_the_page_costs_the_same_queries_however_large_the_project(
    client, world, django_assert_max_num_queries
):
    enrich(world)
    client.force_login(world.person("co_x"))
    with django_assert_max_num_queries(60) as small:
        assert client.get(page_url(world)).status_code == 200
    grow(world, 12)
    with django_assert_max_num_queries(60) as large:
        assert client.get(page_url(world)).status_code == 200
    assert len(large) == len(small)
