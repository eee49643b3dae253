from django.urls import path

from yankao.registers.security import views

app_name = "registers_security"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("audits/", views.audit_list, name="audit_list"),
    path("audits/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("red-team/", views.system_list, name="system_list"),
    path("maturity/", views.maturity_list, name="maturity_list"),
]
