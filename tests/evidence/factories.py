"""The enquiries test world (tests/enquiries/factories.py) with evidence sources in
Essex's project (X): log entries of Harlow's lead (shared with the project, with the
cluster, and one kept private), a private one of Essex's co-leader, Harlow's answer
to a feedback loop, and an archive item; plus a consultant to Harlow, who runs the
project's meetings: a surgery with Harlow whose notes were corrected (version 2) and
circulated, one with Braintree whose notes Braintree is checking, and one with draft
notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from enquiries import services as enquiry_services
from enquiries.models import FeedbackAnswer, FeedbackLoop, FeedbackPrompt, FeedbackResponse
from evidence.codebook_seed import seed_codebook
from evidence.models import Code
from networks.models import Role
from tests.enquiries.factories import build_world, person
from tests.files import PDF

LOG_TEXT = (
    "At the surgery the heads agreed to share transition data with the health visitors. "
    "Trust between the two secondary heads is growing."
)


def code(key: str) -> Code:
    return Code.objects.get(project__isnull=True, key=key)


def add_evidence_sources(w) -> None:
    seed_codebook(Code)
    w.consultant_a = person("consultant_a", Role.CONSULTANT, cluster=w.cluster_a)
    w.member_a = person("member_a", Role.CLUSTER_MEMBER, cluster=w.cluster_a)

    def entry(author, text, visibility="project", cluster=None):
        return enquiry_services.log_entry_create(
            actor=author,
            project=w.project_x,
            text=text,
            visibility=visibility,
            cluster=cluster,
            written_on=dt.date(2025, 11, 3),
        )

    w.entry = entry(w.lead_a, LOG_TEXT, cluster=w.cluster_a)
    w.cluster_entry = entry(
        w.lead_a, "Only for Harlow: the parents' evening worked.", "cluster", w.cluster_a
    )
    w.private_entry = entry(w.co_x, "My own doubts about the timetable.", "private")
    w.entry_a2 = entry(
        w.lead_a2, "Braintree's heads met the police liaison officer.", cluster=w.cluster_a2
    )
    w.entry_y = enquiry_services.log_entry_create(
        actor=w.lead_b, project=w.project_y, text="Corby's note.", visibility="project"
    )
    loop = FeedbackLoop.objects.create(
        project=w.project_x,
        title="First feedback loop",
        opens_on=dt.date(2025, 10, 1),
        closes_on=dt.date(2025, 10, 20),
        opened_at=timezone.now(),
    )
    prompt = FeedbackPrompt.objects.create(loop=loop, position=1, text="What has changed?")
    w.response = FeedbackResponse.objects.create(
        loop=loop,
        cluster_participation=w.part_a,
        submitted_at=timezone.now(),
        submitted_by=w.lead_a,
    )
    FeedbackAnswer.objects.create(
        response=w.response, prompt=prompt, text="Pupils now visit the secondary school each term."
    )
    w.unanswered = FeedbackResponse.objects.create(loop=loop, cluster_participation=w.part_a2)
    enquiry_services.archive_categories_seed(project=w.project_x)
    add_meeting_notes(w)
    w.archive_item = enquiry_services.archive_item_create(
        actor=w.lead_a,
        project=w.project_x,
        category=w.project_x.archive_categories.get(slug="planning-documents"),
        title="Harlow cluster plan",
        description="The cluster's plan for the year.",
        filename="plan.pdf",
        content=PDF,
        cluster=w.cluster_a,
    )


NOTES_V1 = (
    "Harlow will track the transition of vulnerable children from Year 5 to Year 7. "
    "The heads will meet the health visitors each term."
)
NOTES_V2 = NOTES_V1.replace("Year 5", "Year 6")
CHECKING_TEXT = "Braintree wants to work with the police liaison officer on attendance."
DRAFT_TEXT = "First thoughts on Harlow's question, still to tidy up."


def add_meeting_notes(w) -> None:
    """Three surgeries of project X run by Harlow's consultant: circulated notes
    (version 1, corrected into version 2), notes Braintree is checking, a draft."""
    from meetings import services as meeting_services
    from meetings.models import NotesVersion

    start = timezone.now() - dt.timedelta(days=30)
    consultant = w.person("consultant_a")
    check_by = timezone.localdate() + dt.timedelta(days=7)

    def surgery(title, cluster):
        return meeting_services.meeting_create(
            actor=consultant,
            project=w.project_x,
            kind="surgery",
            title=title,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            place="County Hall, Chelmsford",
            clusters=[cluster],
        )

    w.meeting_circulated = surgery("Surgery: Harlow", w.cluster_a)
    notes = meeting_services.notes_save(
        actor=consultant, meeting=w.meeting_circulated, text_=NOTES_V1
    )
    notes = meeting_services.notes_send(actor=consultant, notes=notes, check_by=check_by)
    check = notes.checks.get()
    meeting_services.notes_answer(
        actor=w.person("lead_a"), check=check, answer="corrections", comment="Year 6, not 5."
    )
    meeting_services.notes_save(
        actor=consultant, meeting=w.meeting_circulated, text_=NOTES_V2, change_note="Year 6"
    )
    check.refresh_from_db()
    meeting_services.notes_answer(actor=w.person("lead_a"), check=check, answer="confirmed")
    notes.refresh_from_db()
    assert notes.is_circulated and notes.version == 2
    w.notes_v1 = NotesVersion.objects.get(notes=notes, number=1)
    w.notes_v2 = NotesVersion.objects.get(notes=notes, number=2)

    w.meeting_checking = surgery("Surgery: Braintree", w.cluster_a2)
    notes = meeting_services.notes_save(
        actor=consultant, meeting=w.meeting_checking, text_=CHECKING_TEXT
    )
    meeting_services.notes_send(actor=consultant, notes=notes, check_by=check_by)
    w.notes_checking = NotesVersion.objects.get(notes=notes)

    w.meeting_draft = surgery("Surgery: Harlow again", w.cluster_a)
    notes = meeting_services.notes_save(actor=consultant, meeting=w.meeting_draft, text_=DRAFT_TEXT)
    w.notes_draft = NotesVersion.objects.get(notes=notes)


def shared_evidence_world(django_db_blocker) -> Iterator:
    with django_db_blocker.unblock(), transaction.atomic():
        w = build_world()
        add_evidence_sources(w)
        yield w
        transaction.set_rollback(True)


def add_sample_evidence(w) -> None:
    """One of each evidence record, through the services (for the admin pages test)."""
    from evidence import services

    seed_codebook(Code)
    coleader = w.person("co_x")
    entry = enquiry_services.log_entry_create(
        actor=w.person("lead_a"), project=w.project_x, text=LOG_TEXT, cluster=w.cluster_a
    )
    item = services.evidence_add(
        actor=coleader,
        project=w.project_x,
        kind="log_entry",
        source=entry,
        codes=[code("key_feature:trust")],
    )
    baseline = services.baseline_record(
        actor=coleader,
        participation=w.part_a,
        aspect="Multi-agency relationships",
        narrative="Rare meetings.",
        described_on=dt.date(2025, 9, 1),
    )
    services.progress_review_record(
        actor=coleader, baseline=baseline, narrative="Termly now.", reviewed_on=dt.date(2025, 11, 1)
    )
    services.key_driver_name(
        actor=coleader,
        project=w.project_x,
        title="Trust",
        narrative="N",
        evidence=[item],
        change_ideas=["Meet termly"],
    )
