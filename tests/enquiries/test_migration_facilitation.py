"""An older database keeps every facilitation when the register stops naming enquiries.

Before the split, a national facilitator of one initiative and an LA-to-LA facilitator
of a project were RoleAssignment rows with `initiative` / `project` columns (and the
register's invitations could carry them too). This gives the test database that
shape, fills it with such rows, runs the data migration's function, and checks that
every assignment (current and ended) is now a Facilitation with the same person,
dates and granter; that nothing else in the register changed; that each invitation
to such a role is on record in the audit log; and that the columns are gone and the
register's constraints hold again.
"""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction

from enquiries.models import Facilitation, Initiative, Project
from networks.models import AuditEntry, Invitation, Role, RoleAssignment
from tests.factories import (
    InitiativeFactory,
    LocalAuthorityFactory,
    ProjectFactory,
    UserFactory,
    grant,
)

migration = importlib.import_module("enquiries.migrations.0003_facilitation")

SCOPE_CHECKS = {RoleAssignment: "role_has_its_scope", Invitation: "invitation_has_its_scope"}


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _constraints(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))


def _give_the_register_its_old_shape() -> None:
    """Drop today's scope CHECKs (an old row for an LA-to-LA facilitator breaks them)
    and add the old `initiative` and `project` columns back."""
    with connection.schema_editor() as editor:
        for model, name in SCOPE_CHECKS.items():
            if connection.vendor == "sqlite":
                # SQLite rebuilds the table to drop a CHECK: from a model without it.
                kept = model._meta.constraints
                model._meta.constraints = [c for c in kept if c.name != name]
                try:
                    editor._remake_table(model)
                finally:
                    model._meta.constraints = kept
            else:
                editor.execute(f"ALTER TABLE {model._meta.db_table} DROP CONSTRAINT {name}")
        for model in SCOPE_CHECKS:
            for name, target in (("initiative", Initiative), ("project", Project)):
                field = models.ForeignKey(
                    target, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
                )
                field.set_attributes_from_name(name)
                field.model = model
                editor.add_field(model, field)


def _insert(table: str, **values) -> None:
    columns = ", ".join(values)
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))


@pytest.mark.django_db(transaction=True)
def test_it_moves_every_facilitation_out_of_the_register_and_keeps_the_rest():
    essex, kirklees = (
        LocalAuthorityFactory(code="881", name="Essex"),
        LocalAuthorityFactory(code="992", name="Kirklees"),
    )
    initiative = InitiativeFactory(name="LEArning")
    project = ProjectFactory(initiative=initiative, la=essex)
    national, kq_facilitator, granter = UserFactory(), UserFactory(), UserFactory()
    officer, former = UserFactory(), UserFactory()
    coleader = UserFactory()
    kept_roles = [
        grant(coleader, Role.LA_COLEADER, la=essex),
        grant(officer, Role.LA_OFFICER, la=kirklees),
        grant(national, Role.NATIONAL_FACILITATOR),  # the national team stays in the register
    ]
    _give_the_register_its_old_shape()
    try:
        roles = "networks_roleassignment"
        common = {"granted_by_id": granter.pk, "la_id": None, "cluster_id": None}
        _insert(
            roles,
            user_id=kq_facilitator.pk,
            role="national_facilitator",
            initiative_id=initiative.pk,
            project_id=None,
            school_id=None,
            started_on=dt.date(2025, 9, 1),
            ended_on=None,
            **common,
        )
        _insert(
            roles,
            user_id=officer.pk,
            role="la_facilitator",
            initiative_id=None,
            project_id=project.pk,
            school_id=None,
            started_on=dt.date(2025, 10, 1),
            ended_on=None,
            **common,
        )
        _insert(
            roles,
            user_id=former.pk,
            role="la_facilitator",
            initiative_id=None,
            project_id=project.pk,
            school_id=None,
            started_on=dt.date(2025, 1, 1),
            ended_on=dt.date(2025, 6, 30),
            **common,
        )
        _insert(
            "networks_invitation",
            email="peer@example.org",
            name="Pat Peer",
            role="la_facilitator",
            initiative_id=None,
            project_id=project.pk,
            la_id=None,
            cluster_id=None,
            school_id=None,
            invited_by_id=granter.pk,
            token_hash="a" * 64,
            created_at=dt.datetime(2025, 11, 1, tzinfo=dt.UTC),
            expires_at=dt.datetime(2030, 11, 15, tzinfo=dt.UTC),
            accepted_at=None,
        )
        assert RoleAssignment.objects.count() == 6

        with connection.schema_editor() as editor:
            migration.move_legacy_facilitations(apps, editor)
    finally:
        # Whatever happened, leave the schema as the rest of the suite expects it.
        with connection.schema_editor() as editor:
            for model in SCOPE_CHECKS:
                if "initiative_id" in _columns(model._meta.db_table):
                    migration._drop_legacy_columns(editor, model, model._meta.db_table)

    moved = {
        (
            f.user_id,
            f.kind,
            f.initiative_id,
            f.project_id,
            f.started_on,
            f.ended_on,
            f.granted_by_id,
        )
        for f in Facilitation.objects.all()
    }
    assert moved == {
        (
            kq_facilitator.pk,
            "initiative",
            initiative.pk,
            None,
            dt.date(2025, 9, 1),
            None,
            granter.pk,
        ),
        (officer.pk, "project", None, project.pk, dt.date(2025, 10, 1), None, granter.pk),
        (
            former.pk,
            "project",
            None,
            project.pk,
            dt.date(2025, 1, 1),
            dt.date(2025, 6, 30),
            granter.pk,
        ),
    }
    # The register keeps exactly the roles it still holds.
    assert set(RoleAssignment.objects.values_list("pk", flat=True)) == {r.pk for r in kept_roles}
    # The invitation to facilitate is on record, and no longer a live link.
    assert not Invitation.objects.exists()
    entry = AuditEntry.objects.get(action="enquiries.facilitation.invitation_retired")
    assert entry.actor_id == granter.pk
    assert entry.changes["email"] == "peer@example.org" and entry.changes["project"] == project.pk

    # The old columns are gone and the scope CHECKs are back: a co-leader with no LA
    # is refused again.
    for model, name in SCOPE_CHECKS.items():
        table = model._meta.db_table
        assert not {"initiative_id", "project_id"} & _columns(table)
        assert name in _constraints(table)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=coleader, role=Role.LA_COLEADER)


@pytest.mark.django_db(transaction=True)
def test_it_does_nothing_on_a_database_made_after_the_split():
    grant(UserFactory(), Role.LA_COLEADER, la=LocalAuthorityFactory())
    before = list(RoleAssignment.objects.values())
    with connection.schema_editor() as editor:
        migration.move_legacy_facilitations(apps, editor)
    assert list(RoleAssignment.objects.values()) == before
    assert not Facilitation.objects.exists() and not AuditEntry.objects.exists()
