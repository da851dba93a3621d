"""Who may ask for a case study has one definition (reports/access_q.py); the
predicate in reports/rules.py must agree with it, person by person and project by
project, over the generated worlds of tests/enquiries/test_access_agreement.py. And
whoever may ask may also file it in the archive (archive_add_version is called with
permitted=True on that understanding): every requester takes part in or manages the
project."""

from __future__ import annotations

import pytest

from enquiries import rules as enquiry_rules
from enquiries import rules_logs
from enquiries.models import Project
from networks.models import User
from reports import access_q, rules
from tests.enquiries.test_access_agreement import SEEDS, _fresh, build_generated_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_may_request_agrees_with_its_queryset(seed):
    build_generated_world(seed)
    projects = list(Project.objects.select_related("la", "initiative"))
    disagreements = []
    requesters = 0
    for person in User.objects.all():
        user = _fresh(person)
        in_sql = set(
            Project.objects.filter(access_q.report_requestable_projects(user)).values_list(
                "pk", flat=True
            )
        )
        for project in projects:
            may = rules.may_request_report(user, project)
            if may != (project.pk in in_sql):
                disagreements.append(f"{user.email}: project {project.pk}")
            if may:
                requesters += 1
                assert enquiry_rules.sees_project(user, project)
                assert rules_logs.may_add_to_archive(user, project)
    assert not disagreements, "\n".join(disagreements[:40])
    assert requesters > 10
