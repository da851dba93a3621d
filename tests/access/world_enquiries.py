"""What the enquiries rows need beyond world.py: a second key question that the
cluster question is linked to, so unlinking has something to remove and linking
(to the first key question) something left to add."""

from __future__ import annotations

from enquiries import services

from .world import extend_world


@extend_world
def add_enquiry_links(w) -> None:
    # enquiry_create with only an initiative adds a further key question (KQ2), a draft.
    w.key_question_2 = services.enquiry_create(
        actor=w.users["national_facilitator"],
        initiative=w.initiative,
        text="What can be learned from LAs leading multi-agency networked working?",
    )
    services.enquiry_link(
        enquiry=w.enquiry_cluster, target=w.key_question_2, actor=w.users["cluster_lead"]
    )
