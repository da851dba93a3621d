app_name = "enquiries"

urlpatterns: list = []
