"""The case-study page (the latest finished build, as it was built), asking for a
build, and the progress fragment."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from enquiries import services as enquiry_services
from networks.models import AuditEntry
from reports import services
from reports.models import ReportBuild

from .content import (
    ACTIVITY,
    ANSWER,
    CIRCULATED_NOTES,
    DRAFT_NOTES,
    FOCUS,
    PARTNER,
    REVISED,
    SURGERY,
    enrich,
    grow,
)

pytestmark = pytest.mark.django_db

SECTION_KEYS = (
    "focus",
    "question",
    "clusters",
    "plans",
    "surgeries",
    "feedback",
    "logs",
    "brokerage",
)


def page_url(world) -> str:
    return reverse("reports:case_study", args=[world.project_x.pk])


def built(world, who="co_x") -> ReportBuild:
    """A finished build, as the task makes it (eager: run here)."""
    build = services.report_build_request(actor=world.person(who), project=world.project_x)
    assert services.report_build_run(build.pk)
    return ReportBuild.objects.select_related("version").get(pk=build.pk)


def main(page: str) -> str:
    """The page's main part, but for its CSRF token (new on every request)."""
    part = page[page.index("<main") : page.index("</main>")]
    return re.sub(r'csrfmiddlewaretoken" value="[^"]+', "", part)


def html(text: str) -> str:
    return text.replace("'", "&#x27;")


def test_without_a_build_readers_are_told_there_is_none_yet(client, world):
    enrich(world)
    client.force_login(world.person("lead_a"))  # a reader: sees the project
    page = client.get(page_url(world)).content.decode()
    assert "There is no case study of this project yet." in page
    assert "can build one" in page and "<form" not in page.split('id="build"')[1]
    assert FOCUS not in page and 'id="section-focus"' not in page  # nothing collected live


def test_without_a_build_those_who_may_build_are_offered_it(client, world):
    client.force_login(world.person("co_x"))
    page = client.get(page_url(world)).content.decode()
    assert "There is no case study of this project yet. Build it" in page
    assert "Build the case study" in page
    assert "No PDF of the case study has been made yet." in page


def test_the_page_shows_the_latest_finished_build(client, world):
    enrich(world)
    build = built(world)
    client.force_login(world.person("lead_a"))
    page = client.get(page_url(world)).content.decode()
    for expected in (FOCUS, REVISED, "Braintree cluster", ANSWER, ACTIVITY, PARTNER, SURGERY):
        assert html(expected) in page, expected
    assert html(CIRCULATED_NOTES) in page and html(DRAFT_NOTES) not in page
    for key in SECTION_KEYS:
        assert f'id="section-{key}"' in page
    assert "by Co X." in page and "Built on " in page
    assert build.version.get_download_url() in page and "version 1" in page
    assert "Build a new version" not in page  # a cluster lead reads it, does not build it
    assert "There is no case study" not in page


def test_changes_after_a_build_reach_the_page_only_with_the_next_build(client, world):
    enrich(world)
    first = built(world)
    client.force_login(world.person("co_x"))
    before = client.get(page_url(world)).content.decode()
    newer = "How can clusters lead the county's ECM strategy for transition and beyond?"
    enquiry_services.enquiry_revise(
        enquiry=world.enquiry("q_x"), actor=world.person("co_x"), text=newer, rationale="Wider."
    )
    grow(world, 2)
    after = client.get(page_url(world)).content.decode()
    assert html(newer) not in after and "Extra cluster 0" not in after
    assert first.version.get_download_url() in after
    assert main(before) == main(after)

    second = built(world)
    page = client.get(page_url(world)).content.decode()
    assert html(newer) in page and "Extra cluster 0" in page
    assert second.version.get_download_url() in page and "version 2" in page
    assert first.version.get_download_url() not in page


def test_a_failed_build_leaves_the_last_finished_one_on_the_page(client, world, monkeypatch):
    from reports import pdf

    enrich(world)
    good = built(world)

    def broken(project, sections_html):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    failed = services.report_build_request(actor=world.person("co_x"), project=world.project_x)
    assert services.report_build_run(failed.pk) is False
    client.force_login(world.person("co_x"))
    page = client.get(page_url(world)).content.decode()
    assert "failed" in page and html(FOCUS) in page
    assert good.version.get_download_url() in page and "Build a new version" in page


def test_a_build_made_before_the_page_kept_its_sections_offers_its_pdf(client, world):
    build = built(world)
    ReportBuild.objects.filter(pk=build.pk).update(sections_html="")  # as migrated
    client.force_login(world.person("co_x"))
    page = client.get(page_url(world)).content.decode()
    assert "made before this page kept a copy" in page and 'id="section-focus"' not in page
    assert build.version.get_download_url() in page and "Build a new version" in page


def test_a_coleader_asks_for_a_build_and_sees_it_done(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.person("co_x"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:build_request", args=[world.project_x.pk]))
    assert response.status_code == 302
    assert response["Location"] == page_url(world) + "#build"
    build = ReportBuild.objects.get()
    assert build.is_done and build.has_snapshot  # eager in tests: ran as the request committed
    page = client.get(page_url(world)).content.decode()
    assert build.version.get_download_url() in page
    assert "Build a new version" in page and 'id="section-focus"' in page
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
    assert fragment.status_code == 200 and "HX-Refresh" not in fragment
    body = fragment.content.decode()
    assert (
        "being built: brokerage" in body and "<html" not in body and 'hx-trigger="every 2s"' in body
    )
    # Without htmx: the page itself.
    plain = client.get(url)
    assert plain.status_code == 302 and plain["Location"] == page_url(world) + "#build"
    # Once done, the fragment stops polling and htmx reloads the page, whose sections
    # are then the new build's (the fragment links to it for a client that does not).
    services.report_build_run(build.pk)  # claimed by nobody: runs
    ReportBuild.objects.filter(pk=build.pk).update(claim_expires_at=None)
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    body = done.content.decode()
    assert "hx-trigger" not in body and "Show the new version on the page" in body


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


# The session and the user (2), the project (1), the person's roles and
# facilitations for "may build" (2), the newest build with the newest finished one
# (1), the unread notifications in the header (1). Never a section's queries.
PAGE_QUERIES = 7


@pytest.mark.parametrize("who", ["co_x", "lead_a"])
def test_the_page_costs_a_small_fixed_number_of_queries(
    client, world, django_assert_num_queries, who
):
    enrich(world)
    client.force_login(world.person(who))
    with django_assert_num_queries(PAGE_QUERIES):  # no build yet
        assert client.get(page_url(world)).status_code == 200
    built(world)
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(page_url(world)).status_code == 200
    grow(world, 12)
    ReportBuild.objects.create(
        project=world.project_x, requested_by=world.person("co_x"), status="failed"
    )
    with django_assert_num_queries(PAGE_QUERIES):  # a failed build after a finished one
        assert client.get(page_url(world)).status_code == 200
    built(world)
    with django_assert_num_queries(PAGE_QUERIES):  # a larger project's build
        assert client.get(page_url(world)).status_code == 200


def test_what_people_wrote_stays_escaped_in_the_kept_sections(client, world):
    """The page prints the build's HTML as it is: the build's templates escaped it."""
    from enquiries.models import Project

    Project.objects.filter(pk=world.project_x.pk).update(
        development_focus='<script>alert("focus")</script> Transition'
    )
    build = built(world)
    assert "<script>alert" not in build.sections_html
    client.force_login(world.person("lead_a"))
    page = client.get(page_url(world)).content.decode()
    assert "&lt;script&gt;alert(&quot;focus&quot;)&lt;/script&gt; Transition" in page
    assert "<script>alert" not in page
