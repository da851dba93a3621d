"""People, and the roles they hold at each scope (national to school)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone

from networks.search.columns import KeepsSearchColumns, SearchColumnsQuerySet
from networks.search.text import normalise
from networks.text import isolate_bidi
from networks.validators import refuse_control_characters


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_queryset(self) -> SearchColumnsQuerySet:
        # bulk_create and update keep search_name with the name (networks.search.columns).
        return SearchColumnsQuerySet(self.model, using=self._db)

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(KeepsSearchColumns, AbstractUser):
    """A person, signing in with their email address."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    name = models.CharField("full name", max_length=150, validators=[refuse_control_characters])
    organisation = models.CharField(
        max_length=150, blank=True, validators=[refuse_control_characters]
    )
    job_title = models.CharField(max_length=150, blank=True, validators=[refuse_control_characters])
    search_name = models.TextField(
        editable=False, blank=True, default="", help_text="name, normalised for search"
    )
    search_columns = {"search_name": ("name", normalise)}

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    # Ours, not contrib.auth's UserManager: email sign-in, no username.
    objects = UserManager()  # type: ignore[misc, assignment]

    class Meta:
        ordering = ["name", "email"]

    # Isolated: a right-to-left override in a name must not reverse the text around
    # it wherever the name is shown (admin, audit trail, emails).
    def __str__(self) -> str:
        return isolate_bidi(self.name or self.email)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return isolate_bidi(self.name.split(" ")[0] if self.name else self.email)


class Role(models.TextChoices):
    """Roles held in the register's own scopes. Roles held at an initiative or a
    project (facilitating them) belong to the app that owns those: see
    enquiries.models.Facilitation."""

    NATIONAL_FACILITATOR = "national_facilitator", "National facilitator"
    LA_COLEADER = "la_coleader", "LA co-leader"
    LA_OFFICER = "la_officer", "LA officer"
    LINK_ADVISER = "link_adviser", "Link adviser"
    CONSULTANT = "consultant", "Consultant"
    CLUSTER_LEAD = "cluster_lead", "Cluster lead"
    CLUSTER_MEMBER = "cluster_member", "Cluster member"
    SCHOOL_CONTACT = "school_contact", "School contact"


# Which scope field each role is held at; the national team holds its role nationally.
ROLE_SCOPE: dict[str, str | None] = {
    Role.NATIONAL_FACILITATOR: None,
    Role.LA_COLEADER: "la",
    Role.LA_OFFICER: "la",
    Role.LINK_ADVISER: "cluster",
    Role.CONSULTANT: "cluster",
    Role.CLUSTER_LEAD: "cluster",
    Role.CLUSTER_MEMBER: "cluster",
    Role.SCHOOL_CONTACT: "school",
}
SCOPE_FIELDS = ("la", "cluster", "school")
LA_ROLES = (Role.LA_COLEADER, Role.LA_OFFICER)
CLUSTER_ROLES = (Role.CLUSTER_LEAD, Role.CLUSTER_MEMBER, Role.LINK_ADVISER, Role.CONSULTANT)
SCHOOL_ROLES = (Role.SCHOOL_CONTACT,)


def _one_scope_condition() -> Q:
    """Each role sets exactly its own scope field and leaves the others empty."""
    condition = Q()
    for role, field in ROLE_SCOPE.items():
        empty = {f"{other}__isnull": True for other in SCOPE_FIELDS if other != field}
        if field is None:
            condition |= Q(role=role, **empty)
        else:
            condition |= Q(role=role, **{f"{field}__isnull": False}, **empty)
    return condition


def _one_current_assignment_per_scope() -> list[models.UniqueConstraint]:
    """A person holds a role at a scope once at a time.

    One partial constraint per scope field (and one for the national team), because
    SQLite cannot treat the empty scope fields as equal in a single constraint.
    """
    current = Q(ended_on__isnull=True)
    constraints = [
        models.UniqueConstraint(
            fields=["user", "role", field],
            condition=current & Q(**{f"{field}__isnull": False}),
            name=f"one_current_{field}_role",
        )
        for field in SCOPE_FIELDS
    ]
    national = Q(**{f"{field}__isnull": True for field in SCOPE_FIELDS})
    constraints.append(
        models.UniqueConstraint(
            fields=["user", "role"], condition=current & national, name="one_current_national_role"
        )
    )
    return constraints


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self) -> RoleAssignmentQuerySet:
        return self.filter(ended_on__isnull=True)


class ScopedToRole(models.Model):
    """A role plus the one scope it applies to; shared by assignments and invitations."""

    role = models.CharField(max_length=30, choices=Role.choices)
    la = models.ForeignKey(
        "networks.LocalAuthority",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="LA",
    )
    cluster = models.ForeignKey(
        "networks.Cluster", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    school = models.ForeignKey(
        "networks.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def scope(self):
        """The object the role is held at, or None for the national team."""
        field = ROLE_SCOPE[self.role]
        return getattr(self, field) if field else None

    @property
    def scope_label(self) -> str:
        return str(self.scope) if self.scope is not None else "National team"


class RoleAssignment(ScopedToRole):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(condition=_one_scope_condition(), name="role_has_its_scope"),
            *_one_current_assignment_per_scope(),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.scope_label})"


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(ScopedToRole):
    """A single-use, expiring link that lets a person set a password and take up a role."""

    email = models.EmailField()
    name = models.CharField("full name", max_length=150, validators=[refuse_control_characters])
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Only a hash is stored: a database leak must not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=_one_scope_condition(), name="invitation_has_its_scope"
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} as {self.get_role_display()}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()

    def issue_token(self) -> str:
        """Make a fresh link token, store only its hash, and return the token.

        Called as the email is built, so the link exists nowhere but in the email
        (not in the database, not in the broker). Any earlier link stops working.
        """
        token = self.new_token()
        self.token_hash = self.hash_token(token)
        Invitation.objects.filter(pk=self.pk).update(token_hash=self.token_hash)
        return token
