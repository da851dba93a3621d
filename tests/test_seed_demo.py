"""seed_demo: idempotent, README's sign-ins, passwords only in development."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from devtools.demo.register import DEMO_EMAILS, DEMO_PASSWORD, ESSEX, HARLOW_CLUSTER
from enquiries.models import Facilitation
from networks.models import Cluster, LocalAuthority, Membership, Role, RoleAssignment, School, User

pytestmark = pytest.mark.django_db(transaction=False)

README = Path(__file__).resolve().parent.parent / "README.md"
COUNTED = [
    ("networks", "LocalAuthority"),
    ("networks", "School"),
    ("networks", "Cluster"),
    ("networks", "Membership"),
    ("networks", "User"),
    ("networks", "RoleAssignment"),
    ("enquiries", "Initiative"),
    ("enquiries", "Project"),
    ("enquiries", "ClusterParticipation"),
    ("enquiries", "Enquiry"),
    ("enquiries", "QuestionRevision"),
    ("enquiries", "EnquiryEvent"),
    ("enquiries", "EnquiryLink"),
    ("enquiries", "AlignmentReview"),
    ("notifications", "Notification"),
    ("enquiries", "PlanItem"),
    ("enquiries", "Milestone"),
    ("enquiries", "FeedbackLoop"),
    ("enquiries", "FeedbackResponse"),
    ("enquiries", "FeedbackAnswer"),
    ("enquiries", "LogEntry"),
    ("evidence", "EvidenceItem"),
    ("evidence", "Baseline"),
    ("evidence", "KeyDriver"),
    ("enquiries", "LogAttachment"),
    ("enquiries", "LogSchedule"),
    ("enquiries", "ArchiveCategory"),
    ("enquiries", "ArchiveItem"),
    ("enquiries", "ArchiveFileVersion"),
]


def counts() -> dict[str, int]:
    return {f"{app}.{name}": apps.get_model(app, name).objects.count() for app, name in COUNTED}


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return counts()


def test_it_changes_nothing_the_second_time(seeded, settings):
    passwords = dict(User.objects.values_list("email", "password"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert counts() == seeded
    assert dict(User.objects.values_list("email", "password")) == passwords


def test_it_gives_essex_reflective_logs_and_an_archive(seeded):
    from enquiries.models import ArchiveItem, LogAttachment, LogEntry

    assert LogEntry.objects.filter(project__la__code=ESSEX).count() == 2
    assert LogAttachment.objects.get().kind == "audio"
    plan = ArchiveItem.objects.get(title="Essex project plan")
    assert plan.versions.count() == 2


def test_it_makes_the_readme_sign_ins(seeded):
    readme_emails = re.findall(r"`([\w.-]+@demo\.enquiry-networks\.test)`", README.read_text())
    assert readme_emails == DEMO_EMAILS
    for email in DEMO_EMAILS:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD), email
    assert f"`{DEMO_PASSWORD}`" in README.read_text()
    admin = User.objects.get(email="admin@demo.enquiry-networks.test")
    assert admin.is_staff and admin.is_superuser


def test_each_sign_in_holds_its_role(seeded):
    def roles(local):
        return set(
            RoleAssignment.objects.current()
            .filter(user__email=f"{local}@demo.enquiry-networks.test")
            .values_list("role", flat=True)
        )

    assert roles("facilitator") == {Role.NATIONAL_FACILITATOR}
    assert roles("coleader") == {Role.LA_COLEADER}
    assert roles("officer") == {Role.LA_OFFICER}
    assert roles("la-facilitator") == {Role.LA_OFFICER}
    facilitation = Facilitation.objects.current().get(user__email__startswith="la-facilitator@")
    assert facilitation.project.la.code == ESSEX
    assert roles("consultant") == {Role.CONSULTANT}
    assert roles("link-adviser") == {Role.LINK_ADVISER}
    lead = RoleAssignment.objects.get(user__email__startswith="cluster-lead@")
    assert (lead.role, lead.cluster.name) == (Role.CLUSTER_LEAD, HARLOW_CLUSTER)
    assert roles("cluster-member") == {Role.CLUSTER_MEMBER}
    contact = RoleAssignment.objects.get(user__email__startswith="school-contact@")
    assert contact.school.clusters.filter(name=HARLOW_CLUSTER).exists()


def test_essex_has_eight_clusters_and_isolated_schools(seeded):
    essex = LocalAuthority.objects.get(code=ESSEX)
    clusters = Cluster.objects.filter(host_la=essex)
    assert clusters.count() == 8
    assert clusters.filter(name=HARLOW_CLUSTER).exists()
    assert len(set(clusters.values_list("kind", flat=True))) >= 3
    assert Membership.objects.filter(cluster__host_la=essex, left_on__isnull=False).exists()
    assert clusters.filter(memberships__is_lead=True).distinct().count() == 8
    assert School.objects.filter(la=essex).isolated().exists()
    assert School.objects.filter(status=School.Status.CLOSED).exists()
    assert LocalAuthority.objects.count() == 152


def test_a_trust_crosses_an_la_boundary(seeded):
    trust = Cluster.objects.get(kind=Cluster.Kind.TRUST)
    assert trust.schools.values("la").distinct().count() == 2


def test_the_essex_enquiry_has_a_history(seeded):
    Enquiry = apps.get_model("enquiries", "Enquiry")
    AlignmentReview = apps.get_model("enquiries", "AlignmentReview")
    essex_question = Enquiry.objects.get(level="la", project__la__code=ESSEX)
    assert essex_question.revisions.count() >= 4
    cluster_questions = Enquiry.objects.filter(level="cluster", project__la__code=ESSEX)
    assert cluster_questions.count() == 8
    assert set(cluster_questions.values_list("status", flat=True)) == {
        "draft", "submitted", "changes_requested", "agreed",
    }  # fmt: skip
    assert Enquiry.objects.filter(level="national").count() == 3
    assert Enquiry.objects.filter(level="la").count() == 20
    ratings = set(AlignmentReview.objects.values_list("rating", flat=True))
    assert ratings == {"aligned", "mostly", "partly", "not_aligned"}
    assert any(review.is_stale for review in AlignmentReview.objects.all())


def test_without_debug_nobody_can_sign_in(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--register-only", stdout=open("/dev/null", "w"))
    for email in DEMO_EMAILS:
        assert not User.objects.get(email=email).has_usable_password()
    # And a later development run turns them on.
    settings.DEBUG = True
    call_command("seed_demo", "--register-only", stdout=open("/dev/null", "w"))
    assert User.objects.get(email=DEMO_EMAILS[0]).check_password(DEMO_PASSWORD)


def test_demo_password_and_accounts_commands(settings, capsys):
    settings.DEBUG = True
    call_command("demo_password")
    assert capsys.readouterr().out.strip() == DEMO_PASSWORD
    settings.DEBUG = False
    call_command("demo_password")
    assert DEMO_PASSWORD not in capsys.readouterr().out
    call_command("demo_accounts")
    out = capsys.readouterr().out
    for email in DEMO_EMAILS:
        assert email in out


def test_its_dates_follow_the_story_not_the_day_it_was_loaded(seeded):
    """Clusters joined at the launch and facilitators started with the projects, before
    the history that follows: never "joined" on the day the demo was loaded."""
    from django.db.models import Max, Min

    from devtools.demo.enquiries import LAUNCH, STARTS_ON
    from enquiries.models import ClusterParticipation, EnquiryEvent, Project

    joined = ClusterParticipation.objects.aggregate(first=Min("joined_on"), last=Max("joined_on"))
    assert joined == {"first": LAUNCH, "last": LAUNCH}
    assert set(Facilitation.objects.values_list("started_on", flat=True)) == {STARTS_ON}
    first_event = EnquiryEvent.objects.aggregate(first=Min("created_at"))["first"]
    assert all(p.created_at < first_event for p in Project.objects.all())
    assert Membership.objects.aggregate(last=Max("joined_on"))["last"] < LAUNCH


def test_the_school_contact_has_a_question_to_write(seeded, client):
    contact = User.objects.get(email="school-contact@demo.enquiry-networks.test")
    client.force_login(contact)
    body = client.get("/").content.decode()
    assert "Write your school&#x27;s question" in body


def test_essex_has_plans_a_timeline_and_feedback_loops(seeded):
    from enquiries.models import FeedbackLoop, PlanItem

    items = PlanItem.objects.filter(project__la__code=ESSEX)
    assert items.count() >= 10
    assert set(items.values_list("strand", flat=True)) == {"activity", "outcomes", "processes"}
    assert items.filter(needs__isnull=False).exists()
    loops = FeedbackLoop.objects.filter(project__la__code=ESSEX)
    assert loops.filter(closed_at__isnull=False).count() == 1
    assert loops.filter(opened_at__isnull=False, closed_at__isnull=True).count() == 1
