from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("projects/<int:pk>/evidence/", views.evidence_list, name="evidence_list"),
    path("projects/<int:pk>/evidence.csv", views.evidence_csv, name="evidence_csv"),
    path("projects/<int:pk>/evidence.qdpx", views.evidence_qdpx, name="evidence_qdpx"),
    path("projects/<int:pk>/evidence/sources/", views.evidence_sources, name="evidence_sources"),
    path("projects/<int:pk>/evidence/new/", views.evidence_create, name="evidence_create"),
    path("projects/<int:pk>/codebook/", views.codebook, name="codebook"),
    path("projects/<int:pk>/codebook.qdc", views.codebook_qdc, name="codebook_qdc"),
    path("projects/<int:pk>/codebook/new/", views.code_create, name="code_create"),
    path("codes/<int:pk>/memo/", views.code_memo, name="code_memo"),
    path("projects/<int:pk>/baselines/", views.baselines, name="baselines"),
    path("projects/<int:pk>/baselines/new/", views.baseline_create, name="baseline_create"),
    path("baselines/<int:pk>/reviews/new/", views.review_create, name="review_create"),
    path("projects/<int:pk>/key-drivers/", views.key_drivers, name="key_drivers"),
    path("projects/<int:pk>/key-drivers/new/", views.key_driver_create, name="key_driver_create"),
    path("key-drivers/<int:pk>/remove/", views.key_driver_remove, name="key_driver_remove"),
]
