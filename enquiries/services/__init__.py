"""Writes for the enquiries app, by concept: set-up (initiatives, projects,
participations, facilitation), questions (writing and review), alignment (links and
reviews), plans (items, dependencies, milestones), feedback (staged feedback loops).
Import from here: `from enquiries import services; services.enquiry_submit(...)`.
"""

from ._common import EnquiryError
from .alignment import alignment_review_create, enquiry_link, enquiry_unlink
from .archive import (
    archive_add_version,
    archive_categories_seed,
    archive_category_create,
    archive_item_create,
    archive_version_add,
)
from .feedback import (
    feedback_loop_close,
    feedback_loop_create,
    feedback_loop_open,
    feedback_loop_remind,
    feedback_loop_update,
    feedback_response_submit,
)
from .logs import log_cadence_update, log_entry_create, log_reminder_preferences_update
from .plans import milestone_create, milestone_delete, plan_item_create, plan_item_update
from .questions import (
    enquiry_agree,
    enquiry_comment,
    enquiry_create,
    enquiry_request_changes,
    enquiry_revise,
    enquiry_submit,
    enquiry_withdraw,
)
from .setup import (
    cluster_join_project,
    cluster_participation_update,
    facilitation_end,
    initiative_assign_facilitator,
    initiative_create,
    project_assign_facilitator,
    project_create,
    project_update,
    school_join_cluster,
)

__all__ = [
    "EnquiryError",
    "alignment_review_create",
    "archive_add_version",
    "archive_categories_seed",
    "archive_category_create",
    "archive_item_create",
    "archive_version_add",
    "cluster_join_project",
    "cluster_participation_update",
    "enquiry_agree",
    "enquiry_comment",
    "enquiry_create",
    "enquiry_link",
    "enquiry_request_changes",
    "enquiry_revise",
    "enquiry_submit",
    "enquiry_unlink",
    "enquiry_withdraw",
    "facilitation_end",
    "feedback_loop_close",
    "feedback_loop_create",
    "feedback_loop_open",
    "feedback_loop_remind",
    "feedback_loop_update",
    "feedback_response_submit",
    "initiative_assign_facilitator",
    "initiative_create",
    "milestone_create",
    "milestone_delete",
    "plan_item_create",
    "plan_item_update",
    "log_cadence_update",
    "log_entry_create",
    "log_reminder_preferences_update",
    "project_assign_facilitator",
    "project_create",
    "project_update",
    "school_join_cluster",
]
