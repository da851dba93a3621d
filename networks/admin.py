"""Django admin for the register and for people: the administrator's back office.

Every changelist names what its rows show in list_select_related, so a page of 100
rows costs the same few queries as a page of one.
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .admin_audit import AuditedAdmin
from .models import (
    AuditEntry,
    Cluster,
    Invitation,
    LocalAuthority,
    Membership,
    OutboxEmail,
    RoleAssignment,
    School,
    User,
)

SCOPE_RELATIONS = ("la", "cluster", "school")


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(AuditedAdmin):
    list_display = ("code", "name", "region")
    list_filter = ("region",)
    search_fields = ("code", "name")
    ordering = ("name",)


@admin.register(School)
class SchoolAdmin(AuditedAdmin):
    list_display = ("urn", "name", "la", "phase", "status", "town")
    list_filter = ("status", "phase")
    list_select_related = ("la",)
    # "urn__exact": the whole URN, so 100 does not find every URN containing it.
    # (Not "=urn": its iexact lookup fails on a non-numeric term; this one compares
    # the URN as text.) Names and postcodes are matched anywhere.
    search_fields = ("urn__exact", "name", "postcode")
    autocomplete_fields = ("la",)
    ordering = ("name",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("school",)
    fields = ("school", "joined_on", "left_on", "is_lead")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("school")


@admin.register(Cluster)
class ClusterAdmin(AuditedAdmin):
    list_display = ("name", "kind", "host_la", "founded_on", "dissolved_on")
    list_filter = ("kind", ("dissolved_on", admin.EmptyFieldListFilter))
    list_select_related = ("host_la",)
    search_fields = ("name", "host_la__name")
    autocomplete_fields = ("host_la",)
    inlines = [MembershipInline]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ("role", *SCOPE_RELATIONS, "started_on", "ended_on")
    autocomplete_fields = ("la", "cluster", "school")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*SCOPE_RELATIONS)


class PersonChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
        field_classes: ClassVar[dict] = {}


class PersonCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "name")
        field_classes: ClassVar[dict] = {}

    def clean_email(self) -> str:
        # Addresses are kept lower-case, as UserManager does, so sign-in finds them.
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise self.instance.unique_error_message(User, ["email"])
        return email


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    """Django's UserAdmin for a model with an email and one name field, no username."""

    form = PersonChangeForm
    add_form = PersonCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("name", "organisation", "job_title")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "name", "organisation", "is_staff", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active")
    search_fields = ("email", "name", "organisation")
    ordering = ("email",)
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ("user", "role", "scope_label", "started_on", "ended_on", "granted_by")
    list_filter = ("role", ("ended_on", admin.EmptyFieldListFilter))
    list_select_related = ("user", "granted_by", *SCOPE_RELATIONS)
    search_fields = ("user__email", "user__name")
    autocomplete_fields = ("user", "granted_by", "la", "cluster", "school")
    date_hierarchy = "started_on"

    @admin.display(description="where")
    def scope_label(self, obj: RoleAssignment) -> str:
        return obj.scope_label


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin):
    """Invitations are made on the site, which emails the link; the admin can look,
    correct a name or withdraw one (delete), but not mint a link nobody receives."""

    list_display = (
        "email",
        "role",
        "scope_label",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    )
    list_filter = ("role", ("accepted_at", admin.EmptyFieldListFilter))
    list_select_related = ("invited_by", *SCOPE_RELATIONS)
    search_fields = ("email", "name", "invited_by__email")
    readonly_fields = ("token_hash", "invited_by", "created_at", "accepted_at")
    raw_id_fields = ("la", "cluster", "school")
    date_hierarchy = "created_at"

    @admin.display(description="where")
    def scope_label(self, obj: Invitation) -> str:
        return obj.scope_label

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """The account-email outbox, to see what is waiting or failed and why. Read-only:
    rows are written by the services and the senders; there is no message to read
    (it is built, with its link, only when it is sent)."""

    list_display = ("__str__", "recipient", "created_at", "attempts", "sent_at", "failed_at")
    list_filter = ("kind", ("sent_at", admin.EmptyFieldListFilter), "failed_at")
    list_select_related = ("invitation", "user")
    search_fields = ("invitation__email", "user__email")
    date_hierarchy = "created_at"

    @admin.display(description="to")
    def recipient(self, obj: OutboxEmail) -> str:
        return obj.invitation.email if obj.invitation else obj.user.email if obj.user else ""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only: written by the services (and by admin saves), never here."""

    list_display = ("created_at", "action", "object_repr", "actor", "la")
    list_filter = ("action", "object_type")
    list_select_related = ("actor", "la", "object_type")
    search_fields = ("action", "object_repr", "actor__email")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
