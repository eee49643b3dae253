from django.urls import path

from yankao.registers.risks import views

app_name = "registers_risks"
urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("scales/", views.scale_list, name="scale_list"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/summary.<str:fmt>", views.cycle_document, name="cycle_document"),
    path("risks/<int:pk>/", views.risk_detail, name="risk_detail"),
]
