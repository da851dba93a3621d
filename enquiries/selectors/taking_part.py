"""Where a person takes part in enquiry work, and what is waiting on them there.

"My work" shows every role a way in: the projects their LA runs or facilitates, the
projects their clusters and schools work in, the questions of theirs in each, and
the questions they are the ones to write next (a school contact whose school has
just been brought into a cluster's work sees "Write your school's question").

The same reads lead on from the register's pages (networks.sections): an LA's page
to its projects, a cluster's page to the projects it works in and its questions,
the account page to what the person facilitates.

Every function is a fixed number of queries, however many roles the person holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from networks.scope import scope_for

from ..models import (
    ClusterParticipation,
    Enquiry,
    Facilitation,
    Initiative,
    Level,
    Project,
    SchoolParticipation,
)
from ..reach import reach_of

# Enough for any real person's projects; a list longer than this points elsewhere.
PROJECT_LIMIT = 20


@dataclass
class ToWrite:
    """A question this person is the one to write next."""

    action: str  # "Write your school's question"
    where: str  # "Oak Primary, in Harlow cluster's work (Essex)"
    url: str


@dataclass
class QuestionLine:
    """One question the person is close to: written (`enquiry`) or not yet."""

    label: str  # "Harlow cluster", "Oak Primary", "Essex"
    level_noun: str  # "cluster enquiry question"
    enquiry: Enquiry | None
    waiting_for: str = ""  # when not written: what must come first, if anything
    url: str = ""  # where it is (or will be) written: its participation's page


@dataclass
class ProjectLine:
    project: Project
    how: list[str] = field(default_factory=list)  # "your LA's project", "Harlow cluster"
    questions: list[QuestionLine] = field(default_factory=list)


@dataclass
class TakingPart:
    projects: list[ProjectLine] = field(default_factory=list)
    to_write: list[ToWrite] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)  # those they facilitate
    more_projects: bool = False
    sees_everything: bool = False  # the national team and staff: every project is theirs

    @property
    def is_empty(self) -> bool:
        return not (self.projects or self.initiatives)


PROJECT_RELATED = ("la", "initiative")


def _questions(*, project_ids, participation_ids, school_participation_ids) -> list[Enquiry]:
    if not (project_ids or participation_ids or school_participation_ids):
        return []
    where = Q(level=Level.LA, project_id__in=project_ids)
    where |= Q(level=Level.CLUSTER, cluster_participation_id__in=participation_ids)
    where |= Q(level=Level.SCHOOL, school_participation_id__in=school_participation_ids)
    return list(Enquiry.objects.filter(where).select_related("current_revision"))


def taking_part(user) -> TakingPart:
    """Queries, each only when the person has roles that need it: their clusters'
    participations, their schools' participations, their LAs' and facilitated
    projects, the questions of all of those, and the initiatives they facilitate."""
    scope = scope_for(user)
    reach = reach_of(user)
    if not (user.is_authenticated and user.is_active):
        return TakingPart()

    cluster_parts: list[ClusterParticipation] = []
    if scope.cluster_ids:
        cluster_parts = list(
            ClusterParticipation.objects.filter(cluster_id__in=scope.cluster_ids)
            .select_related("cluster", *(f"project__{name}" for name in PROJECT_RELATED))
            .order_by("-project__created_at", "cluster__name")[:PROJECT_LIMIT]
        )
    school_parts: list[SchoolParticipation] = []
    if scope.school_ids:
        school_parts = list(
            SchoolParticipation.objects.filter(school_id__in=scope.school_ids)
            .select_related(
                "school",
                "cluster_participation__cluster",
                *(f"cluster_participation__project__{name}" for name in PROJECT_RELATED),
            )
            .order_by("-cluster_participation__project__created_at", "school__name")[:PROJECT_LIMIT]
        )
    own_projects: list[Project] = []
    if scope.officer_la_ids or reach.facilitated_project_ids:
        own_projects = list(
            Project.objects.filter(
                Q(la_id__in=scope.officer_la_ids) | Q(pk__in=reach.facilitated_project_ids)
            )
            .select_related(*PROJECT_RELATED)
            .order_by("-created_at", "la__name")[: PROJECT_LIMIT + 1]
        )

    lines: dict[int, ProjectLine] = {}

    def line(project: Project) -> ProjectLine:
        return lines.setdefault(project.pk, ProjectLine(project=project))

    for project in own_projects[:PROJECT_LIMIT]:
        entry = line(project)
        if project.la_id in scope.officer_la_ids:
            entry.how.append("your LA's project")
        if project.pk in reach.facilitated_project_ids:
            entry.how.append("you facilitate it")
    for part in cluster_parts:
        line(part.project).how.append(f"{part.cluster.name} takes part")
    for school_part in school_parts:
        cluster_part = school_part.cluster_participation
        line(cluster_part.project).how.append(
            f"{school_part} takes part, in {cluster_part.cluster.name}'s work"
        )

    questions = _questions(
        project_ids=list(lines),
        participation_ids=[p.pk for p in cluster_parts]
        + [sp.cluster_participation_id for sp in school_parts],
        school_participation_ids=[sp.pk for sp in school_parts],
    )
    la_question = {e.project_id: e for e in questions if e.level == Level.LA}
    cluster_question = {
        e.cluster_participation_id: e for e in questions if e.level == Level.CLUSTER
    }
    school_question = {e.school_participation_id: e for e in questions if e.level == Level.SCHOOL}

    result = TakingPart(
        more_projects=len(own_projects) > PROJECT_LIMIT, sees_everything=scope.sees_everything
    )
    for project in own_projects[:PROJECT_LIMIT]:
        question = la_question.get(project.pk)
        line(project).questions.append(
            QuestionLine(
                label=project.la.name,
                level_noun="LA research question",
                enquiry=question,
                url=project.get_absolute_url(),
            )
        )
        if question is None and project.la_id in scope.coleader_la_ids:
            result.to_write.append(
                ToWrite(
                    "Write the LA research question",
                    f"{project.title} ({project.initiative.name})",
                    reverse("enquiries:enquiry_create", args=[project.pk]),
                )
            )
    for part in cluster_parts:
        question = cluster_question.get(part.pk)
        has_parent = part.project_id in la_question
        line(part.project).questions.append(
            QuestionLine(
                label=part.cluster.name,
                level_noun="cluster enquiry question",
                enquiry=question,
                waiting_for="" if has_parent else "the LA research question comes first",
                url=reverse("enquiries:participation_detail", args=[part.pk]),
            )
        )
        if question is None and part.cluster_id in scope.lead_cluster_ids and has_parent:
            result.to_write.append(
                ToWrite(
                    f"Write {part.cluster.name}'s enquiry question",
                    f"in {part.project.la.name}'s project “{part.project.title}”",
                    reverse("enquiries:cluster_enquiry_create", args=[part.pk]),
                )
            )
    for school_part in school_parts:
        cluster_part = school_part.cluster_participation
        question = school_question.get(school_part.pk)
        has_parent = cluster_part.pk in cluster_question
        line(cluster_part.project).questions.append(
            QuestionLine(
                label=str(school_part),
                level_noun="school enquiry question",
                enquiry=question,
                waiting_for="" if has_parent else "the cluster's question comes first",
                url=reverse("enquiries:participation_detail", args=[cluster_part.pk]),
            )
        )
        if question is None and has_parent:
            result.to_write.append(
                ToWrite(
                    "Write your school's question",
                    f"{school_part}, in {cluster_part.cluster.name}'s work "
                    f"({cluster_part.project.la.name})",
                    reverse("enquiries:school_enquiry_create", args=[school_part.pk]),
                )
            )

    result.projects = list(lines.values())
    if reach.facilitated_initiative_ids:
        result.initiatives = list(
            Initiative.objects.filter(pk__in=reach.facilitated_initiative_ids).order_by("name")
        )
    return result


# --- Sections of the register's pages (registered in EnquiriesConfig.ready) -----------


@dataclass
class LaProjects:
    la: object
    rows: list[tuple[Project, Enquiry | None]]


def la_projects(user, la) -> LaProjects:
    """The LA's projects the person may see, each with its LA research question.
    Two queries."""
    projects = list(
        Project.objects.visible_to(user)
        .filter(la=la)
        .select_related("initiative")
        .order_by("-created_at", "pk")[:PROJECT_LIMIT]
    )
    for project in projects:
        project.la = la  # already loaded
    questions = {
        e.project_id: e
        for e in Enquiry.objects.filter(
            level=Level.LA, project_id__in=[p.pk for p in projects]
        ).select_related("current_revision")
    }
    return LaProjects(la=la, rows=[(p, questions.get(p.pk)) for p in projects])


@dataclass
class ClusterWorkRow:
    participation: ClusterParticipation
    question: Enquiry | None
    school_questions: list[Enquiry]


@dataclass
class ClusterWork:
    cluster: object
    rows: list[ClusterWorkRow]


def cluster_work(user, cluster) -> ClusterWork:
    """The projects the cluster works in that the person may see, with the cluster's
    question and its schools' questions in each. Two queries."""
    participations = list(
        ClusterParticipation.objects.visible_to(user)
        .filter(cluster=cluster)
        .select_related(*(f"project__{name}" for name in PROJECT_RELATED))
        .order_by("-project__created_at", "pk")[:PROJECT_LIMIT]
    )
    questions = list(
        Enquiry.objects.filter(cluster_participation_id__in=[p.pk for p in participations])
        .select_related("current_revision", "school_participation__school")
        .order_by("level", "pk")
    )
    rows = []
    for participation in participations:
        participation.cluster = cluster  # already loaded
        mine = [e for e in questions if e.cluster_participation_id == participation.pk]
        rows.append(
            ClusterWorkRow(
                participation=participation,
                question=next((e for e in mine if e.level == Level.CLUSTER), None),
                school_questions=[e for e in mine if e.level == Level.SCHOOL],
            )
        )
    return ClusterWork(cluster=cluster, rows=rows)


def facilitations_of(user) -> list[Facilitation]:
    """What the person facilitates now: initiatives, and other LAs' projects."""
    return list(
        Facilitation.objects.current()
        .filter(user=user)
        .select_related("initiative", "project__la", "project__initiative")
        .order_by("kind", "pk")
    )
