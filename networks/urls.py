from django.urls import path

from .views import audit, clusters, las, schools, search

app_name = "networks"

urlpatterns = [
    path("las/", las.la_list, name="la_list"),
    path("las/<str:code>/", las.la_detail, name="la_detail"),
    path("las/<str:code>/schools/", las.la_schools, name="la_schools"),
    path("las/<str:code>/isolated-schools/", las.la_isolated, name="la_isolated"),
    path("clusters/<int:pk>/", clusters.cluster_detail, name="cluster_detail"),
    path("schools/<int:urn>/", schools.school_detail, name="school_detail"),
    path("search/", search.search, name="search"),
    path("audit/", audit.audit_log, name="audit_log"),
]
