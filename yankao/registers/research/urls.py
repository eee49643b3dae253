from django.urls import path

from yankao.registers.research import views

app_name = "registers_research"
urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
]
