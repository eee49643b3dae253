from django.urls import path

from yankao.participation.views import office, public

app_name = "participation"
PUBLIC = "participation/"
OFFICE = "office/participation/"
urlpatterns = [
    path(PUBLIC, public.home, name="home"),
    path(f"{PUBLIC}proposals/", public.proposal_list, name="proposal_list"),
    path(f"{PUBLIC}proposals/new/", public.proposal_new, name="proposal_new"),
    path(f"{PUBLIC}proposals/<int:pk>/", public.proposal_detail, name="proposal_detail"),
    path(f"{PUBLIC}proposals/<int:pk>/endorse/", public.proposal_endorse, name="proposal_endorse"),
    path(f"{PUBLIC}proposals/<int:pk>/withdraw/", public.proposal_withdraw, name="proposal_withdraw"),
    path(f"{PUBLIC}proposals/<int:pk>/comment/", public.proposal_comment, name="proposal_comment"),
    path(f"{PUBLIC}comments/<int:pk>/report/", public.comment_report, name="comment_report"),
    path(f"{PUBLIC}verify/", public.verify, name="verify"),
    path(f"{PUBLIC}me/", public.my_participation, name="my_participation"),
    path(f"{PUBLIC}stats/", public.stats, name="stats"),
    path(f"{PUBLIC}open-data/proposals.<str:fmt>", public.open_data, name="open_data"),
    path(f"{PUBLIC}budgets/", public.budget_list, name="budget_list"),
    path(f"{PUBLIC}budgets/<int:pk>/", public.budget_detail, name="budget_detail"),
    path(f"{PUBLIC}budgets/<int:pk>/ideas/", public.budget_idea, name="budget_idea"),
    path(f"{PUBLIC}budgets/<int:pk>/vote/", public.budget_vote, name="budget_vote"),
    path(f"{PUBLIC}consultations/", public.consultation_list, name="consultation_list"),
    path(f"{PUBLIC}consultations/<int:pk>/", public.consultation_detail, name="consultation_detail"),
    path(f"{PUBLIC}consultations/<int:pk>/comment/", public.consultation_comment, name="consultation_comment"),
    path(f"{PUBLIC}subsidies/", public.subsidy_results, name="subsidy_results"),
    path(OFFICE, office.office_home, name="office_home"),
    path(f"{OFFICE}proposals/", office.office_proposals, name="office_proposals"),
    path(f"{OFFICE}proposals/<int:pk>/", office.office_proposal, name="office_proposal"),
    path(f"{OFFICE}proposals/<int:pk>/screen/", office.office_screen, name="office_screen"),
    path(f"{OFFICE}proposals/<int:pk>/respond/", office.office_respond, name="office_respond"),
    path(f"{OFFICE}proposals/<int:pk>/extend/", office.office_extend, name="office_extend"),
    path(f"{OFFICE}proposals/<int:pk>/programme/", office.office_programme, name="office_programme"),
    path(
        f"{OFFICE}proposals/<int:pk>/programme/new/",
        office.office_programme_create,
        name="office_programme_create",
    ),
    path(f"{OFFICE}endorsements/flagged/", office.office_flagged, name="office_flagged"),
    path(f"{OFFICE}endorsements/<int:pk>/review/", office.office_endorsement_review, name="office_endorsement_review"),
    path(f"{OFFICE}comments/", office.office_comments, name="office_comments"),
    path(f"{OFFICE}comments/<int:pk>/moderate/", office.office_comment_moderate, name="office_comment_moderate"),
    path(f"{OFFICE}rules/", office.office_rules, name="office_rules"),
    path(f"{OFFICE}budgets/", office.office_budgets, name="office_budgets"),
    path(f"{OFFICE}budgets/<int:pk>/", office.office_budget, name="office_budget"),
    path(f"{OFFICE}consultations/", office.office_consultations, name="office_consultations"),
    path(
        f"{OFFICE}consultations/<int:pk>/summary/",
        office.office_consultation_summary,
        name="office_consultation_summary",
    ),
    path(f"{OFFICE}subsidies/", office.office_subsidies, name="office_subsidies"),
    path(f"{OFFICE}subsidies/import/", office.office_subsidy_import, name="office_subsidy_import"),
    path(f"{OFFICE}subsidies/report.<str:fmt>", office.office_subsidy_report, name="office_subsidy_report"),
    path(f"{OFFICE}subsidies/<int:pk>/", office.office_subsidy, name="office_subsidy"),
]
