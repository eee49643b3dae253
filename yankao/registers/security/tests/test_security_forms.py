"""The commission's entry forms of the information-security programme: who may use them, the whole
audit workflow through the office pages, and bad input answered with a Chinese form error."""

from __future__ import annotations

import datetime as dt

import pytest

from yankao.registers.conftest import COMMISSION_PAGE, PERSONAS, expect_status
from yankao.registers.security import selectors, services
from yankao.registers.security.models import (
    AuditFinding,
    Auditor,
    AuditPlan,
    Briefing,
    MaturityAssessment,
    RedTeamExercise,
    SecurityAudit,
)
from yankao.registers.security.models import (
    TestedSystem as System,
)

pytestmark = pytest.mark.django_db
BASE = "/office/registers/security"


@pytest.fixture
def plan(officer):
    return services.plan_create(actor=officer, year=2024, title="113年度稽核", planned_audits=2)


@pytest.fixture
def auditor(officer, plan):
    return services.auditor_add(actor=officer, plan=plan, name="王教授", kind="academic", affiliation="中山大學")


@pytest.fixture
def planned_audit(officer, plan, own_agency):
    return services.audit_schedule(actor=officer, plan=plan, agency=own_agency, scheduled_on=dt.date(2024, 5, 1))


@pytest.fixture
def system(officer, own_agency):
    exercise = services.exercise_create(actor=officer, year=2024, title="113年度演練", teams=6)
    return services.system_test(
        actor=officer,
        exercise=exercise,
        agency=own_agency,
        name="二代公文系統",
        team_no=1,
        tested_on=dt.date(2024, 6, 3),
        weaknesses=3,
    )


def counts():
    return [
        m.objects.count() for m in (AuditPlan, Auditor, Briefing, SecurityAudit, AuditFinding, RedTeamExercise, System)
    ] + [MaturityAssessment.objects.count(), list(System.objects.values_list("fixed", "retest_passed"))]


PAGES = {
    "plan_new": lambda a, s: f"{BASE}/plan/new/?year=114",
    "auditors": lambda a, s: f"{BASE}/auditors/?year=113",
    "briefing_new": lambda a, s: f"{BASE}/briefings/new/",
    "audit_new": lambda a, s: f"{BASE}/audits/new/?year=113",
    "audit_complete": lambda a, s: f"{BASE}/audits/{a.pk}/complete/",
    "exercise_new": lambda a, s: f"{BASE}/red-team/new/?year=114",
    "system_new": lambda a, s: f"{BASE}/red-team/systems/new/",
    "system_retest": lambda a, s: f"{BASE}/red-team/systems/{s.pk}/retest/",
    "maturity_new": lambda a, s: f"{BASE}/maturity/new/",
}
VALID_POST = {
    "plan_new": lambda a: {"year": "114", "title": "114年度稽核", "planned_audits": "10"},
    "auditors": lambda a: {"name": "李工程師", "kind": "industry", "affiliation": "資安公司"},
    "briefing_new": lambda a: {"topic": "audit", "title": "稽核說明會", "held_on": "113/03/15", "participants": "40"},
    "audit_new": lambda a: {"agency": str(a.agency_id), "scheduled_on": "113/06/01"},
    "audit_complete": lambda a: {
        "audited_on": "113/05/01",
        "auditors": [str(x.pk) for x in a.plan.auditors.all()],
        "findings": "弱密碼\n未更新修補程式",
        "due_on": "113/07/01",
    },
    "exercise_new": lambda a: {"year": "114", "title": "114年度演練", "teams": "4"},
    "system_new": lambda a: {
        "agency": str(a.agency_id),
        "name": "線上申辦系統",
        "team_no": "2",
        "tested_on": "113/06/04",
        "weaknesses": "1",
    },
    "system_retest": lambda a: {"retested_on": "113/09/02", "fixed": "3"},
    "maturity_new": lambda a: {
        "year": "113",
        "agency": str(a.agency_id),
        "agency_class": "B",
        "level": "3",
        "assessed_on": "113/10/31",
    },
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(PAGES))
def test_permission_matrix(client_for, persona, name, auditor, planned_audit, system):
    url = PAGES[name](planned_audit, system)
    client = client_for(persona)
    expect_status(client.get(url), COMMISSION_PAGE[PERSONAS.index(persona)])
    before = counts()
    response = client.post(url, VALID_POST[name](planned_audit))
    if persona in ("commission", "admin"):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert counts() != before
    else:
        expect_status(response, COMMISSION_PAGE[PERSONAS.index(persona)])
        assert counts() == before


def test_audit_workflow_through_the_office_pages(client_for, people, own_agency):
    office = client_for("commission")
    assert (
        office.post(f"{BASE}/plan/new/", {"year": "113", "title": "113年度稽核", "planned_audits": "400"}).status_code
        == 302
    )
    assert (
        office.post(
            f"{BASE}/auditors/?year=113", {"name": "陳教授", "kind": "academic", "affiliation": "中山大學"}
        ).status_code
        == 302
    )
    assert office.post(f"{BASE}/audits/new/", {"agency": own_agency.pk, "scheduled_on": "113/05/01"}).status_code == 302
    audit = SecurityAudit.objects.get()
    page = office.get(f"{BASE}/audits/{audit.pk}/").content.decode()
    assert "登錄稽核結果" in page
    response = office.post(
        f"{BASE}/audits/{audit.pk}/complete/",
        {
            "audited_on": "113/05/02",
            "auditors": [Auditor.objects.get().pk],
            "findings": "弱密碼",
            "due_on": "113/07/01",
        },
    )
    assert response.status_code == 302
    assert selectors.audit_progress(year=2024) == selectors.AuditProgress(400, 1)
    finding = AuditFinding.objects.get()
    assert (finding.description, finding.due_on) == ("弱密碼", dt.date(2024, 7, 1))
    # the audited agency reports its remediation, the commission closes the finding
    agency = client_for("own_staff")
    agency.post(f"{BASE}/audits/{audit.pk}/", {"finding": finding.pk, "action": "remediate", "remediation": "已改"})
    office = client_for("commission")
    office.post(f"{BASE}/audits/{audit.pk}/", {"finding": finding.pk, "action": "close", "closed_on": "113/07/01"})
    finding.refresh_from_db()
    assert (finding.status, finding.remediation, finding.closed_on) == ("closed", "已改", dt.date(2024, 7, 1))
    assert "目前 0 項" not in page  # sanity: the page rendered before


def test_red_team_and_maturity_through_the_office_pages(client_for, own_agency):
    office = client_for("commission")
    office.post(f"{BASE}/red-team/new/", {"year": "113", "title": "演練", "teams": "6"})
    office.post(
        f"{BASE}/red-team/systems/new/",
        {"agency": own_agency.pk, "name": "公文系統", "team_no": "6", "tested_on": "113/06/03", "weaknesses": "2"},
    )
    system = System.objects.get()
    office.post(f"{BASE}/red-team/systems/{system.pk}/retest/", {"retested_on": "113/09/02", "fixed": "2"})
    assert selectors.red_team_figures(year=2024) == selectors.RedTeamFigures(6, 1, 2, 2, 1)
    office.post(
        f"{BASE}/maturity/new/",
        {"year": "113", "agency": own_agency.pk, "agency_class": "C", "level": "1", "assessed_on": "113/10/31"},
    )
    office.post(
        f"{BASE}/briefings/new/",
        {"topic": "maturity_coaching", "title": "輔導", "held_on": "113/04/01", "participants": "12"},
    )
    assert selectors.maturity_share_at_target(year=2024) == 100
    assert selectors.briefing_count(year=2024, topic="maturity_coaching") == 1
    page = office.get(f"{BASE}/red-team/?year=113").content.decode()
    assert "確認改善" in page


BAD_INPUT = [
    ("plan_new", {"year": "113", "title": "", "planned_audits": "0"}, "這個欄位是必須的"),
    ("plan_new", {"year": "113", "title": "重複", "planned_audits": "5"}, "113 年度稽核計畫已建立"),
    ("audit_new", {"agency": "", "scheduled_on": "113/13/45"}, "這個欄位是必須的"),
    ("audit_new", {"scheduled_on": "115/01/05"}, "115 年度尚未建立稽核計畫"),
    ("audit_complete", {"audited_on": "113/05/01", "findings": "弱密碼"}, "有發現事項時請填改善期限"),
    ("audit_complete", {"audited_on": "昨天"}, "日期"),
    ("system_new", {"name": "x", "team_no": "9", "tested_on": "113/06/03", "weaknesses": "0"}, "紅隊編號須為 1 到 6"),
    ("system_retest", {"retested_on": "113/09/02", "fixed": "4"}, "已修補數須介於 0 到 3"),
    ("system_retest", {"retested_on": "113/05/01", "fixed": "3"}, "複測日不可早於初測日"),
    ("maturity_new", {"year": "113", "agency_class": "B", "level": "7", "assessed_on": "113/10/31"}, "選擇有效的選項"),
    ("briefing_new", {"topic": "party", "title": "x", "held_on": "113/02/30", "participants": "-1"}, "選擇有效的選項"),
]


@pytest.mark.parametrize("name,data,message", BAD_INPUT)
def test_bad_input_gives_a_chinese_form_error(client_for, auditor, planned_audit, system, name, data, message):
    data = dict(data)
    if name in ("audit_new", "system_new", "maturity_new") and "agency" not in data:
        data["agency"] = planned_audit.agency_id
    if name == "audit_complete" and "findings" in data:
        data["auditors"] = [auditor.pk]
    before = counts()
    response = client_for("commission").post(PAGES[name](planned_audit, system), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


def test_maturity_twice_is_a_form_error(client_for, officer, own_agency):
    services.maturity_record(
        actor=officer, year=2024, agency=own_agency, agency_class="B", level=3, assessed_on=dt.date(2024, 10, 1)
    )
    response = client_for("commission").post(
        f"{BASE}/maturity/new/",
        {"year": "113", "agency": own_agency.pk, "agency_class": "B", "level": "2", "assessed_on": "113/10/31"},
    )
    assert response.status_code == 200
    assert "已登錄 113 年度自評" in response.content.decode()
    assert MaturityAssessment.objects.get().level == 3
