from django.urls import path

from yankao.registers import views

app_name = "registers"
urlpatterns = [
    path("", views.index, name="index"),
]
