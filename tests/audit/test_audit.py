"""Every service that changes data writes its AuditEntry, in its own transaction.

One row per service (the tables are in tests/audit/cases_<app>.py): call it through
the enquiries test world and check the entries it wrote (action codes, actor, the
object, the LA whose trail it joins). A table test fails when a service exists that
the table does not name, so a new service cannot ship without its audit entry being
checked.
"""

from __future__ import annotations

import inspect

import pytest
from django.db import transaction

from brokerage import services as brokerage_services
from enquiries import services
from evidence import services as evidence_services
from meetings import services as meeting_services
from networks import account_services, cluster_services
from networks import services as network_services
from networks.models import AuditEntry, Invitation
from notifications import services as notification_services
from reports import services as report_services
from tests.audit.cases_brokerage import BROKERAGE_CASES
from tests.audit.cases_enquiries import ENQUIRY_CASES
from tests.audit.cases_evidence import EVIDENCE_CASES
from tests.audit.cases_meetings import MEETING_CASES
from tests.audit.cases_networks import NETWORK_CASES
from tests.audit.cases_reports import REPORT_CASES
from tests.enquiries.factories import shared_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


# One row per service: (service, what to do, the actions it writes in order, whose
# trail: "x" Essex, None), from the tables in tests/audit/cases_<app>.py.
CASES = (
    ENQUIRY_CASES + NETWORK_CASES + BROKERAGE_CASES + MEETING_CASES + REPORT_CASES + EVIDENCE_CASES
)


@pytest.mark.parametrize("name, act, actions, la", CASES, ids=[case[0] for case in CASES])
def test_each_service_writes_its_audit_entries(world, name, act, actions, la):
    AuditEntry.objects.all().delete()
    act(world)
    entries = list(AuditEntry.objects.order_by("created_at", "pk"))
    assert [entry.action for entry in entries] == actions
    trail = {"x": world.la_x, "y": world.la_y, "w": world.la_w, None: None}[la]
    assert entries[-1].la == trail
    for entry in entries:
        assert entry.object_repr or entry.action == "networks.register.imported"


def test_every_service_is_in_the_table():
    """A new service needs a row in a cases_<app>.py table (and so an audit entry)."""
    named = {case[0] for case in CASES}
    writers = set(services.__all__) - {"EnquiryError"}
    writers |= set(brokerage_services.__all__) - {"BrokerageError"}
    writers |= set(meeting_services.__all__) - {"MeetingError", "project_people"}
    writers |= set(report_services.__all__) - {"ReportError"}
    writers |= set(evidence_services.__all__) - {"EvidenceError"}
    writers |= {
        name
        for name, function in inspect.getmembers(network_services, inspect.isfunction)
        if function.__module__ == network_services.__name__
        and name.startswith("invitation_")
        and name not in {"invitation_for_token"}
    }
    writers |= {
        name
        for name, function in inspect.getmembers(notification_services, inspect.isfunction)
        if function.__module__ == notification_services.__name__
        and name.startswith("notification_preferences")
    }
    for module in (cluster_services, account_services):
        writers |= {
            name
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if function.__module__ == module.__name__ and not name.startswith("_")
        }
    assert writers - named == set()


def test_the_entry_rolls_back_with_a_change_that_fails(world, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("mail server on fire")

    AuditEntry.objects.all().delete()
    monkeypatch.setattr(services._common, "notify", boom)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    assert not AuditEntry.objects.exists()
    assert world.enquiry("q_a").is_draft


def test_a_refused_change_writes_nothing(world):
    AuditEntry.objects.all().delete()
    with pytest.raises(services.EnquiryError):
        services.enquiry_agree(enquiry=world.enquiry("q_a"), actor=world.person("co_x"))
    assert not AuditEntry.objects.exists() and not Invitation.objects.exists()
