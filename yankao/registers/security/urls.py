from django.urls import path

from yankao.registers.security import views

app_name = "registers_security"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("plan/new/", views.plan_new, name="plan_new"),
    path("auditors/", views.auditors, name="auditors"),
    path("briefings/new/", views.briefing_new, name="briefing_new"),
    path("audits/", views.audit_list, name="audit_list"),
    path("audits/new/", views.audit_new, name="audit_new"),
    path("audits/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("audits/<int:pk>/complete/", views.audit_complete, name="audit_complete"),
    path("red-team/", views.system_list, name="system_list"),
    path("red-team/new/", views.exercise_new, name="exercise_new"),
    path("red-team/systems/new/", views.system_new, name="system_new"),
    path("red-team/systems/<int:pk>/retest/", views.system_retest, name="system_retest"),
    path("maturity/", views.maturity_list, name="maturity_list"),
    path("maturity/new/", views.maturity_new, name="maturity_new"),
]
