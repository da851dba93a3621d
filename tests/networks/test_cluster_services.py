"""Writes for clusters and their membership (networks.cluster_services): each one's
effect, who may make it, and bad input refused with nothing changed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from networks import cluster_services as services
from networks.cluster_services import ClusterError
from networks.models import AuditEntry, Cluster, Membership, MembershipProposal, Role, School
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def officer(la):
    user = UserFactory(email="officer@example.org", name="Olive Officer")
    grant(user, Role.LA_OFFICER, la=la)
    return user


@pytest.fixture
def member(cluster):
    user = UserFactory(email="member@example.org")
    grant(user, Role.CLUSTER_MEMBER, cluster=cluster)
    return user


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.org", is_staff=True)


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


# --- cluster_create -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["coleader", "officer", "staff"])
def test_it_sets_up_a_cluster_for_the_host_las_officers_and_staff(request, la, who):
    actor = request.getfixturevalue(who)
    cluster = services.cluster_create(
        actor=actor,
        host_la=la,
        name="  Epping   Forest Schools ",
        kind=Cluster.Kind.PARTNERSHIP,
        description="Five schools.",
        founded_on=date(2024, 9, 1),
    )
    assert (cluster.name, cluster.kind, cluster.host_la) == (
        "Epping Forest Schools",
        "partnership",
        la,
    )
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.actor, entry.la) == ("networks.cluster.created", actor, la)
    assert entry.changes["host_la"] == "881"


@pytest.mark.parametrize("who", ["cluster_lead", "member", "outsider", "national_facilitator"])
def test_it_refuses_anyone_else_a_cluster(request, la, who):
    with pytest.raises(PermissionDenied):
        services.cluster_create(actor=request.getfixturevalue(who), host_la=la, name="New")
    assert not Cluster.objects.filter(name="New").exists() and not actions()


@pytest.mark.parametrize(
    "name, kind, founded, message",
    [
        ("", "cluster", None, "Give the cluster a name."),
        ("Bad\x07name", "cluster", None, "control characters"),
        ("Harlow CLUSTER", "cluster", None, "already hosts a cluster called"),
        ("New", "gang", None, "Choose what kind"),
        ("New", "cluster", TODAY + timedelta(days=1), "cannot be in the future"),
    ],
)
def test_it_refuses_bad_details_and_changes_nothing(
    coleader, la, cluster, name, kind, founded, message
):
    before = Cluster.objects.count()
    with pytest.raises(ClusterError, match=message):
        services.cluster_create(
            actor=coleader, host_la=la, name=name, kind=kind, founded_on=founded
        )
    assert Cluster.objects.count() == before and not actions()


# --- cluster_update -----------------------------------------------------------------------


def test_it_changes_the_details_with_before_and_after(coleader, cluster):
    changes = services.cluster_update(
        actor=coleader,
        cluster=cluster,
        name="Harlow Learning Partnership",
        kind=Cluster.Kind.PARTNERSHIP,
        description=cluster.description,
    )
    assert changes == {
        "name": ["Harlow cluster", "Harlow Learning Partnership"],
        "kind": ["cluster", "partnership"],
    }
    cluster.refresh_from_db()
    assert cluster.name == "Harlow Learning Partnership"
    [entry] = AuditEntry.objects.all()
    assert entry.action == "networks.cluster.changed" and entry.changes["kind"] == changes["kind"]


def test_it_writes_nothing_when_nothing_changed(coleader, cluster):
    same = {"name": cluster.name, "kind": cluster.kind, "description": cluster.description}
    assert services.cluster_update(actor=coleader, cluster=cluster, **same) == {}
    assert not actions()


def test_it_refuses_a_founding_date_after_a_school_joined(coleader, cluster):
    cluster.memberships.update(joined_on=date(2020, 9, 1))
    with pytest.raises(ClusterError, match="before that founding date"):
        services.cluster_update(
            actor=coleader,
            cluster=cluster,
            name=cluster.name,
            kind=cluster.kind,
            founded_on=date(2021, 1, 1),
        )


@pytest.mark.parametrize("who", ["cluster_lead", "outsider"])
def test_it_refuses_changes_from_others(request, cluster, who):
    with pytest.raises(PermissionDenied):
        services.cluster_update(
            actor=request.getfixturevalue(who), cluster=cluster, name="Renamed", kind="cluster"
        )
    cluster.refresh_from_db()
    assert cluster.name == "Harlow cluster"


def test_it_refuses_to_change_a_dissolved_cluster(coleader, cluster):
    cluster.dissolved_on = date(2024, 7, 31)
    cluster.save()
    with pytest.raises(PermissionDenied):
        services.cluster_update(actor=coleader, cluster=cluster, name="Renamed", kind="cluster")


# --- membership_add -----------------------------------------------------------------------


def test_it_adds_a_school_of_another_la_joining_today(coleader, cluster, other_la):
    school = SchoolFactory(la=other_la, name="Corby Primary")
    membership = services.membership_add(actor=coleader, cluster=cluster, school=school)
    assert (membership.joined_on, membership.left_on, membership.is_lead) == (TODAY, None, False)
    [entry] = AuditEntry.objects.all()
    assert entry.action == "networks.membership.added"
    assert entry.la == cluster.host_la  # the host LA's trail
    assert entry.changes["school"] == school.urn


def test_it_adds_the_lead_school_and_the_old_lead_stops_leading(coleader, cluster, la):
    old = cluster.memberships.get()
    school = SchoolFactory(la=la)
    services.membership_add(
        actor=coleader, cluster=cluster, school=school, joined_on=date(2025, 9, 1), is_lead=True
    )
    old.refresh_from_db()
    assert not old.is_lead
    assert cluster.memberships.get(school=school).is_lead


def test_it_lets_a_school_rejoin_after_leaving_keeping_the_history(coleader, cluster):
    membership = cluster.memberships.get()
    school = membership.school
    membership.joined_on = date(2020, 1, 1)
    membership.save()
    services.membership_end(actor=coleader, membership=membership, left_on=date(2024, 7, 31))
    services.membership_add(actor=coleader, cluster=cluster, school=school)
    assert cluster.memberships.filter(school=school).count() == 2


def test_it_answers_a_pending_proposal_when_the_school_is_added(coleader, cluster_lead, cluster):
    school = SchoolFactory(la=cluster.host_la)
    proposal = services.membership_propose(actor=cluster_lead, cluster=cluster, school=school)
    membership = services.membership_add(actor=coleader, cluster=cluster, school=school)
    proposal.refresh_from_db()
    assert proposal.status == MembershipProposal.Status.CONFIRMED
    assert proposal.membership == membership


@pytest.mark.parametrize(
    "make_school, joined_on, message",
    [
        (lambda c: c.memberships.get().school, None, "already a member"),
        (lambda c: SchoolFactory(status=School.Status.CLOSED), None, "has closed"),
        (lambda c: SchoolFactory(), TODAY + timedelta(days=1), "cannot be in the future"),
        (lambda c: SchoolFactory(), date(1990, 1, 1), "before Harlow cluster was founded"),
    ],
)
def test_it_refuses_a_school_that_cannot_join(coleader, cluster, make_school, joined_on, message):
    cluster.founded_on = date(2001, 9, 1)
    cluster.save()
    before = Membership.objects.count()
    with pytest.raises(ClusterError, match=message):
        services.membership_add(
            actor=coleader, cluster=cluster, school=make_school(cluster), joined_on=joined_on
        )
    assert Membership.objects.count() == before and not actions()


@pytest.mark.parametrize("who", ["cluster_lead", "member", "outsider"])
def test_it_lets_only_the_las_officers_add_schools(request, cluster, who):
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=request.getfixturevalue(who), cluster=cluster, school=SchoolFactory()
        )
    assert cluster.memberships.count() == 1


# --- membership_end -----------------------------------------------------------------------


def test_it_records_leaving_and_keeps_the_membership(coleader, cluster):
    membership = cluster.memberships.get()
    services.membership_end(actor=coleader, membership=membership)
    membership.refresh_from_db()
    assert membership.left_on == TODAY and not membership.is_current
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert actions() == ["networks.membership.ended"]


@pytest.mark.parametrize(
    "left_on, message",
    [
        (TODAY + timedelta(days=1), "cannot be in the future"),
        (date(2019, 1, 1), "cannot leave before it joined"),
    ],
)
def test_it_refuses_a_bad_leaving_date(coleader, cluster, left_on, message):
    membership = cluster.memberships.get()
    membership.joined_on = date(2020, 1, 1)
    membership.save()
    with pytest.raises(ClusterError, match=message):
        services.membership_end(actor=coleader, membership=membership, left_on=left_on)
    membership.refresh_from_db()
    assert membership.left_on is None


def test_it_refuses_to_end_a_membership_twice(coleader, cluster):
    membership = cluster.memberships.get()
    services.membership_end(actor=coleader, membership=membership)
    stale = Membership.objects.select_related("cluster", "school").get(pk=membership.pk)
    stale.left_on = None  # as a second page, loaded before the first ended it, would have it
    with pytest.raises(ClusterError, match="has already left"):
        services.membership_end(actor=coleader, membership=stale)
    assert actions() == ["networks.membership.ended"]


def test_it_refuses_a_cluster_lead_ending_a_membership(cluster_lead, cluster):
    with pytest.raises(PermissionDenied):
        services.membership_end(actor=cluster_lead, membership=cluster.memberships.get())


# --- membership_set_lead ------------------------------------------------------------------


def test_it_names_a_new_lead_school(coleader, cluster, la):
    old = cluster.memberships.get()
    new = MembershipFactory(cluster=cluster, school=SchoolFactory(la=la))
    services.membership_set_lead(actor=coleader, membership=new)
    old.refresh_from_db()
    new.refresh_from_db()
    assert new.is_lead and not old.is_lead
    [entry] = AuditEntry.objects.all()
    assert entry.action == "networks.membership.lead_changed"
    assert entry.changes == {"cluster": cluster.pk, "from": [old.school_id], "to": new.school_id}


def test_it_refuses_the_lead_school_again(coleader, cluster):
    with pytest.raises(ClusterError, match="already the lead school"):
        services.membership_set_lead(actor=coleader, membership=cluster.memberships.get())


def test_it_refuses_a_school_that_has_left_as_lead(coleader, cluster, la):
    gone = MembershipFactory(
        cluster=cluster, school=SchoolFactory(la=la), joined_on=date(2020, 1, 1)
    )
    gone.left_on = date(2021, 1, 1)
    gone.save()
    with pytest.raises(ClusterError, match="is not a member"):
        services.membership_set_lead(actor=coleader, membership=gone)


def test_it_refuses_a_cluster_lead_choosing_the_lead_school(cluster_lead, cluster, la):
    new = MembershipFactory(cluster=cluster, school=SchoolFactory(la=la))
    with pytest.raises(PermissionDenied):
        services.membership_set_lead(actor=cluster_lead, membership=new)


# --- Proposals ------------------------------------------------------------------------------


def test_a_cluster_lead_proposes_and_the_la_confirms(cluster_lead, officer, cluster, other_la):
    school = SchoolFactory(la=other_la)
    proposal = services.membership_propose(
        actor=cluster_lead, cluster=cluster, school=school, note=" They asked. "
    )
    assert proposal.is_pending and proposal.note == "They asked."
    assert not cluster.memberships.filter(school=school).exists()  # not until the LA says

    membership = services.membership_confirm(
        actor=officer, proposal=proposal, joined_on=date(2025, 9, 1)
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.membership) == (
        "confirmed",
        officer,
        membership,
    )
    assert membership.joined_on == date(2025, 9, 1) and membership.cluster == cluster
    assert actions() == ["networks.membership.proposed", "networks.membership.confirmed"]
    assert {e.la for e in AuditEntry.objects.all()} == {cluster.host_la}


def test_the_la_declines_saying_why(cluster_lead, coleader, cluster):
    proposal = services.membership_propose(
        actor=cluster_lead, cluster=cluster, school=SchoolFactory()
    )
    services.membership_decline(actor=coleader, proposal=proposal, note="Ask the head first.")
    proposal.refresh_from_db()
    assert proposal.is_declined and proposal.decision_note == "Ask the head first."
    assert cluster.memberships.count() == 1
    assert actions()[-1] == "networks.membership.declined"


def test_a_proposal_is_answered_once(cluster_lead, coleader, cluster):
    proposal = services.membership_propose(
        actor=cluster_lead, cluster=cluster, school=SchoolFactory()
    )
    stale = MembershipProposal.objects.get(pk=proposal.pk)
    services.membership_decline(actor=coleader, proposal=proposal)
    with pytest.raises(ClusterError, match="already answered"):
        services.membership_confirm(actor=coleader, proposal=stale)
    assert cluster.memberships.count() == 1


def test_it_refuses_proposing_a_school_twice_or_a_member(cluster_lead, cluster):
    school = SchoolFactory()
    services.membership_propose(actor=cluster_lead, cluster=cluster, school=school)
    with pytest.raises(ClusterError, match="already been proposed"):
        services.membership_propose(actor=cluster_lead, cluster=cluster, school=school)
    with pytest.raises(ClusterError, match="already a member"):
        services.membership_propose(
            actor=cluster_lead, cluster=cluster, school=cluster.memberships.first().school
        )
    assert MembershipProposal.objects.count() == 1


@pytest.mark.parametrize("who", ["coleader", "member", "outsider"])
def test_only_the_clusters_leads_propose(request, cluster, who):
    with pytest.raises(PermissionDenied):
        services.membership_propose(
            actor=request.getfixturevalue(who), cluster=cluster, school=SchoolFactory()
        )
    assert not MembershipProposal.objects.exists()


def test_a_cluster_lead_cannot_answer_their_own_proposal(cluster_lead, cluster):
    proposal = services.membership_propose(
        actor=cluster_lead, cluster=cluster, school=SchoolFactory()
    )
    with pytest.raises(PermissionDenied):
        services.membership_confirm(actor=cluster_lead, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_a_lead_of_another_cluster_cannot_propose_here(cluster, la):
    elsewhere = ClusterFactory(host_la=la)
    lead = UserFactory()
    grant(lead, Role.CLUSTER_LEAD, cluster=elsewhere)
    with pytest.raises(PermissionDenied):
        services.membership_propose(actor=lead, cluster=cluster, school=SchoolFactory())
