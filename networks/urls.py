from django.urls import path

from .views import home

app_name = "networks"

urlpatterns = [
    path("", home.home, name="home"),
    path("las/", home.home, name="la_list"),
    path("search/", home.home, name="search"),
]
