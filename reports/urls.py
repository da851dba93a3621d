from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("projects/<int:pk>/case-study/", views.case_study, name="case_study"),
    path("projects/<int:pk>/case-study/build/", views.build_request, name="build_request"),
    path("case-study-builds/<int:pk>/progress/", views.build_progress, name="build_progress"),
]
