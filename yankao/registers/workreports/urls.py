from django.urls import path

from yankao.registers.workreports import views

app_name = "registers_workreports"
urlpatterns = [
    path("", views.compilation_list, name="compilation_list"),
    path("<int:pk>/", views.compilation_detail, name="compilation_detail"),
    path("<int:pk>/document.<str:fmt>", views.compilation_document, name="compilation_document"),
]
