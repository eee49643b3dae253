from django.urls import path

from yankao.programmes import api
from yankao.programmes.views import analysis, imports, programmes, work

app_name = "programmes"
O = "office/programmes/"
urlpatterns = [
    path("programmes/", programmes.public_list, name="public_list"),
    path(O, programmes.programme_list, name="programme_list"),
    path(f"{O}new/", programmes.programme_new, name="programme_new"),
    path(f"{O}mine/", programmes.my_programmes, name="my_programmes"),
    path(f"{O}queue/", programmes.report_queue, name="approval_queue"),
    path(f"{O}<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path(f"{O}<int:pk>/reports/<str:month>/", programmes.report_form, name="report_form"),
    path(f"{O}reports/<int:pk>/", programmes.report_detail, name="report_detail"),
    path(f"{O}reports/<int:pk>/attach/", programmes.report_upload, name="report_upload"),
    path(f"{O}reports/<int:pk>/<str:action>/", programmes.report_action, name="report_action"),
    path(f"{O}dashboard/", analysis.dashboard, name="dashboard"),
    path(f"{O}analysis/", analysis.analysis_index, name="analysis_index"),
    path(f"{O}analysis/<str:month>/", analysis.analysis_detail, name="analysis_detail"),
    path(f"{O}meetings/", work.meeting_list, name="meeting_list"),
    path(f"{O}meetings/<int:pk>/", work.meeting_detail, name="meeting_detail"),
    path(f"{O}meetings/<int:pk>/agenda-from-problems/", work.meeting_agenda_from_problems, name="meeting_agenda"),
    path(f"{O}decisions/<int:pk>/<str:action>/", work.decision_action, name="decision_action"),
    path(f"{O}evaluations/", work.evaluation_results, name="evaluation_results"),
    path(f"{O}evaluations/<int:pk>/", work.evaluation_detail, name="evaluation_detail"),
    path(
        f"{O}evaluations/plans/<int:plan_id>/letters/<int:agency_id>/",
        work.evaluation_letter_view,
        name="evaluation_letter",
    ),
    path(f"{O}enterprises/", work.enterprise_results, name="enterprise_results"),
    path(f"{O}kpis/", work.kpi_overview, name="kpi_overview"),
    path(f"{O}kpis/suggestions/<int:pk>/reply/", work.kpi_suggestion_reply_view, name="kpi_suggestion_reply"),
    path(f"{O}planning/", work.planning, name="planning"),
    path(f"{O}planning/admin-plan/<int:year>/", work.admin_plan_document_view, name="admin_plan_document"),
    path(f"{O}subsidies/", work.subsidy_list, name="subsidy_list"),
    path(f"{O}import/", imports.import_page, name="import"),
    path(f"{O}api/programmes/", api.programmes, name="api_programmes"),
    path(f"{O}api/programmes/<int:pk>/", api.programme, name="api_programme"),
]
