from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "yankao 研考系統管理"
admin.site.site_title = "yankao"
# the admin signs in through allauth (password + TOTP, throttled), never its own form
admin.site.login = RedirectView.as_view(url="/accounts/login/", query_string=True)  # type: ignore[method-assign,assignment]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("yankao.org.urls")),
    path("", include("yankao.portal.urls")),
    path("", include("yankao.service.urls")),
    path("", include("yankao.open311.urls")),
    path("", include("yankao.programmes.urls")),
    path("", include("yankao.works.urls")),
    path("", include("yankao.participation.urls")),
    path("", include("yankao.registers.urls")),
    path("", include("yankao.reports.urls")),
    path("", include("yankao.search.urls")),
]

handler400 = "yankao.portal.views.error_400"
handler403 = "yankao.portal.views.error_403"
handler404 = "yankao.portal.views.error_404"
handler500 = "yankao.portal.views.error_500"
