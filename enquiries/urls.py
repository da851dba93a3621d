from django.urls import path

from . import views
from .views import exports

app_name = "enquiries"

urlpatterns = [
    # CSV exports of the list pages (enquiries/views/exports.py).
    path("initiatives.csv", exports.initiative_list_csv, name="initiative_list_csv"),
    path("reviews.csv", exports.review_queue_csv, name="review_queue_csv"),
    path(
        "projects/<int:pk>/questions.csv",
        exports.project_questions_csv,
        name="project_questions_csv",
    ),
    path(
        "projects/<int:pk>/feedback-loops.csv",
        exports.feedback_loop_list_csv,
        name="feedback_loop_list_csv",
    ),
    path("projects/<int:pk>/logs.csv", exports.log_list_csv, name="log_list_csv"),
    path("projects/<int:pk>/archive.csv", exports.archive_csv, name="archive_csv"),
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/map/", views.project_map, name="project_map"),
    path("projects/<int:pk>/clusters/new/", views.cluster_join, name="cluster_join"),
    path(
        "projects/<int:pk>/facilitators/",
        views.project_facilitators,
        name="project_facilitators",
    ),
    path(
        "projects/<int:pk>/facilitators/<int:assignment_pk>/end/",
        views.project_facilitator_end,
        name="project_facilitator_end",
    ),
    path("projects/<int:pk>/question/new/", views.enquiry_create, name="enquiry_create"),
    path("participations/<int:pk>/", views.participation_detail, name="participation_detail"),
    path("participations/<int:pk>/focus/", views.participation_edit, name="participation_edit"),
    path("participations/<int:pk>/schools/new/", views.school_join, name="school_join"),
    path(
        "school-participations/<int:pk>/question/new/",
        views.school_enquiry_create,
        name="school_enquiry_create",
    ),
    path(
        "participations/<int:pk>/question/new/",
        views.cluster_enquiry_create,
        name="cluster_enquiry_create",
    ),
    path("enquiries/<int:pk>/", views.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/revise/", views.enquiry_revise, name="enquiry_revise"),
    path("enquiries/<int:pk>/submit/", views.enquiry_submit, name="enquiry_submit"),
    path("enquiries/<int:pk>/withdraw/", views.enquiry_withdraw, name="enquiry_withdraw"),
    path("enquiries/<int:pk>/decide/", views.enquiry_decide, name="enquiry_decide"),
    path("enquiries/<int:pk>/comment/", views.enquiry_comment, name="enquiry_comment"),
    path("enquiries/<int:pk>/links/", views.enquiry_link, name="enquiry_link"),
    path(
        "enquiries/<int:pk>/links/<int:target_pk>/delete/",
        views.enquiry_unlink,
        name="enquiry_unlink",
    ),
    path(
        "enquiries/<int:pk>/alignment/<int:target_pk>/",
        views.alignment_review,
        name="alignment_review",
    ),
    path("reviews/", views.review_queue, name="review_queue"),
    # Plans and the timeline
    path("projects/<int:pk>/timeline/", views.plan_timeline, name="plan_timeline"),
    path("projects/<int:pk>/timeline.csv", views.plan_timeline_csv, name="plan_timeline_csv"),
    path("projects/<int:pk>/plan/items/new/", views.plan_item_create, name="plan_item_create"),
    path("projects/<int:pk>/plan/milestones/new/", views.milestone_create, name="milestone_create"),
    path("plan-items/<int:pk>/", views.plan_item_detail, name="plan_item_detail"),
    path("plan-items/<int:pk>/edit/", views.plan_item_edit, name="plan_item_edit"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    # Staged feedback loops
    path("projects/<int:pk>/feedback-loops/", views.feedback_loop_list, name="feedback_loop_list"),
    path(
        "projects/<int:pk>/feedback-loops/new/",
        views.feedback_loop_create,
        name="feedback_loop_create",
    ),
    path("feedback-loops/<int:pk>/", views.feedback_loop_detail, name="feedback_loop_detail"),
    path("feedback-loops/<int:pk>/edit/", views.feedback_loop_edit, name="feedback_loop_edit"),
    path(
        "feedback-loops/<int:pk>/clusters/<int:participation_pk>/answers/",
        views.feedback_response,
        name="feedback_response",
    ),
    path(
        "feedback-loops/<int:pk>/digest/", views.feedback_loop_digest, name="feedback_loop_digest"
    ),
    # Reflective logs
    path("projects/<int:pk>/logs/", views.log_list, name="log_list"),
    path("projects/<int:pk>/logs/new/", views.log_entry_create, name="log_entry_create"),
    path("projects/<int:pk>/logs/cadence/", views.log_cadence, name="log_cadence"),
    path(
        "logs/attachments/<int:pk>/",
        views.log_attachment_download,
        name="log_attachment_download",
    ),
    path("logs/reminders/", views.log_reminder_settings, name="log_reminder_settings"),
    # The research archive
    path("projects/<int:pk>/archive/", views.archive, name="archive"),
    path("projects/<int:pk>/archive/new/", views.archive_item_create, name="archive_item_create"),
    path(
        "projects/<int:pk>/archive/categories/new/",
        views.archive_category_create,
        name="archive_category_create",
    ),
    path("archive/items/<int:pk>/", views.archive_item, name="archive_item"),
    path(
        "archive/items/<int:pk>/versions/new/",
        views.archive_version_create,
        name="archive_version_create",
    ),
    path("archive/versions/<int:pk>/download/", views.archive_download, name="archive_download"),
]
