from django.urls import path, re_path

from yankao.open311 import api, views

FMT = r"\.(?P<fmt>json|xml)$"

app_name = "open311"
urlpatterns = [
    # GeoReport v2 (JSON and XML by the URL's suffix)
    re_path(rf"^open311/v2/discovery{FMT}", api.discovery, name="discovery"),
    re_path(rf"^open311/v2/services{FMT}", api.service_list, name="services"),
    re_path(rf"^open311/v2/services/(?P<code>[^/]+?){FMT}", api.service_definition, name="service"),
    re_path(rf"^open311/v2/requests{FMT}", api.requests, name="requests"),
    re_path(rf"^open311/v2/requests/(?P<request_id>[^/]+?){FMT}", api.request_detail, name="request"),
    re_path(rf"^open311/v2/tokens/(?P<token>[^/]+?){FMT}", api.token, name="token"),
    re_path(rf"^open311/v2/servicerequestupdates{FMT}", api.request_updates, name="updates"),
    path("open311/v2/openapi.json", api.openapi, name="openapi"),
    re_path(r"^open311/v2/(?:.*\.(?P<fmt>xml)$|.*)", api.not_found, name="not_found"),
    # open data (public)
    path("opendata/cases/", views.opendata, name="opendata"),
    path("opendata/cases/download.<str:fmt>", views.opendata_download, name="opendata_download"),
    path("opendata/cases/fields.<str:fmt>", views.opendata_fields, name="opendata_fields"),
    # the back office (the commission)
    path("office/open311/clients/", views.clients, name="clients"),
    path("office/open311/clients/<int:pk>/revoke/", views.client_revoke, name="client_revoke"),
    path("office/open311/external-categories/", views.external_categories, name="external_categories"),
]
