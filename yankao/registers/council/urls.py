from django.urls import path

from yankao.registers.council import views

app_name = "registers_council"
urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/import/", views.session_import, name="session_import"),
    path("sessions/<int:pk>/compile/", views.session_compile, name="session_compile"),
    path("sessions/<int:pk>/compilation.<str:fmt>", views.session_document, name="session_document"),
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
]
