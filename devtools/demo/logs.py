"""A little of the reflective logs and the research archive in Essex's project, made
through the services: a fortnightly cadence, a few entries (one with an audio
recording), and archive items with versions. Idempotent: once the project has log
entries, nothing is added."""

from __future__ import annotations

import io
import math
import struct
import wave

from devtools.demo import register
from enquiries import services
from enquiries.models import LogEntry, LogSchedule, Project
from enquiries.rules_logs import may_write_log
from enquiries.services.logs import log_clusters
from networks.models import User

PLAN_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SURGERY_NOTES = (
    b"Surgery: Harlow Learning Partnership and its neighbour cluster\n\n"
    b"Focus: transition of vulnerable children from Year 6 to Year 7.\n"
    b"Agreed: each cluster drafts its question before the next surgery.\n"
)


def tone(seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A short spoken-word stand-in: a quiet tone, as a real WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(
            b"".join(
                struct.pack("<h", int(3000 * math.sin(2 * math.pi * 330 * n / rate)))
                for n in range(int(seconds * rate))
            )
        )
    return buffer.getvalue()


def _user(kind: str) -> User | None:
    return User.objects.filter(email=register.demo_email(kind)).first()


def seed_logs(project: Project) -> list[str]:
    if LogEntry.objects.filter(project=project).exists():
        return ["Reflective logs already there: left as they are."]
    coleader, lead = _user("coleader"), _user("cluster-lead")
    if coleader is None or lead is None:
        return []
    if not LogSchedule.objects.filter(project=project).exists():
        services.log_cadence_update(actor=coleader, project=project, cadence="fortnightly")
    services.archive_categories_seed(project=project, actor=coleader)
    services.log_entry_create(
        actor=coleader,
        project=project,
        text=(
            "First surgery round done. The clusters that had failed to become NLCs came "
            "with the sharpest questions; we should ask them why."
        ),
        tags=["surgery", "clusters"],
    )
    for kind, slug, title, filename, content in [
        (
            "coleader",
            "planning-documents",
            "Essex project plan",
            "essex-project-plan.pdf",
            PLAN_PDF,
        ),
        ("coleader", "surgery-notes", "Surgery notes: Harlow", "surgery-notes.txt", SURGERY_NOTES),
    ]:
        services.archive_add_version(
            actor=_user(kind) or coleader,
            project=project,
            category_slug=slug,
            title=title,
            filename=filename,
            content=content,
        )
    services.archive_add_version(
        actor=coleader,
        project=project,
        category_slug="planning-documents",
        title="Essex project plan",
        filename="essex-project-plan-v2.pdf",
        content=PLAN_PDF,
        note="After the launch conference",
    )
    lines = ["Reflective logs: Essex logs fortnightly; 1 entry, 2 archive items (3 versions)."]
    if may_write_log(lead, project):
        clusters = sorted(log_clusters(lead, project))
        services.log_entry_create(
            actor=lead,
            project=project,
            text=(
                "We recorded three Year 6 pupils talking about moving up. "
                "Worth playing at the next surgery."
            ),
            tags=["transition", "pupil voice"],
            visibility="cluster" if clusters else "project",
            cluster=clusters[0] if clusters else None,
            attachments=[("pupil-voices.wav", tone())],
        )
        lines.append("Reflective logs: the Harlow cluster lead's audio log entry.")
    return lines
