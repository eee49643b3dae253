from django.urls import path

from yankao.org import views

app_name = "org"
urlpatterns = [
    path("agencies/", views.agency_directory, name="agency_directory"),
    path("office/staff/", views.staff_directory, name="staff_directory"),
    path("office/staff/<int:pk>/", views.staff_detail, name="staff_detail"),
]
