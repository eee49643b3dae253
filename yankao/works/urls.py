from django.urls import path

from yankao.works import api
from yankao.works.views import inspections, overview, projects, reports

app_name = "works"
urlpatterns = [
    # citizens (全民督工)
    path("works/report/", reports.report_new, name="report_new"),
    path("works/my-reports/", reports.my_reports, name="my_reports"),
    path("works/my-reports/<int:pk>/", reports.my_report, name="my_report"),
    # back office
    path("office/works/", overview.overview, name="overview"),
    path("office/works/projects/", projects.project_list, name="projects"),
    path("office/works/projects/new/", projects.project_new, name="project_new"),
    path("office/works/projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("office/works/filing/", projects.filing, name="filing"),
    path("office/works/filing/import/", projects.filing_import, name="filing_import"),
    path("office/works/behind/", projects.behind, name="behind"),
    path("office/works/checks/", projects.check_list, name="checks"),
    path("office/works/checks/new/", projects.check_new, name="check_new"),
    path("office/works/checks/<int:pk>/", projects.check_detail, name="check_detail"),
    path("office/works/checks/<int:pk>/letter.<str:fmt>", projects.check_letter, name="check_letter"),
    path("office/works/inspections/", inspections.inspection_list, name="inspections"),
    path("office/works/inspections/plan/", inspections.inspection_plan, name="inspection_plan"),
    path("office/works/inspections/new/", inspections.inspection_new, name="inspection_new"),
    path("office/works/inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("office/works/inspections/<int:pk>/edit/", inspections.inspection_edit, name="inspection_edit"),
    path("office/works/inspections/<int:pk>/reinspect/", inspections.inspection_reinspect, name="inspection_reinspect"),
    path("office/works/inspections/<int:pk>/follow-up/", inspections.inspection_follow_up, name="inspection_follow_up"),
    path(
        "office/works/inspections/<int:pk>/record.<str:fmt>",
        inspections.inspection_document,
        name="inspection_document",
    ),
    path("office/works/photos/<int:pk>/", inspections.photo, name="photo"),
    path("office/works/defects/", inspections.defect_list, name="defects"),
    path("office/works/defects/<int:pk>/", inspections.defect_answer, name="defect_answer"),
    path("office/works/defects/<int:pk>/accept/", inspections.defect_accept, name="defect_accept"),
    path("office/works/reports/", reports.report_list, name="reports"),
    path("office/works/reports/new/", reports.report_record, name="report_record"),
    path("office/works/reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("office/works/training/", reports.training_list, name="training"),
    path("api/works/figures/<int:year>/", api.figures_api, name="api_figures"),
]
