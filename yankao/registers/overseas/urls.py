from django.urls import path

from yankao.registers.overseas import views

app_name = "registers_overseas"
urlpatterns = [
    path("overseas-reports/", views.public_list, name="public_list"),
    path("overseas-reports/<int:pk>/", views.public_detail, name="public_detail"),
    path("office/registers/overseas/", views.report_list, name="report_list"),
    path("office/registers/overseas/<int:pk>/", views.report_detail, name="report_detail"),
]
