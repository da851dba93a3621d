"""Essex's project with three clusters: Harlow and Epping meet at a surgery, Tendring
does not (but gets the circulated notes). A consultant and a link adviser to Harlow,
each cluster's lead, a member of Harlow, a co-leader, and an outsider."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from meetings import services
from meetings.models.notes import LONDON
from networks.models import Role
from tests.factories import (
    ClusterFactory,
    ClusterParticipationFactory,
    LocalAuthorityFactory,
    ProjectFactory,
    UserFactory,
    grant,
)


def person(name: str, role=None, **scope):
    user = UserFactory(email=f"{name.lower().replace(' ', '.')}@example.org", name=name)
    if role is not None:
        grant(user, role, **scope)
    return user


def date_fields(prefix: str, day) -> dict:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def london(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def essex(db):
    la = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    other_la = LocalAuthorityFactory(code="928", name="Northamptonshire", region="East Midlands")
    project = ProjectFactory(la=la, title="Essex learning project")
    other_project = ProjectFactory(la=other_la, title="Northamptonshire project")
    harlow = ClusterFactory(name="Harlow cluster", host_la=la)
    epping = ClusterFactory(name="Epping cluster", host_la=la)
    tendring = ClusterFactory(name="Tendring cluster", host_la=la)
    corby = ClusterFactory(name="Corby cluster", host_la=other_la)
    for cluster in (harlow, epping, tendring):
        ClusterParticipationFactory(project=project, cluster=cluster)
    ClusterParticipationFactory(project=other_project, cluster=corby)
    w = SimpleNamespace(
        la=la,
        other_la=other_la,
        project=project,
        other_project=other_project,
        harlow=harlow,
        epping=epping,
        tendring=tendring,
        corby=corby,
        coleader=person("Co Leader", Role.LA_COLEADER, la=la),
        consultant=person("Con Sultant", Role.CONSULTANT, cluster=harlow),
        adviser=person("Link Adviser", Role.LINK_ADVISER, cluster=epping),
        harlow_lead=person("Harlow Lead", Role.CLUSTER_LEAD, cluster=harlow),
        harlow_member=person("Harlow Member", Role.CLUSTER_MEMBER, cluster=harlow),
        epping_lead=person("Epping Lead", Role.CLUSTER_LEAD, cluster=epping),
        tendring_lead=person("Tendring Lead", Role.CLUSTER_LEAD, cluster=tendring),
        outsider=person("Out Sider", Role.LA_COLEADER, la=other_la),
        staff=UserFactory(email="staff@example.org", name="Staff", is_staff=True),
    )
    return w


def make_surgery(w, **extra):
    fields = {
        "kind": "surgery",
        "title": "Surgery: Harlow and Epping",
        "starts_at": london(2026, 10, 14, 10, 0),
        "ends_at": london(2026, 10, 14, 12, 0),
        "place": "County Hall, Chelmsford",
        "clusters": [w.harlow, w.epping],
        "attendees": [w.consultant, w.harlow_lead, w.epping_lead],
        "agenda": "Focus, networking and question.",
    }
    fields.update(extra)
    return services.meeting_create(actor=w.consultant, project=w.project, **fields)


@pytest.fixture
def surgery(essex):
    return make_surgery(essex)
