"""A small Essex project for the log and archive tests: its co-leader, an officer,
the Harlow cluster (lead and member) taking part, a school contact, and people who
must see nothing (another LA's co-leader) or see but not take part (the national team).
Import the fixtures into a test module with `from tests.enquiries.logs_world import *`."""

from __future__ import annotations

import pytest

from enquiries import services
from enquiries.models import ClusterParticipation, SchoolParticipation
from networks.models import Role
from tests.factories import (
    ClusterFactory,
    InitiativeFactory,
    MembershipFactory,
    ProjectFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

__all__ = ["essex"]


class Essex:
    pass


@pytest.fixture
def essex(la, other_la, cluster, coleader, cluster_lead, outsider, national_facilitator):
    w = Essex()
    w.la, w.cluster = la, cluster
    w.initiative = InitiativeFactory(name="LEArning")
    w.initiative.participating_las.add(la, other_la)
    w.project = ProjectFactory(initiative=w.initiative, la=la, title="Essex learning project")
    w.other_project = ProjectFactory(initiative=w.initiative, la=other_la, title="Northants")
    for project in (w.project, w.other_project):  # as project_create would
        services.archive_categories_seed(project=project)
    w.participation = ClusterParticipation.objects.create(project=w.project, cluster=cluster)
    w.other_cluster = ClusterFactory(name="Braintree cluster", host_la=la)
    w.school = SchoolFactory(name="Oak Primary", la=la)
    MembershipFactory(cluster=cluster, school=w.school)
    SchoolParticipation.objects.create(cluster_participation=w.participation, school=w.school)
    w.coleader, w.lead, w.outsider = coleader, cluster_lead, outsider
    w.national = national_facilitator
    w.officer = UserFactory(email="officer@example.org", name="Essex Officer")
    grant(w.officer, Role.LA_OFFICER, la=la)
    w.member = UserFactory(email="member@example.org", name="Cluster Member")
    grant(w.member, Role.CLUSTER_MEMBER, cluster=cluster)
    w.contact = UserFactory(email="contact@example.org", name="School Contact")
    grant(w.contact, Role.SCHOOL_CONTACT, school=w.school)
    w.braintree_lead = UserFactory(email="braintree@example.org", name="Braintree Lead")
    grant(w.braintree_lead, Role.CLUSTER_LEAD, cluster=w.other_cluster)
    return w


@pytest.fixture
def uploads_dir(settings, tmp_path):
    """The uploads storage in a folder of this test's own; yields a function listing
    every file in it."""
    folder = tmp_path / "uploads"
    storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(folder)},
    }
    settings.STORAGES = {**settings.STORAGES, "default": storage, "uploads": storage}

    def files() -> list[str]:
        return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())

    return files


__all__ += ["uploads_dir"]
