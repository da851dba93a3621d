"""Naming (and removing) a project's key drivers: at most five, each with its
narrative, the evidence behind it and the change ideas under it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from enquiries.models import Project
from networks.audit import audit
from networks.models import User

from .. import rules
from ..models import MAX_KEY_DRIVERS, ChangeIdea, Code, EvidenceItem, KeyDriver
from ._common import EvidenceError, line, require, text

MAX_CHANGE_IDEAS = 8
TOO_MANY = (
    f"A project names at most {MAX_KEY_DRIVERS} key drivers, and this one has "
    f"{MAX_KEY_DRIVERS}. Remove one before naming another."
)


@transaction.atomic
def key_driver_name(
    *,
    actor: User,
    project,
    title: str,
    narrative: str,
    evidence: Iterable[EvidenceItem] = (),
    code: Code | None = None,
    change_ideas: Iterable[str] = (),
) -> KeyDriver:
    """One of the project's (up to five) key drivers, with the evidence behind it:
    items of this project the person can read."""
    require(rules.names_drivers(actor, project))
    # Lock the project row, so two people naming a fifth and a sixth at once are
    # taken one after the other and the second is told.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    taken = set(KeyDriver.objects.filter(project=project).values_list("position", flat=True))
    if len(taken) >= MAX_KEY_DRIVERS:
        raise EvidenceError(TOO_MANY)
    title = line(title, "key driver")
    narrative = text(narrative, "narrative")
    items = list(dict.fromkeys(evidence))
    if not items:
        raise EvidenceError("Choose the evidence behind this key driver.")
    visible = set(
        EvidenceItem.objects.visible_to(actor)
        .filter(project=project, pk__in=[item.pk for item in items])
        .values_list("pk", flat=True)
    )
    if any(item.pk not in visible for item in items):
        raise EvidenceError("Choose evidence from this project that you can read.")
    if code is not None and code.project_id not in (None, project.pk):
        raise EvidenceError("Choose a code from this project's codebook.")
    ideas = [line(idea, "change idea", max_length=200) for idea in change_ideas if idea.strip()]
    if len(ideas) > MAX_CHANGE_IDEAS:
        raise EvidenceError(f"Give at most {MAX_CHANGE_IDEAS} change ideas for one driver.")
    position = min(set(range(1, MAX_KEY_DRIVERS + 1)) - taken)
    driver = KeyDriver.objects.create(
        project=project,
        position=position,
        title=title,
        narrative=narrative,
        code=code,
        named_by=actor,
    )
    driver.evidence.set(items)
    ChangeIdea.objects.bulk_create(
        ChangeIdea(driver=driver, position=number, text=idea)
        for number, idea in enumerate(ideas, start=1)
    )
    audit(
        actor,
        "evidence.driver.named",
        driver,
        {
            "position": position,
            "title": title,
            "evidence": sorted(item.pk for item in items),
            "code": code.pk if code else None,
            "change_ideas": len(ideas),
        },
        la=project.la,
    )
    return driver


@transaction.atomic
def key_driver_remove(*, actor: User, driver: KeyDriver) -> None:
    require(rules.names_drivers(actor, driver.project))
    audit(
        actor,
        "evidence.driver.removed",
        driver,
        {"position": driver.position, "title": driver.title},
        la=driver.project.la,
    )
    driver.delete()
