"""CSV exports of the register's list pages: the same people may download them, with
the same filters, as may read the pages (each view reuses the page's selector and
filter form). Rows stream from `QuerySet.iterator`, so memory stays bounded however
long the list; every text cell is neutralised against spreadsheet formulas."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from networks import selectors
from networks.csv_export import csv_streaming_response
from networks.filters import LocalAuthorityFilter, SchoolFilter
from networks.http import AuthenticatedHttpRequest
from networks.models import Invitation
from networks.templatetags.audit_tags import action_words, change_lines

CHUNK = 2000


def _in_cluster(school) -> str:
    if school.in_active_cluster:
        return "Yes"
    return "Isolated" if school.counts_as_open else "No"


@require_GET
@login_required
def la_list_csv(request: HttpRequest) -> StreamingHttpResponse:
    form = LocalAuthorityFilter(request.GET)
    las = form.filter(selectors.la_directory(request.user)).order_by("name", "code")
    header = ["Local authority", "LA code", "Region", "Open schools", "Active clusters"]
    rows = (
        (la.name, la.code, la.region, la.open_schools, la.active_clusters)
        for la in las.iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response("Local authorities", header, rows)


@require_GET
@login_required
def la_schools_csv(request: AuthenticatedHttpRequest, code: str) -> StreamingHttpResponse:
    la = selectors.get_la_for_user(request.user, code)
    form = SchoolFilter(request.GET)
    schools = form.filter(selectors.la_schools(la)).order_by("name", "urn")
    header = ["School", "URN", "Phase", "Status", "Pupils", "Town", "Postcode", "In a cluster"]
    rows = (
        (
            school.name,
            school.urn,
            school.get_phase_display(),
            school.get_status_display(),
            school.pupils,
            school.town,
            school.postcode,
            _in_cluster(school),
        )
        for school in schools.iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response(f"{la.name} schools", header, rows)


@require_GET
@login_required
def la_isolated_csv(request: HttpRequest, code: str) -> StreamingHttpResponse:
    la = selectors.get_la_for_user(request.user, code)
    header = ["School", "URN", "Phase", "Town", "Postcode", "Pupils"]
    rows = (
        (
            school.name,
            school.urn,
            school.get_phase_display(),
            school.town,
            school.postcode,
            school.pupils,
        )
        for school in selectors.isolated_schools(la).iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response(f"{la.name} isolated schools", header, rows)


@require_GET
@login_required
def la_clusters_csv(request: HttpRequest, code: str) -> StreamingHttpResponse:
    """The clusters an LA hosts (its page's table)."""
    la = selectors.get_la_for_user(request.user, code)
    header = ["Cluster", "Kind", "Current members", "Lead school named", "Founded", "Dissolved"]
    rows = (
        (
            cluster.name,
            cluster.get_kind_display(),
            cluster.member_count,  # type: ignore[attr-defined]
            bool(cluster.has_lead_school),  # type: ignore[attr-defined]
            cluster.founded_on,
            cluster.dissolved_on,
        )
        for cluster in selectors.clusters_hosted_by(la).iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response(f"{la.name} clusters", header, rows)


@require_GET
@login_required
def la_people_csv(request: HttpRequest, code: str) -> StreamingHttpResponse:
    """People with roles at an LA and its clusters (its page's table: no emails)."""
    la = selectors.get_la_for_user(request.user, code)
    header = ["Name", "Role", "Where", "Organisation", "Since"]
    rows = (
        (
            assignment.user.name,
            assignment.get_role_display(),
            assignment.cluster.name if assignment.cluster else la.name,
            assignment.user.organisation,
            assignment.started_on,
        )
        for assignment in selectors.people_at_la(la).iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response(f"{la.name} people", header, rows)


@require_GET
@login_required
def audit_log_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    trail = selectors.audit_trail(request.user, la_code=request.GET.get("la", ""))
    if trail is None:
        raise PermissionDenied
    header = ["When", "Who", "What", "Action code", "Object", "LA", "Details"]
    rows = (
        (
            entry.created_at,
            str(entry.actor) if entry.actor else "The system",
            action_words(entry.action),
            entry.action,
            entry.object_repr,
            entry.la.name if entry.la else "",
            "; ".join(f"{key}: {text}" for key, text in change_lines(entry.changes)),
        )
        for entry in trail.entries.iterator(chunk_size=CHUNK)
    )
    name = f"Audit trail {trail.la.name}" if trail.la else "Audit trail"
    return csv_streaming_response(name, header, rows)


@require_GET
@login_required
def invitation_list_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The invitations this person has sent (as their page), newest first."""
    invitations = Invitation.objects.filter(invited_by=request.user).select_related(
        "la", "cluster", "school"
    )
    header = ["Name", "Email", "Role", "Where", "Sent", "Status", "Accepted", "Expires"]
    rows = (
        (
            invitation.name,
            invitation.email,
            invitation.get_role_display(),
            invitation.scope_label,
            invitation.created_at,
            "Accepted"
            if invitation.accepted_at
            else ("Pending" if invitation.is_usable else "Expired"),
            invitation.accepted_at,
            invitation.expires_at,
        )
        for invitation in invitations.iterator(chunk_size=CHUNK)
    )
    return csv_streaming_response("Invitations sent", header, rows)
