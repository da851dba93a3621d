"""Surgery notes, the seeds' way: the consultant writes the notes of a surgery for
Harlow and Epping and sends them to be checked; Harlow's lead asks for a correction;
the consultant revises (the change is shown); once Epping and Harlow have confirmed,
the notes reach every cluster of the project, Tendring too.

Every page is scanned with axe at 1280 and 320 CSS px (no violation of any impact)
and must not scroll sideways at 320. The register, the people and the surgery are set
up through factories and services; the notes happen in the browser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from meetings import services
from meetings.models import ClusterCheck, MeetingNotes
from meetings.models.notes import LONDON
from networks.models import Role
from tests.browser.helpers import sign_in_quickly
from tests.browser.test_brokerage_journey import fill_date, go, press
from tests.factories import (
    ClusterFactory,
    ClusterParticipationFactory,
    LocalAuthorityFactory,
    ProjectFactory,
    UserFactory,
    grant,
)

CHECK_BY = timezone.localdate() + dt.timedelta(days=5)


@pytest.fixture
def surgery(transactional_db):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    project = ProjectFactory(la=essex, title="Essex learning project")
    clusters = {}
    for name in ("Harlow", "Epping", "Tendring"):
        clusters[name] = ClusterFactory(name=f"{name} cluster", host_la=essex)
        ClusterParticipationFactory(project=project, cluster=clusters[name])
    people = {}
    for name, role, cluster in [
        ("Patricia Oduya", Role.CONSULTANT, "Harlow"),
        ("Fiona Castell", Role.CLUSTER_LEAD, "Harlow"),
        ("Edward Lane", Role.CLUSTER_LEAD, "Epping"),
        ("Tessa Reid", Role.CLUSTER_LEAD, "Tendring"),
    ]:
        user = UserFactory(email=f"{name.split()[0].lower()}@example.org", name=name)
        grant(user, role, cluster=clusters[cluster])
        people[name.split()[0]] = user
    start = dt.datetime.combine(timezone.localdate(), dt.time(13, 30), LONDON)
    meeting = services.meeting_create(
        actor=people["Patricia"],
        project=project,
        kind="surgery",
        title="Surgery: Harlow and Epping",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="County Hall, Chelmsford",
        clusters=[clusters["Harlow"], clusters["Epping"]],
        attendees=[people["Patricia"], people["Fiona"], people["Edward"]],
    )
    return meeting, people, clusters


def as_(page: Page, user) -> None:
    page.context.clear_cookies()
    sign_in_quickly(page, user)


def test_surgery_notes_are_checked_corrected_and_circulated(page: Page, surgery):
    meeting, people, clusters = surgery
    detail = reverse("meetings:detail", args=[meeting.pk])

    # The consultant writes the notes and sends them to Harlow and Epping to check.
    as_(page, people["Patricia"])
    go(page, reverse("home"))
    press(page, page.get_by_role("link", name="Surgery: Harlow and Epping"))
    press(page, page.get_by_role("link", name="Write the notes"))
    page.get_by_label("Notes").fill(
        "Harlow: transition of vulnerable children from Year 5 to Year 7.\n"
        "Epping: partnership with parents."
    )
    press(page, page.get_by_role("button", name="Save the draft"))
    expect(page.get_by_role("main")).to_contain_text("The draft notes are saved.")
    press(page, page.get_by_role("link", name="Send to the clusters to check"))
    fill_date(page, "Clusters check by", 1, 1, 2020)
    press(page, page.get_by_role("button", name="Send the notes"))
    expect(page.get_by_role("alert")).to_contain_text("The check-by date is in the past")
    fill_date(page, "Clusters check by", CHECK_BY.day, CHECK_BY.month, CHECK_BY.year)
    press(page, page.get_by_role("button", name="Send the notes"))
    expect(page.get_by_role("main")).to_contain_text("The notes are with the clusters to check.")

    # Harlow's lead asks for a correction, from the home page.
    as_(page, people["Fiona"])
    go(page, reverse("home"))
    expect(page.get_by_role("main")).to_contain_text("Notes for your cluster to check")
    press(page, page.get_by_role("link", name="Surgery: Harlow and Epping").first)
    page.get_by_label("Ask for corrections").check()
    press(page, page.get_by_role("button", name="Send your answer"))
    expect(page.get_by_role("alert")).to_contain_text("Say what needs correcting")
    page.get_by_label("Ask for corrections").check()
    page.get_by_label("Corrections (needed if you ask for them)").fill(
        "We said Year 6 to Year 7, not Year 5."
    )
    press(page, page.get_by_role("button", name="Send your answer"))
    expect(page.get_by_role("main")).to_contain_text("Your corrections are with the author.")

    # Epping confirms (its lead's own journey is the same as Harlow's).
    check = ClusterCheck.objects.select_related("notes").get(cluster=clusters["Epping"])
    services.notes_answer(actor=people["Edward"], check=check, answer="confirmed")

    # The consultant revises; the change is shown.
    as_(page, people["Patricia"])
    go(page, reverse("home"))
    expect(page.get_by_role("main")).to_contain_text("Notes to revise")
    go(page, detail)
    expect(page.get_by_role("main")).to_contain_text("We said Year 6 to Year 7, not Year 5.")
    press(page, page.get_by_role("link", name="Revise the notes"))
    notes = page.get_by_label("Notes", exact=True)
    notes.fill(notes.input_value().replace("Year 5", "Year 6"))
    page.get_by_label("What changed (optional)").fill("Corrected the year groups")
    press(page, page.get_by_role("button", name="Save the new version"))
    expect(page.get_by_role("main")).to_contain_text("Version 2 of the notes is saved.")
    page.get_by_text("What changed from version 1").click()
    expect(page.locator("ins").first).to_contain_text("6")

    # Harlow confirms the fix: the notes go to every cluster.
    as_(page, people["Fiona"])
    go(page, reverse("meetings:notes_check", args=[meeting.pk]))
    page.get_by_label("Confirm: the notes are right").check()
    press(page, page.get_by_role("button", name="Send your answer"))
    expect(page.get_by_role("main")).to_contain_text("Circulated")
    assert MeetingNotes.objects.get(meeting=meeting).is_circulated

    # Tendring, which was not at the surgery, now reads them.
    as_(page, people["Tessa"])
    go(page, reverse("notifications:list"))
    expect(page.get_by_role("main")).to_contain_text("Notes circulated: Surgery: Harlow and Epping")
    go(page, detail)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Harlow: transition of vulnerable children from Year 6 to Year 7.")
    expect(main).to_contain_text("Filed in the research archive")
