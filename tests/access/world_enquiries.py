"""What the enquiries rows need beyond world.py: a second key question that the
cluster question is linked to, so unlinking has something to remove and linking
(to the first key question) something left to add."""

from __future__ import annotations

from enquiries.models import Enquiry, EnquiryLink

from .world import _question, extend_world


@extend_world
def add_enquiry_links(w) -> None:
    w.key_question_2 = _question(
        author=w.users["national_facilitator"],
        text="What can be learned from LAs leading multi-agency networked working?",
        level=Enquiry.Level.NATIONAL,
        initiative=w.initiative,
        position=2,
    )
    EnquiryLink.objects.create(
        enquiry=w.enquiry_cluster, target=w.key_question_2, created_by=w.users["cluster_lead"]
    )
