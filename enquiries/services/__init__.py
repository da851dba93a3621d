"""Writes for the enquiries app, by concept: set-up (initiatives, projects,
participations, facilitation), questions (writing and review), alignment (links and
reviews). Import from here: `from enquiries import services; services.enquiry_submit(...)`.
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
from .logs import log_cadence_update, log_entry_create, log_reminder_preferences_update
from .questions import (
    enquiry_agree,
    enquiry_comment,
    enquiry_create,
    enquiry_request_changes,
    enquiry_revise,
    enquiry_submit,
)
from .setup import (
    cluster_join_project,
    cluster_participation_update,
    facilitation_end,
    initiative_assign_facilitator,
    initiative_create,
    project_assign_facilitator,
    project_create,
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
    "facilitation_end",
    "initiative_assign_facilitator",
    "initiative_create",
    "log_cadence_update",
    "log_entry_create",
    "log_reminder_preferences_update",
    "project_assign_facilitator",
    "project_create",
    "school_join_cluster",
]
