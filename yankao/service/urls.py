from django.urls import path

from yankao.service.views import faq, hotline, office, public, stats

app_name = "service"
urlpatterns = [
    # the citizen site
    path("service/new/", public.file_case, name="file_case"),
    path("service/new/done/", public.filed, name="filed"),
    path("service/track/", public.track, name="track"),
    path("service/faq/", faq.faq_public, name="faq"),
    path("office/service/faq/", faq.faq_office, name="faq_office"),
    path("office/service/faq/<int:pk>/", faq.faq_edit, name="faq_edit"),
    path("service/survey/<str:token>/", public.survey, name="survey"),
    path("service/mine/", public.my_cases, name="my_cases"),
    path("service/mine/<str:number>/", public.my_case, name="my_case"),
    # the back office
    path("office/service/", office.inbox, name="inbox"),
    path("office/service/overdue/", office.overdue, name="overdue"),
    path("office/service/centre/", office.centre, name="centre"),
    path("office/service/bulk-assign/", office.bulk_assign, name="bulk_assign"),
    path("office/service/intake/", office.intake, name="intake"),
    path("office/service/cases/<str:number>/", office.case_detail, name="case_detail"),
    path("office/service/cases/<str:number>/document.<str:fmt>", office.case_document, name="case_document"),
    path("office/service/cases/<str:number>/attachments/<int:pk>/", office.attachment, name="case_attachment"),
    path("office/service/cases/<str:number>/<str:action>/", office.case_action, name="case_action"),
    path("office/service/extensions/<int:pk>/decide/", office.extension_decide, name="extension_decide"),
    path("office/service/calls/", hotline.calls, name="calls"),
    path("office/service/sign-language/", hotline.sign_language, name="sign_language"),
    path("office/service/legal/", hotline.legal, name="legal"),
    path("office/service/legal/<int:pk>/", hotline.legal_mark, name="legal_mark"),
    path("office/service/first-aid/", hotline.first_aid, name="first_aid"),
    path("office/service/stats/", stats.stats_page, name="stats"),
    path("api/service/stats/", stats.stats_api, name="stats_api"),
]
