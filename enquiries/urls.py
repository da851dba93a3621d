from django.urls import path

from . import views

app_name = "enquiries"

urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/map/", views.project_map, name="project_map"),
    path("projects/<int:pk>/question/new/", views.enquiry_create, name="enquiry_create"),
    path(
        "participations/<int:pk>/question/new/",
        views.cluster_enquiry_create,
        name="cluster_enquiry_create",
    ),
    path("enquiries/<int:pk>/", views.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/revise/", views.enquiry_revise, name="enquiry_revise"),
    path("enquiries/<int:pk>/submit/", views.enquiry_submit, name="enquiry_submit"),
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
]
