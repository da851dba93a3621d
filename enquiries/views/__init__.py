"""The enquiries app's pages, by concept: questions (initiatives, projects and their
questions, review) and setup (projects, clusters, schools, facilitators)."""

from .changes import enquiry_unlink, enquiry_withdraw, project_edit
from .questions import (
    alignment_review,
    cluster_enquiry_create,
    enquiry_comment,
    enquiry_create,
    enquiry_decide,
    enquiry_detail,
    enquiry_link,
    enquiry_revise,
    enquiry_submit,
    initiative_detail,
    initiative_list,
    project_detail,
    project_map,
    review_queue,
    school_enquiry_create,
)
from .setup import (
    cluster_join,
    participation_detail,
    participation_edit,
    project_create,
    project_facilitator_end,
    project_facilitators,
    school_join,
)

__all__ = [
    "alignment_review",
    "cluster_enquiry_create",
    "cluster_join",
    "enquiry_comment",
    "enquiry_create",
    "enquiry_decide",
    "enquiry_detail",
    "enquiry_link",
    "enquiry_revise",
    "enquiry_submit",
    "enquiry_unlink",
    "enquiry_withdraw",
    "initiative_detail",
    "initiative_list",
    "participation_detail",
    "participation_edit",
    "project_create",
    "project_detail",
    "project_edit",
    "project_facilitator_end",
    "project_facilitators",
    "project_map",
    "review_queue",
    "school_enquiry_create",
    "school_join",
]
