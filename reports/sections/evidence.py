"""Baseline and progress, and the key drivers: what the enquiry learned, from the
evidence app's selectors.

The report is read by everyone who sees the project, so it quotes only evidence all
of them may read (`shared_evidence`: never a log entry kept to its author or its
cluster), and each driver lists at most EVIDENCE_LIMIT items of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from enquiries.models import Project
from evidence.selectors import (
    ClusterBaselines,
    DriverWithEvidence,
    aim_of,
    baselines_by_cluster,
    drivers_with_evidence,
    shared_evidence,
)

EVIDENCE_LIMIT = 10  # items printed under each key driver


@dataclass
class Baselines:
    clusters: list[ClusterBaselines]  # only clusters with a baseline

    def __bool__(self) -> bool:
        return bool(self.clusters)


def baselines(project: Project) -> Baselines:
    """Each cluster's baselines beside their progress reviews: three queries."""
    return Baselines([row for row in baselines_by_cluster(project) if row.baselines])


@dataclass
class KeyDrivers:
    aim: str
    drivers: list[DriverWithEvidence]  # each with its newest EVIDENCE_LIMIT items

    def __bool__(self) -> bool:
        return bool(self.drivers)


def key_drivers(project: Project) -> KeyDrivers:
    """The aim, the key drivers with their change ideas and their shared evidence:
    a fixed number of queries (drivers, change ideas, evidence with its sources and
    codes)."""
    return KeyDrivers(
        aim=aim_of(project),
        drivers=drivers_with_evidence(project, shared_evidence(project), shown=EVIDENCE_LIMIT),
    )
