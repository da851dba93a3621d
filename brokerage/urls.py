from django.urls import path

from . import views

app_name = "brokerage"

urlpatterns = [
    path("", views.index, name="index"),
    path("coverage.csv", views.index_csv, name="index_csv"),
    path("las/<str:code>/", views.la_dashboard, name="la_dashboard"),
    path("las/<str:code>/map/", views.la_map, name="la_map"),
    path("las/<str:code>/membership/", views.la_membership, name="la_membership"),
    path("las/<str:code>/membership.csv", views.la_membership_csv, name="la_membership_csv"),
    path("las/<str:code>/activities/", views.activity_list, name="activity_list"),
    path("las/<str:code>/activities.csv", views.activity_csv, name="activity_csv"),
    path("las/<str:code>/activities/new/", views.activity_create, name="activity_create"),
    path("las/<str:code>/partners/", views.partner_list, name="partner_list"),
    path("las/<str:code>/partners.csv", views.partner_csv, name="partner_csv"),
    path("las/<str:code>/partners/new/", views.partner_create, name="partner_create"),
    path("las/<str:code>/partnerships/", views.partnership_list, name="partnership_list"),
    path("las/<str:code>/partnerships.csv", views.partnership_csv, name="partnership_csv"),
    path("las/<str:code>/resources/", views.resource_list, name="resource_list"),
    path("las/<str:code>/resources.csv", views.resource_csv, name="resource_csv"),
    path("las/<str:code>/resources/new/", views.resource_create, name="resource_create"),
    path("las/<str:code>/services/", views.service_list, name="service_list"),
    path("las/<str:code>/services.csv", views.service_csv, name="service_csv"),
    path("las/<str:code>/services/new/", views.service_create, name="service_create"),
    path("las/<str:code>/visits/", views.visit_list, name="visit_list"),
    path("las/<str:code>/visits.csv", views.visit_csv, name="visit_csv"),
    path("las/<str:code>/peer-reviews/", views.peer_review_list, name="peer_review_list"),
    path("las/<str:code>/peer-reviews.csv", views.peer_review_csv, name="peer_review_csv"),
    path("las/<str:code>/exchanges/", views.exchange_list, name="exchange_list"),
    path("las/<str:code>/exchanges.csv", views.exchange_csv, name="exchange_csv"),
    path("las/<str:code>/exchanges/new/", views.exchange_create, name="exchange_create"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path(
        "partners/<int:pk>/partnerships/new/",
        views.partnership_create,
        name="partnership_create",
    ),
    path("partnerships/<int:pk>/status/", views.partnership_status, name="partnership_status"),
    path("services/<int:pk>/", views.service_detail, name="service_detail"),
    path("services/<int:pk>/reviews/new/", views.impact_review_create, name="impact_review_create"),
    path("projects/<int:pk>/visits/new/", views.visit_create, name="visit_create"),
    path(
        "projects/<int:pk>/peer-reviews/new/",
        views.peer_review_create,
        name="peer_review_create",
    ),
]
