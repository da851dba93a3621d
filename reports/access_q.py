"""Who may do what with case-study reports, as SQL conditions: the single definition
(reports/rules.py mirrors it for one project in memory; tests/reports/
test_access_agreement.py holds the two equal over a generated world).

**Reading** a project's case study (its page, its builds' progress, and the PDF in
the research archive): whoever sees the project, `enquiries.access_q.visible_projects`.

**Requesting a build**: those who run or accompany the project — its managers
(`enquiries.access_q.managed_projects`: the LA's co-leaders, the national team,
staff), the officers of its LA, its LA-to-LA facilitators and its initiative's
facilitators. Not the people of its clusters and schools: the case study is the
LA's account of the project.
"""

from __future__ import annotations

from django.db.models import Q

from enquiries.access_q import NOTHING, _on, _signed_in, managed_projects
from enquiries.reach import reach_of
from networks.scope import scope_for


def report_requestable_projects(user, prefix: str = "") -> Q:
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    reach = reach_of(user)
    q = _on(prefix)
    return (
        managed_projects(user, prefix)
        | q(la_id__in=scope.officer_la_ids)
        | q(pk__in=reach.facilitated_project_ids)
        | q(initiative_id__in=reach.facilitated_initiative_ids)
    )
