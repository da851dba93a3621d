from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("projects/<int:project_pk>/meetings/", views.meeting_list, name="list"),
    path("projects/<int:project_pk>/meetings.csv", views.meeting_list_csv, name="list_csv"),
    path("projects/<int:project_pk>/meetings/new/", views.meeting_create, name="create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_ics, name="ics"),
    path("meetings/<int:pk>/notes/", views.notes_write, name="notes_write"),
    path("meetings/<int:pk>/notes/send/", views.notes_send, name="notes_send"),
    path("meetings/<int:pk>/notes/check/", views.notes_check, name="notes_check"),
    path("meetings/<int:pk>/notes/versions/", views.notes_versions, name="notes_versions"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
