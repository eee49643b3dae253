from django.urls import include, path

urlpatterns = [
    path("office/registers/", include("yankao.registers.hub_urls")),
    path("office/registers/council/", include("yankao.registers.council.urls")),
    path("office/registers/risks/", include("yankao.registers.risks.urls")),
    path("office/registers/quality/", include("yankao.registers.quality.urls")),
    path("office/registers/documents/", include("yankao.registers.doctime.urls")),
    path("office/registers/security/", include("yankao.registers.security.urls")),
    path("office/registers/events/", include("yankao.registers.events.urls")),
    path("office/registers/research/", include("yankao.registers.research.urls")),
    path("office/registers/work-reports/", include("yankao.registers.workreports.urls")),
    path("", include("yankao.registers.overseas.urls")),
]
