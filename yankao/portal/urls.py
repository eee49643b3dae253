from django.urls import path

from yankao.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("office/", views.back_office, name="back_office"),
    path("me/", views.my_account, name="my_account"),
    path("office/jobs/", views.job_list, name="job_list"),
    path("office/jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("healthz", views.healthz, name="healthz"),
]
