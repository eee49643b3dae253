"""Participatory budgeting (approval and knapsack), consultations, the subsidy programme and its import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.tabular import ImportFailed
from yankao.org.models import Agency, District
from yankao.participation import selectors, services
from yankao.participation.models import (
    Ballot,
    BudgetProcess,
    BudgetProject,
    Consultation,
    ParticipationProject,
    ProjectType,
)

from .conftest import at

pytestmark = pytest.mark.django_db


def process_with_projects(
    people, agency, *, style="approval", budget=1_000_000, district=None, costs=(400_000, 500_000, 300_000)
):
    process = services.budget_process_create(
        actor=people["own_staff"],
        agency=agency,
        title="社區參與式預算",
        year=2024,
        total_budget=budget,
        voting_style=style,
        max_choices=2,
        district=district,
    )
    projects = []
    for i, cost in enumerate(costs):
        project = services.budget_idea_submit(
            actor=people["citizen"], process=process, title=f"提案{i + 1}", description="說明"
        )
        services.budget_project_review(
            actor=people["own_staff"], project=project, feasible=True, cost_estimate=cost, note=""
        )
        projects.append(project)
    services.budget_phase_advance(actor=people["own_staff"], process=process)  # → review
    services.budget_phase_advance(actor=people["own_staff"], process=process)  # → voting
    process.refresh_from_db()
    return process, projects


def test_approval_vote_one_ballot_per_person(people, proposer, own_agency, make_citizen):
    process, (a, b, c) = process_with_projects(people, own_agency)
    services.budget_ballot_cast(actor=proposer, process=process, project_ids=[a.pk, b.pk])
    with pytest.raises(ValidationError, match="最多只能選擇 2 個"):
        services.budget_ballot_cast(actor=make_citizen(), process=process, project_ids=[a.pk, b.pk, c.pk])
    twin = make_citizen("0911000111")  # the proposer's mobile on another account
    with pytest.raises(ValidationError, match="每人限投一票"):
        services.budget_ballot_cast(actor=twin, process=process, project_ids=[c.pk])
    assert Ballot.objects.count() == 1
    process.refresh_from_db()
    assert process.ballot_count == 1


def test_knapsack_ballot_over_budget_is_refused(people, proposer, own_agency):
    process, (a, b, c) = process_with_projects(people, own_agency, style="knapsack")
    with pytest.raises(ValidationError) as info:
        services.budget_ballot_cast(actor=proposer, process=process, project_ids=[a.pk, b.pk, c.pk])
    assert info.value.messages == ["所選提案經費合計 1,200,000 元，超過預算總額 1,000,000 元。"]
    assert Ballot.objects.count() == 0
    services.budget_ballot_cast(actor=proposer, process=process, project_ids=[a.pk, b.pk])
    assert Ballot.objects.get().total_cost == 900_000


def test_results_fill_the_budget_by_votes(people, proposer, own_agency, make_citizen):
    process, (a, b, c) = process_with_projects(people, own_agency)
    for ids in ([a.pk, b.pk], [b.pk], [b.pk, c.pk], [a.pk]):
        services.budget_ballot_cast(actor=make_citizen(), process=process, project_ids=ids)
    services.budget_phase_advance(actor=people["own_staff"], process=process, now=at(2024, 6, 1))
    tally = {p.title: (p.votes, p.status) for p in process.projects.all()}
    # b 3 votes (500k) fits; a 2 votes (400k) fits (900k); c 1 vote (300k) does not fit in the 100k left
    assert tally == {"提案1": (2, "selected"), "提案2": (3, "selected"), "提案3": (1, "not_selected")}
    process.refresh_from_db()
    assert process.phase == BudgetProcess.Phase.RESULTS and process.results_published_at == at(2024, 6, 1)


def test_district_process_only_for_its_residents(people, proposer, own_agency, make_citizen, city):
    fengshan = District.objects.get(name="鳳山區")
    process, (a, *_rest) = process_with_projects(people, own_agency, district=fengshan)
    with pytest.raises(ValidationError, match="限居住於鳳山區"):
        services.budget_ballot_cast(actor=proposer, process=process, project_ids=[a.pk])
    services.verification_set_residence(user=proposer, district=fengshan)
    services.budget_ballot_cast(actor=proposer, process=process, project_ids=[a.pk])
    assert Ballot.objects.count() == 1


def test_voting_cannot_start_with_unreviewed_ideas(people, own_agency, proposer):
    process = services.budget_process_create(
        actor=people["own_staff"], agency=own_agency, title="x", year=2024, total_budget=10
    )
    services.budget_idea_submit(actor=proposer, process=process, title="構想", description="說明")
    services.budget_phase_advance(actor=people["own_staff"], process=process)
    with pytest.raises(ValidationError, match="尚有 1 案未完成可行性評估"):
        services.budget_phase_advance(actor=people["own_staff"], process=process)
    process.refresh_from_db()
    assert process.phase == BudgetProcess.Phase.REVIEW
    with pytest.raises(PermissionDenied):
        services.budget_phase_advance(actor=people["other_staff"], process=process)


def test_progress_only_for_selected_projects(people, proposer, own_agency, make_citizen):
    process, (a, _b, c) = process_with_projects(people, own_agency)
    services.budget_ballot_cast(actor=make_citizen(), process=process, project_ids=[a.pk])
    services.budget_phase_advance(actor=people["own_staff"], process=process)
    services.budget_phase_advance(actor=people["own_staff"], process=process)
    a.refresh_from_db()
    c.refresh_from_db()
    services.budget_progress_report(actor=people["own_staff"], project=a, percent=40, note="設計完成")
    assert BudgetProject.objects.get(pk=a.pk).progress_percent == 40
    with pytest.raises(ValidationError, match="只有入選"):
        services.budget_progress_report(actor=people["own_staff"], project=c, percent=10, note="x")


def test_consultation_window_and_summary(people, own_agency, proposer):
    consultation = services.consultation_publish(
        actor=people["own_staff"],
        agency=own_agency,
        title="人行道設計準則草案",
        draft="草案全文",
        opens_on=dt.date(2024, 3, 1),
        closes_on=dt.date(2024, 3, 31),
    )
    with pytest.raises(ValidationError, match="不在意見徵集期間"):
        services.consultation_comment(actor=proposer, consultation=consultation, body="意見", now=at(2024, 4, 1))
    services.consultation_comment(actor=proposer, consultation=consultation, body="人行道應加寬", now=at(2024, 3, 5))
    with pytest.raises(ValidationError, match="結束後"):
        services.consultation_summarise(
            actor=people["own_staff"], consultation=consultation, summary="s", now=at(2024, 3, 31)
        )
    with pytest.raises(PermissionDenied):
        services.consultation_summarise(
            actor=people["other_staff"], consultation=consultation, summary="s", now=at(2024, 4, 2)
        )
    done = services.consultation_summarise(
        actor=people["own_staff"], consultation=consultation, summary="採納加寬建議", now=at(2024, 4, 2)
    )
    assert done.summary == "採納加寬建議"
    assert Consultation.objects.get().comments.count() == 1


def apply(people, agency, *, title="共融公園工作坊", requested=200_000, actor="own_staff"):
    return services.project_apply(
        actor=people[actor],
        agency=agency,
        year=2024,
        title=title,
        project_type=ProjectType.objects.get(code="inclusive_park"),
        theme="共融遊戲場",
        method="工作坊",
        total_budget=300_000,
        requested_amount=requested,
    )


def test_subsidy_lifecycle_and_reference_selectors(people, own_agency):
    first = apply(people, own_agency)
    second = apply(people, own_agency, title="社區文化再造座談", requested=100_000)
    services.project_review(actor=people["commission"], project=first, approve=True, approved_amount=150_000)
    services.project_review(actor=people["commission"], project=second, approve=False, note="非公民參與性質")
    services.project_fund(actor=people["commission"], project=first, paid_amount=150_000)
    services.project_report(actor=people["own_staff"], project=first, participants=120, summary="完成 3 場工作坊")
    assert selectors.subsidy_application_count(year=2024) == 2
    assert selectors.subsidy_approved_count(year=2024) == 1
    assert selectors.subsidy_approved_amount(year=2024) == 150_000
    assert str(selectors.subsidy_approved_amount_wan(year=2024)) == "15.00"
    assert selectors.subsidy_application_count(year=2023) == 0


def test_subsidy_denied_actions_change_nothing(people, own_agency, other_agency):
    with pytest.raises(PermissionDenied):
        apply(people, own_agency, actor="other_staff")
    project = apply(people, own_agency)
    with pytest.raises(PermissionDenied):
        services.project_review(actor=people["own_staff"], project=project, approve=True, approved_amount=1)
    with pytest.raises(ValidationError, match="不超過申請金額 200,000 元"):
        services.project_review(actor=people["commission"], project=project, approve=True, approved_amount=200_001)
    project.refresh_from_db()
    assert (project.status, project.approved_amount) == ("submitted", 0)
    assert ParticipationProject.objects.count() == 1


CSV_HEADER = "年度,機關代碼,計畫名稱,類型代碼,議題,參與方式,計畫總經費,申請補助,核定補助\n"


def test_import_is_atomic_with_line_numbers(people, own_agency):
    bad = (
        CSV_HEADER
        + "113,PWB,甲計畫,inclusive_park,議題,工作坊,300000,200000,100000\n113,NOPE,乙計畫,zzz,議題,工作坊,100,200,\n"
    )
    with pytest.raises(ImportFailed) as info:
        services.projects_import(actor=people["commission"], data=bad.encode(), filename="a.csv", city_code="KHH")
    assert [str(e) for e in info.value.errors] == [
        "第 3 行：未知的機關代碼「NOPE」",
        "第 3 行：未知的類型代碼「zzz」",
        "第 3 行：申請補助不能超過計畫總經費",
    ]
    assert ParticipationProject.objects.count() == 0
    good = (
        CSV_HEADER
        + "113,PWB,甲計畫,inclusive_park,議題,工作坊,300000,200000,100000\n113,CAB,乙計畫,other,議題,座談,100,50,\n"
    )
    result = services.projects_import(actor=people["commission"], data=good.encode(), filename="a.csv", city_code="KHH")
    assert (result.created, result.unchanged) == (2, 0)
    again = services.projects_import(actor=people["commission"], data=good.encode(), filename="a.csv", city_code="KHH")
    assert (again.created, again.unchanged) == (0, 2)
    assert selectors.subsidy_approved_amount(year=2024) == 100_000
    with pytest.raises(PermissionDenied):
        services.projects_import(actor=people["own_staff"], data=good.encode(), filename="a.csv", city_code="KHH")


def test_school_commute_sites(people, commission_agency):
    plan = services.project_apply(
        actor=people["commission"],
        agency=commission_agency,
        year=2024,
        title="校園通學交通改善公民參與計畫",
        project_type=ProjectType.objects.get(code="school_commute"),
        theme="通學安全",
        method="公民工作坊",
        total_budget=100_000,
        requested_amount=0,
        kind="city_plan",
    )
    for name in ("仁武區", "鳳山區"):
        services.project_site_add(
            actor=people["commission"],
            project=plan,
            district=District.objects.get(name=name),
            name=f"{name[:2]}國小",
            kind="school",
        )
    assert selectors.school_commute_sites(year=2024) == [("鳳山區", "鳳山國小"), ("仁武區", "仁武國小")]
    assert Agency.objects.get(pk=plan.agency_id).is_commission
