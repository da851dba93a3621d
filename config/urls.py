from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("networks.urls")),
    path("accounts/", include("networks.urls_accounts")),
    path("", include("enquiries.urls")),
    path("notifications/", include("notifications.urls")),
    path("admin/", admin.site.urls),
]
