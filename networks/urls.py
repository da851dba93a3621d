from django.urls import path

from .views import audit, cluster_edit, clusters, exports, las, membership, profile, schools, search

app_name = "networks"

urlpatterns = [
    # CSV exports of the list pages (networks/views/exports.py).
    path("las.csv", exports.la_list_csv, name="la_list_csv"),
    path("las/<str:code>/schools.csv", exports.la_schools_csv, name="la_schools_csv"),
    path("las/<str:code>/isolated-schools.csv", exports.la_isolated_csv, name="la_isolated_csv"),
    path("las/<str:code>/clusters.csv", exports.la_clusters_csv, name="la_clusters_csv"),
    path("las/<str:code>/people.csv", exports.la_people_csv, name="la_people_csv"),
    path("audit.csv", exports.audit_log_csv, name="audit_log_csv"),
    path("las/", las.la_list, name="la_list"),
    path("las/<str:code>/", las.la_detail, name="la_detail"),
    path("las/<str:code>/schools/", las.la_schools, name="la_schools"),
    path("las/<str:code>/isolated-schools/", las.la_isolated, name="la_isolated"),
    path("clusters/new/", cluster_edit.cluster_create, name="cluster_create"),
    path("clusters/<int:pk>/", clusters.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/edit/", cluster_edit.cluster_edit, name="cluster_edit"),
    path("clusters/<int:pk>/lead/", cluster_edit.cluster_lead, name="cluster_lead"),
    path("clusters/<int:pk>/members/new/", membership.membership_add, name="membership_add"),
    path(
        "clusters/<int:pk>/members/<int:membership_pk>/end/",
        membership.membership_end,
        name="membership_end",
    ),
    path(
        "clusters/<int:pk>/proposals/new/",
        membership.membership_propose,
        name="membership_propose",
    ),
    path(
        "clusters/<int:pk>/proposals/<int:proposal_pk>/",
        membership.proposal_answer,
        name="proposal_answer",
    ),
    path("schools/<int:urn>/", schools.school_detail, name="school_detail"),
    path(
        "schools/<int:urn>/join-cluster/",
        membership.school_join_cluster,
        name="school_join_cluster",
    ),
    path("search/", search.search, name="search"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("account/", profile.account, name="account"),
    path("account/details/", profile.account_edit, name="account_edit"),
    path("account/password/", profile.password_change, name="password_change"),
]
