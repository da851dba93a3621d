from django.urls import path

from networks.views.home import home

app_name = "notifications"

urlpatterns = [path("", home, name="list")]
