from django.urls import path

from yankao.registers import api, views

app_name = "registers"
urlpatterns = [
    path("", views.index, name="index"),
    path("figures.json", api.figures, name="figures"),
]
