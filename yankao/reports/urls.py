from django.urls import path

from yankao.reports import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.public_list, name="public_list"),
    path("reports/<int:pk>/", views.report_view, name="report"),
    path("reports/figures/manual/", views.manual_public, name="manual_public"),
    path("office/reports/", views.office_list, name="office_list"),
    path("office/reports/open/", views.report_open, name="open"),
    path("office/reports/figures/", views.registry_list, name="registry"),
    path("office/reports/figures/manual/", views.manual_edit, name="manual_edit"),
    path("office/reports/<int:pk>/", views.workspace, name="workspace"),
    path("office/reports/<int:pk>/items/add/", views.item_outline, name="item_add"),
    path("office/reports/<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("office/reports/<int:pk>/items/<int:item_pk>/outline/", views.item_outline, name="item_outline"),
    path("office/reports/<int:pk>/items/<int:item_pk>/<str:action>/", views.item_action, name="item_action"),
    path("office/reports/<int:pk>/import/", views.outline_import, name="outline_import"),
    path("office/reports/<int:pk>/outline.txt", views.outline_export, name="outline_export"),
    path("office/reports/<int:pk>/finalise/", views.report_finalise, name="finalise"),
    path("office/reports/<int:pk>/versions/", views.versions, name="versions"),
    path("office/reports/<int:pk>/recompute/", views.recompute, name="recompute"),
]
