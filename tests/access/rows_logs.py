"""Access-matrix rows for reflective logs and the research archive (see matrix.py).

Taking part in the Essex project (writing entries, adding to the archive): its LA's
co-leader and officer, its LA-to-LA facilitator, the Harlow cluster's people and
Harlow Primary's contact. Staff and the national team see it and manage it (so may
add to its archive and set its cadence) but write no log entries. The world adds
(through the services) an entry of the cluster lead's shared with the project, one
shared with the cluster, a private one of the officer's, each with an attachment,
and an archive item the cluster lead uploaded.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from enquiries import services
from enquiries.models import SchoolParticipation
from tests.files import PDF, PNG

from .matrix import ANONYMOUS, LOGIN, SIGNED_IN, Row, with_audit_effects
from .world import extend_world

OUTSIDER_404 = {ANONYMOUS: LOGIN, "outsider": 404}
PARTICIPANTS = (
    "la_coleader",
    "la_officer",
    "la_facilitator",
    "link_adviser",
    "consultant",
    "cluster_lead",
    "cluster_member",
    "school_contact",
)
MANAGERS = ("staff", "national_facilitator", "la_coleader")
CLUSTER_PEOPLE = ("link_adviser", "consultant", "cluster_lead", "cluster_member")


def only(names, answer, *, others=403) -> dict:
    return {ANONYMOUS: LOGIN, "outsider": 404, **{name: answer for name in names}}, others


@extend_world
def add_logs_and_archive(w) -> None:
    SchoolParticipation.objects.get_or_create(
        cluster_participation=w.participation, school=w.school
    )
    lead, officer = w.users["cluster_lead"], w.users["la_officer"]

    def entry(author, visibility, cluster=None):
        return services.log_entry_create(
            actor=author,
            project=w.project,
            text=f"What I noticed ({visibility}).",
            visibility=visibility,
            cluster=cluster,
            attachments=[("photo.png", PNG)],
        )

    w.log_entry = entry(lead, "project")
    w.cluster_entry = entry(lead, "cluster", w.cluster)
    w.private_entry = entry(officer, "private")
    w.attachment = w.log_entry.attachments.get()
    w.cluster_attachment = w.cluster_entry.attachments.get()
    w.private_attachment = w.private_entry.attachments.get()
    services.archive_categories_seed(project=w.project)
    w.archive_category = w.project.archive_categories.get(slug="planning-documents")
    w.archive_item = services.archive_item_create(
        actor=lead,
        project=w.project,
        category=w.archive_category,
        title="Harlow cluster plan",
        filename="plan.pdf",
        content=PDF,
        cluster=w.cluster,
    )
    w.archive_version = w.archive_item.current_version


def _pdf(w) -> dict:
    return {"file": SimpleUploadedFile("plan-v2.pdf", PDF, content_type="application/pdf")}


def _new_item(w) -> dict:
    return {"category": str(w.archive_category.pk), "title": "Surgery notes, May", **_pdf(w)}


_participants_write, _ = only(PARTICIPANTS, 200)
_managers, _ = only(MANAGERS, 200)
_versioners, _ = only((*MANAGERS, "cluster_lead"), 200)

ROWS: list[Row] = [
    # --- Reflective logs
    Row("enquiries:log_list", args=lambda w: [w.project.pk], expect=OUTSIDER_404),
    Row("enquiries:log_list", args=lambda w: [w.project.pk], method="post", default=405),
    Row(
        "enquiries:log_entry_create",
        args=lambda w: [w.project.pk],
        expect=_participants_write,
        default=403,
    ),
    Row(
        "enquiries:log_entry_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {"text": "A surgery today.", "visibility": "project"},
        expect=only(PARTICIPANTS, 302)[0],
        default=403,
    ),
    Row(
        "enquiries:log_entry_create",
        args=lambda w: [w.other_project.pk],
        # Northamptonshire's co-leader and officer (the LA-to-LA facilitator is one
        # there) take part; staff and the national team see it but write no logs.
        expect={
            ANONYMOUS: LOGIN,
            "outsider": 200,
            "la_facilitator": 200,
            "staff": 403,
            "national_facilitator": 403,
        },
        default=404,
        label="other LA",
    ),
    Row("enquiries:log_entry_create", args=lambda w: [w.project.pk], method="put", default=405),
    Row("enquiries:log_cadence", args=lambda w: [w.project.pk], expect=_managers, default=403),
    Row(
        "enquiries:log_cadence",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {"cadence": "weekly"},
        expect=only(MANAGERS, 302)[0],
        default=403,
    ),
    Row("enquiries:log_cadence", args=lambda w: [w.project.pk], method="put", default=405),
    Row(
        "enquiries:log_attachment_download",
        args=lambda w: [w.attachment.pk],
        expect=OUTSIDER_404,
    ),
    Row(
        "enquiries:log_attachment_download",
        args=lambda w: [w.cluster_attachment.pk],
        expect={ANONYMOUS: LOGIN, **dict.fromkeys(CLUSTER_PEOPLE, 200)},
        default=404,
        label="my cluster",
    ),
    Row(
        "enquiries:log_attachment_download",
        args=lambda w: [w.private_attachment.pk],
        expect={ANONYMOUS: LOGIN, "la_officer": 200},
        default=404,
        label="private",
    ),
    Row(
        "enquiries:log_attachment_download",
        args=lambda w: [w.attachment.pk],
        method="post",
        default=405,
    ),
    Row("enquiries:log_reminder_settings", expect=SIGNED_IN),
    Row(
        "enquiries:log_reminder_settings",
        method="post",
        data=lambda w: {"reminders": "off", "snooze": ""},
        expect=SIGNED_IN,
        default=302,
    ),
    Row("enquiries:log_reminder_settings", method="put", default=405),
    # --- The research archive
    Row("enquiries:archive", args=lambda w: [w.project.pk], expect=OUTSIDER_404),
    Row("enquiries:archive", args=lambda w: [w.project.pk], method="post", default=405),
    Row(
        "enquiries:archive",
        args=lambda w: [w.other_project.pk],
        expect={
            ANONYMOUS: LOGIN,
            "staff": 200,
            "national_facilitator": 200,
            "la_facilitator": 200,
            "outsider": 200,
        },
        default=404,
        label="other LA",
    ),
    Row("enquiries:archive_item_create", args=lambda w: [w.project.pk], expect=OUTSIDER_404),
    Row(
        "enquiries:archive_item_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=_new_item,
        expect=OUTSIDER_404,
        default=302,
    ),
    Row(
        "enquiries:archive_item_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {"category": str(w.archive_category.pk), "title": "No file"},
        expect=OUTSIDER_404,
        label="no file",
    ),
    Row(
        "enquiries:archive_item_create",
        args=lambda w: [w.project.pk],
        method="put",
        default=405,
    ),
    Row(
        "enquiries:archive_category_create",
        args=lambda w: [w.project.pk],
        expect=_managers,
        default=403,
    ),
    Row(
        "enquiries:archive_category_create",
        args=lambda w: [w.project.pk],
        method="post",
        data=lambda w: {"name": "Conference materials"},
        expect=only(MANAGERS, 302)[0],
        default=403,
    ),
    Row(
        "enquiries:archive_category_create",
        args=lambda w: [w.project.pk],
        method="put",
        default=405,
    ),
    Row("enquiries:archive_item", args=lambda w: [w.archive_item.pk], expect=OUTSIDER_404),
    Row("enquiries:archive_item", args=lambda w: [w.archive_item.pk], method="post", default=405),
    Row(
        "enquiries:archive_version_create",
        args=lambda w: [w.archive_item.pk],
        expect=_versioners,
        default=403,
    ),
    Row(
        "enquiries:archive_version_create",
        args=lambda w: [w.archive_item.pk],
        method="post",
        data=_pdf,
        expect=only((*MANAGERS, "cluster_lead"), 302)[0],
        default=403,
    ),
    Row(
        "enquiries:archive_version_create",
        args=lambda w: [w.archive_item.pk],
        method="put",
        default=405,
    ),
    Row("enquiries:archive_download", args=lambda w: [w.archive_version.pk], expect=OUTSIDER_404),
    Row(
        "enquiries:archive_download",
        args=lambda w: [w.archive_version.pk],
        method="post",
        default=405,
    ),
]


# What each successful write does (see with_audit_effects).
ROWS = with_audit_effects(
    ROWS,
    {
        "enquiries:log_entry_create": "enquiries.log_entry.created",
        "enquiries:log_cadence": "enquiries.log_cadence.changed",
        "enquiries:log_reminder_settings": "enquiries.log_reminders.changed",
        "enquiries:archive_category_create": "enquiries.archive_category.",
        "enquiries:archive_item_create": "enquiries.archive_item.created",
        "enquiries:archive_version_create": "enquiries.archive_item.version_added",
    },
)
