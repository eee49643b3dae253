from django.urls import path

from yankao.registers.doctime import views

app_name = "registers_doctime"
urlpatterns = [
    path("", views.stat_list, name="stat_list"),
    path("import/", views.stat_import, name="stat_import"),
    path("letters/<int:year>/<int:agency_id>.<str:fmt>", views.improvement_letter, name="improvement_letter"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/report/<int:year>.<str:fmt>", views.visit_report, name="visit_report"),
]
