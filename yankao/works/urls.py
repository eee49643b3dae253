app_name = "works"
urlpatterns: list = []
