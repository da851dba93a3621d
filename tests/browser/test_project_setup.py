"""An LA co-leader sets up the LA's project in the browser and brings a cluster in.

From the initiative page, the co-leader follows "Set up your LA's project", trips
the form's error summary with an end date before the start date, then sets the
project up with its first LA research question. From the project page they add a
cluster with two Every Child Matters outcomes and a kind of networking, and the
project page shows the cluster with its focus.

A second journey goes further down and sideways: a cluster lead adds a school and
its teacher to the cluster's work and writes the school's question; the national
team assigns an officer of another LA as the project's facilitator, ends the
assignment after confirming, and changes the cluster's focus.

Only what comes before each journey is made through the services and factories;
everything the people do happens in the browser.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from enquiries import services
from networks.models import Role, User
from tests.browser.helpers import follow, sign_in_quickly, visit
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    UserFactory,
    grant,
)

LA_QUESTION = "How can our clusters help children move well from primary to secondary school?"


@pytest.fixture
def initiative(transactional_db):  # live_server implies it; said here for clarity
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    harlow = ClusterFactory(name="Harlow cluster", host_la=essex)
    MembershipFactory(cluster=harlow, is_lead=True)
    ClusterFactory(name="Epping cluster", host_la=essex)
    national = UserFactory(email="national@example.org", name="Nadia National")
    grant(national, Role.NATIONAL_FACILITATOR)
    return services.initiative_create(
        actor=national,
        name="Networked learning for every child",
        las=[essex],
        key_questions=["How do school networks improve outcomes for children?"],
    )


@pytest.fixture
def coleader(initiative):
    user = UserFactory(email="coleader@example.org", name="Colin Coleader")
    grant(user, Role.LA_COLEADER, la=initiative.participating_las.get())
    return user


def fill_date(page: Page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_a_coleader_sets_up_the_project_and_adds_a_cluster(page: Page, initiative, coleader):
    sign_in_quickly(page, coleader)
    visit(page, reverse("enquiries:initiative_detail", args=[initiative.pk]))
    follow(page, page.get_by_role("link", name="Set up your LA's project (Essex)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up Essex's project")

    # The LA is chosen already; an end date before the start date is refused.
    expect(page.get_by_label("Local authority")).to_have_value(
        str(initiative.participating_las.get().pk)
    )
    page.get_by_label("Project title").fill("Essex transition project")
    page.get_by_label("Development focus").fill(
        "Clusters plan transition from primary to secondary together."
    )
    fill_date(page, "Start date (optional)", "1", "9", "2025")
    fill_date(page, "End date (optional)", "31", "7", "2024")
    page.get_by_label("LA research question (optional)").fill(LA_QUESTION)
    page.get_by_label("Why this wording (optional)").fill("Transition is where children fall back.")
    follow(page, page.get_by_role("button", name="Set up the project"))

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("The end date must be the same as or after the start date")
    expect(page).to_have_title(
        "Error: Set up an LA's project in " + initiative.name + " – Enquiry Networks"
    )

    fill_date(page, "End date (optional)", "31", "7", "2026")
    follow(page, page.get_by_role("button", name="Set up the project"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Essex transition project")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Essex's project is set up.")
    expect(main).to_contain_text("1 September 2025 to 31 July 2026")
    expect(page.get_by_role("link", name=LA_QUESTION)).to_be_visible()
    expect(main).to_contain_text("No clusters have joined this project yet.")

    follow(page, page.get_by_role("link", name="Add a cluster"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a cluster")
    page.get_by_label("Cluster", exact=True).select_option(label="Harlow cluster")
    focus = page.get_by_role("group", name="Every Child Matters focus")
    focus.get_by_label("Enjoy and achieve").check()
    focus.get_by_label("Make a positive contribution").check()
    page.get_by_role("group", name="Kinds of networking").get_by_label("Cross-phase").check()
    follow(page, page.get_by_role("button", name="Add the cluster"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Essex transition project")
    expect(main).to_contain_text("Harlow cluster has joined the project.")
    row = page.get_by_role("row", name="Harlow cluster")
    expect(row).to_contain_text("ECM: Enjoy and achieve, Make a positive contribution")
    expect(row).to_contain_text("Networking: Cross-phase")
    expect(row).to_contain_text("No question yet")

    # The cluster's own page shows the same focus.
    follow(page, row.get_by_role("link", name="Harlow cluster"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harlow cluster")
    expect(page.get_by_role("main")).to_contain_text(
        "Enjoy and achieve, Make a positive contribution"
    )


@pytest.fixture
def project(initiative, coleader):
    """Essex's project with Harlow in it and its cluster question written."""
    essex = initiative.participating_las.get()
    project = services.project_create(
        actor=coleader,
        initiative=initiative,
        la=essex,
        title="Essex transition project",
        development_focus="Clusters plan transition together.",
        question=LA_QUESTION,
    )
    harlow = essex.clusters.get(name="Harlow cluster")
    participation = services.cluster_join_project(actor=coleader, project=project, cluster=harlow)
    lead = UserFactory(email="lead@example.org", name="Lena Lead")
    grant(lead, Role.CLUSTER_LEAD, cluster=harlow)
    services.enquiry_create(
        actor=lead,
        text="How does joint planning help pupils settle?",
        cluster_participation=participation,
    )
    northants = LocalAuthorityFactory(code="928", name="Northamptonshire")
    grant(UserFactory(email="peer@example.org", name="Pat Peer"), Role.LA_OFFICER, la=northants)
    return project


def test_a_lead_adds_a_school_and_the_national_team_assigns_a_facilitator(page: Page, project):
    # The cluster lead brings a school and its teacher into Harlow's work, and writes
    # the school's question (a cluster lead owns the school questions too).
    sign_in_quickly(page, User.objects.get(email="lead@example.org"))
    visit(page, project.get_absolute_url())
    follow(page, page.get_by_role("link", name="Harlow cluster"))
    follow(page, page.get_by_role("link", name="Add a school"))
    page.get_by_label("School", exact=True).select_option(index=1)
    page.get_by_label("Teacher (optional)").fill("Ms Oak")
    follow(page, page.get_by_role("button", name="Add the school"))
    expect(page.get_by_role("main")).to_contain_text("Ms Oak")
    follow(page, page.get_by_role("link", name="write the school question"))
    page.get_by_label("Enquiry question").fill("How do our Year 6 pupils feel about moving on?")
    follow(page, page.get_by_role("button", name="Save as draft"))
    expect(page.get_by_role("main")).to_contain_text(
        "How do our Year 6 pupils feel about moving on?"
    )

    # The national team assigns an officer of another LA, then ends the assignment.
    page.context.clear_cookies()
    sign_in_quickly(page, User.objects.get(email="national@example.org"))
    visit(page, project.get_absolute_url())
    follow(page, page.get_by_role("link", name="Assign a facilitator from another LA"))
    follow(page, page.get_by_role("button", name="Assign as facilitator"))
    expect(page.get_by_role("alert")).to_contain_text("Choose the person to assign")
    page.get_by_label("Person").select_option(label="Pat Peer (LA officer, Northamptonshire)")
    follow(page, page.get_by_role("button", name="Assign as facilitator"))
    expect(page.get_by_role("row", name="Pat Peer")).to_be_visible()
    follow(page, page.get_by_role("link", name="End Pat Peer's assignment"))
    follow(page, page.get_by_role("button", name="End the assignment"))
    expect(page.get_by_role("main")).to_contain_text("No LA-to-LA facilitator yet.")

    # The national team may also change the cluster's focus.
    visit(
        page,
        reverse("enquiries:participation_edit", args=[project.cluster_participations.get().pk]),
    )
    page.get_by_label("Stay safe").check()
    follow(page, page.get_by_role("button", name="Save the focus"))
    expect(page.get_by_role("main")).to_contain_text("Stay safe")
