"""The schools register: LAs, schools (from GIAS), clusters and their memberships."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from networks.search.columns import KeepsSearchColumns, SearchColumnsMixin
from networks.search.text import normalise, postcode_key
from networks.validators import refuse_control_characters


def search_column(source: str):
    """A column search reads instead of `source`: written by the model, never by hand
    (networks.search.columns)."""
    return models.TextField(
        editable=False, blank=True, default="", help_text=f"{source}, normalised for search"
    )


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class LocalAuthorityQuerySet(SearchColumnsMixin, models.QuerySet["LocalAuthority"]):
    def visible_to(self, user) -> LocalAuthorityQuerySet:
        from networks.scope import scope_for

        scope = scope_for(user)
        return self if scope.sees_everything else self.filter(pk__in=scope.la_ids)

    def cluster_hosts_for(self, user) -> LocalAuthorityQuerySet:
        """LAs in which the person may set up clusters: the ones whose co-leader or
        officer they are (every LA for staff). networks.rules.may_create_cluster_in
        says the same for one LA; a test holds them equal."""
        from networks.scope import scope_for

        if not _signed_in(user):
            return self.none()
        if user.is_staff:
            return self
        return self.filter(pk__in=scope_for(user).officer_la_ids)


class LocalAuthority(KeepsSearchColumns, models.Model):
    code = models.CharField("LA code", max_length=3, unique=True, help_text="Three-digit DfE code")
    name = models.CharField(max_length=100)
    region = models.CharField(max_length=60, blank=True)
    search_name = search_column("name")

    search_columns = {"search_name": ("name", normalise)}
    objects = LocalAuthorityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "local authority"
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:la_detail", args=[self.code])


class SchoolQuerySet(SearchColumnsMixin, models.QuerySet):
    def open(self) -> SchoolQuerySet:
        return self.filter(status=School.Status.OPEN)

    def visible_to(self, user) -> SchoolQuerySet:
        from networks.scope import scope_for

        scope = scope_for(user)
        if scope.sees_everything:
            return self
        return self.filter(
            Q(la_id__in=scope.la_ids)
            | Q(pk__in=scope.school_ids)
            | Q(memberships__cluster_id__in=scope.cluster_ids)
        ).distinct()

    def isolated(self) -> SchoolQuerySet:
        """Open schools in no active cluster: the ones networks could leave behind."""
        # NOT EXISTS rather than NOT IN: an anti-join on each school's own memberships.
        active = Membership.objects.active().filter(school=models.OuterRef("pk"))
        return self.open().exclude(models.Exists(active))


class School(KeepsSearchColumns, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PROPOSED_TO_OPEN = "proposed", "Proposed to open"
        OPEN_PROPOSED_TO_CLOSE = "closing", "Open, but proposed to close"
        CLOSED = "closed", "Closed"

    class Phase(models.TextChoices):
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        MIDDLE_DEEMED_PRIMARY = "middle_primary", "Middle deemed primary"
        SECONDARY = "secondary", "Secondary"
        MIDDLE_DEEMED_SECONDARY = "middle_secondary", "Middle deemed secondary"
        SIXTEEN_PLUS = "16_plus", "16 plus"
        ALL_THROUGH = "all_through", "All-through"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    urn = models.PositiveIntegerField("URN", unique=True, help_text="Unique reference number")
    name = models.CharField(max_length=200, validators=[refuse_control_characters])
    la = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="schools", verbose_name="LA"
    )
    type = models.CharField("type of establishment", max_length=100, blank=True)
    type_group = models.CharField("establishment type group", max_length=100, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    phase = models.CharField(
        max_length=20, choices=Phase.choices, default=Phase.NOT_APPLICABLE, db_index=True
    )
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    pupils = models.PositiveIntegerField("number of pupils", null=True, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    trust_name = models.CharField(max_length=200, blank=True)
    search_name = search_column("name")
    search_postcode = search_column("postcode")

    search_columns = {
        "search_name": ("name", normalise),
        "search_postcode": ("postcode", postcode_key),
    }
    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name", "urn"]
        indexes = [models.Index(fields=["la", "status", "phase"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:school_detail", args=[self.urn])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.OPEN_PROPOSED_TO_CLOSE)

    @property
    def counts_as_open(self) -> bool:
        """The test SchoolQuerySet.open() makes: coverage and isolation count these."""
        return self.status == self.Status.OPEN


class ClusterQuerySet(SearchColumnsMixin, models.QuerySet):
    def visible_to(self, user) -> ClusterQuerySet:
        from networks.scope import scope_for

        scope = scope_for(user)
        if scope.sees_everything:
            return self
        return self.filter(Q(host_la_id__in=scope.la_ids) | Q(pk__in=scope.cluster_ids))

    def active(self) -> ClusterQuerySet:
        return self.filter(dissolved_on__isnull=True)

    def members_managed_by(self, user) -> ClusterQuerySet:
        """Running clusters whose details, members and lead school the person may
        change: those hosted by an LA they co-lead or are an officer of (any, for
        staff). networks.rules.manages_members is the same test for one cluster."""
        from networks.scope import scope_for

        if not _signed_in(user):
            return self.none()
        running = self.active()
        if user.is_staff:
            return running
        return running.filter(host_la_id__in=scope_for(user).officer_la_ids)

    def proposable_by(self, user) -> ClusterQuerySet:
        """Running clusters the person leads, to which they may propose a member for
        the host LA to confirm (networks.rules.may_propose_member)."""
        from networks.scope import scope_for

        if not _signed_in(user):
            return self.none()
        return self.active().filter(pk__in=scope_for(user).lead_cluster_ids)


class Cluster(KeepsSearchColumns, models.Model):
    """A network of schools. May include schools of other LAs; hosted by one."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", "Cluster"
        FEDERATION = "federation", "Federation"
        NLC = "nlc", "Networked learning community"
        AIP = "aip", "Area improvement partnership"
        TRUST = "trust", "Trust or multi-academy trust"
        PARTNERSHIP = "partnership", "Partnership"

    name = models.CharField(max_length=200, validators=[refuse_control_characters])
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CLUSTER)
    host_la = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="clusters", verbose_name="host LA"
    )
    description = models.TextField(blank=True)
    founded_on = models.DateField("founded", null=True, blank=True)
    dissolved_on = models.DateField("dissolved", null=True, blank=True)
    schools = models.ManyToManyField(School, through="Membership", related_name="clusters")
    search_name = search_column("name")

    search_columns = {"search_name": ("name", normalise)}
    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["host_la", "name"], name="cluster_name_unique_in_la"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:cluster_detail", args=[self.pk])


def active_membership_q(prefix: str = "", on=None) -> Q:
    """The one definition of an active membership, as a condition (on memberships, or
    through a relation with `prefix`, e.g. "memberships__"): joined on or before the
    day (or with no joining date), not yet left, in a cluster not dissolved.
    `Membership.is_active_on` says the same for a row in memory; a test holds them equal.
    """
    on = on or timezone.localdate()

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    return (
        (q(joined_on__lte=on) | q(joined_on__isnull=True))
        & (q(left_on__gt=on) | q(left_on__isnull=True))
        & q(cluster__dissolved_on__isnull=True)
    )


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None) -> MembershipQuerySet:
        """Memberships current on a date (today by default) in clusters still running."""
        return self.filter(active_membership_q(on=on))


class Membership(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField("joined", null=True, blank=True)
    left_on = models.DateField("left", null=True, blank=True)
    is_lead = models.BooleanField("lead school", default=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["cluster", "school__name"]
        constraints = [
            # A school may leave and rejoin, but holds one open membership at a time.
            models.UniqueConstraint(
                fields=["cluster", "school"],
                condition=Q(left_on__isnull=True),
                name="one_open_membership_per_school_and_cluster",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} in {self.cluster}"

    def is_active_on(self, on=None) -> bool:
        """active_membership_q for one row (reads its cluster: load it with the row)."""
        on = on or timezone.localdate()
        return (
            (self.joined_on is None or self.joined_on <= on)
            and (self.left_on is None or self.left_on > on)
            and self.cluster.dissolved_on is None
        )

    @property
    def is_current(self) -> bool:
        return self.is_active_on()
