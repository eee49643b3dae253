from django.urls import path

from yankao.programmes import api
from yankao.programmes.views import analysis, imports, programmes, work

app_name = "programmes"
OFFICE = "office/programmes/"
urlpatterns = [
    path("programmes/", programmes.public_list, name="public_list"),
    path(OFFICE, programmes.programme_list, name="programme_list"),
    path(f"{OFFICE}new/", programmes.programme_new, name="programme_new"),
    path(f"{OFFICE}mine/", programmes.my_programmes, name="my_programmes"),
    path(f"{OFFICE}queue/", programmes.report_queue, name="approval_queue"),
    path(f"{OFFICE}<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path(f"{OFFICE}<int:pk>/reports/<str:month>/", programmes.report_form, name="report_form"),
    path(f"{OFFICE}reports/<int:pk>/", programmes.report_detail, name="report_detail"),
    path(f"{OFFICE}reports/<int:pk>/attach/", programmes.report_upload, name="report_upload"),
    path(f"{OFFICE}reports/<int:pk>/<str:action>/", programmes.report_action, name="report_action"),
    path(f"{OFFICE}dashboard/", analysis.dashboard, name="dashboard"),
    path(f"{OFFICE}analysis/", analysis.analysis_index, name="analysis_index"),
    path(f"{OFFICE}analysis/<str:month>/", analysis.analysis_detail, name="analysis_detail"),
    path(f"{OFFICE}meetings/", work.meeting_list, name="meeting_list"),
    path(f"{OFFICE}meetings/new/", work.meeting_new, name="meeting_new"),
    path(f"{OFFICE}meetings/<int:pk>/", work.meeting_detail, name="meeting_detail"),
    path(f"{OFFICE}meetings/<int:pk>/agenda-from-problems/", work.meeting_agenda_from_problems, name="meeting_agenda"),
    path(f"{OFFICE}meetings/<int:pk>/<str:part>/", work.meeting_write, name="meeting_write"),
    path(f"{OFFICE}decisions/<int:pk>/<str:action>/", work.decision_action, name="decision_action"),
    path(f"{OFFICE}evaluations/", work.evaluation_results, name="evaluation_results"),
    path(f"{OFFICE}evaluations/<int:pk>/", work.evaluation_detail, name="evaluation_detail"),
    path(
        f"{OFFICE}evaluations/plans/<int:plan_id>/letters/<int:agency_id>/",
        work.evaluation_letter_view,
        name="evaluation_letter",
    ),
    path(f"{OFFICE}enterprises/", work.enterprise_results, name="enterprise_results"),
    path(f"{OFFICE}kpis/", work.kpi_overview, name="kpi_overview"),
    path(f"{OFFICE}kpis/suggestions/<int:pk>/reply/", work.kpi_suggestion_reply_view, name="kpi_suggestion_reply"),
    path(f"{OFFICE}planning/", work.planning, name="planning"),
    path(f"{OFFICE}planning/admin-plan/<int:year>/", work.admin_plan_document_view, name="admin_plan_document"),
    path(f"{OFFICE}subsidies/", work.subsidy_list, name="subsidy_list"),
    path(f"{OFFICE}import/", imports.import_page, name="import"),
    path(f"{OFFICE}api/programmes/", api.programmes, name="api_programmes"),
    path(f"{OFFICE}api/programmes/<int:pk>/", api.programme, name="api_programme"),
]
