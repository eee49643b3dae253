"""The demo at scale 1 reproduces every figure of the 113 report's register sections, computed from
records through the selectors; running it again changes nothing.

Only the demos the registers need run here (core, org, then the registers), and only the registers'
audit events are counted: the other apps' demos are theirs to keep idempotent (the works demo
records a 每月進度 event per project on every run, and the reports demo updates its manual figures,
35 events in all at the time of writing), and running the whole city twice at scale 1 took most of
this test's time."""

from __future__ import annotations

import pytest

from yankao.core.audit import audit_context
from yankao.core.demo import DemoContext, demo_modules
from yankao.core.models import AuditEvent
from yankao.registers.conftest import COMMISSION_PAGE, PERSONAS, STAFF_PAGE, expect_status
from yankao.registers.figures import register_figures

pytestmark = pytest.mark.django_db

EXPECTED = {
    "council": {
        "session": "第4屆第3次定期大會",
        "total": 1273,
        "by_category": {
            "民政": 122,
            "社政": 104,
            "財經": 85,
            "教育": 140,
            "農林": 126,
            "交通": 202,
            "警消環衛": 137,
            "工務": 356,
            "法規": 1,
        },
        "reported_on_time": True,
    },
    "doctime": {
        "categories": 7,
        "months_analysed": 12,
        "visit_first_day": "2024-08-02",
        "visit_last_day": "2024-08-28",
        "visit_report_sent_on": "2024-10-15",
        "agencies_visited": 9,
    },
    "risks": {
        "total": 13,
        "before": {"low": 10, "medium": 3, "high": 0, "extreme": 0},
        "after": {"low": 13, "medium": 0, "high": 0, "extreme": 0},
        "lowered": 3,
    },
    "phone_test": {
        "agencies": 63,
        "calls_first_half": 260,
        "calls_second_half": 260,
        "samples": 520,
        "city_score_first_half": "88.00",
        "city_score_second_half": "87.71",
    },
    "service_award_winners": [
        ["高雄市政府農業局", "一指翻轉農業新勢力-高雄農來訊", "數位創新增值"],
        ["高雄市立凱旋醫院", "精障振能量·樂業又安康", "社會創新共融"],
    ],
    "research": {
        "completed": [[112, "高雄市公民參與推動現況與效益之研究", "2024-06-26"]],
        "midterm_reviews": [[113, "高雄市淨零-公正轉型之研究:以旗美汙水廠碳中和改善統包工程為例", "2024-11-19"]],
    },
    "security": {
        "audits_planned": 400,
        "audits_done": 263,
        "audits_percent": 66,
        "audits_remaining": 137,
        "auditors": 110,
        "audit_briefings": 4,
        "maturity_briefings": 2,
        "maturity_coaching": 7,
        "red_teams": 6,
        "red_team_systems": 39,
        "red_team_retest_passed": 39,
        "maturity": {"B": [3, 9, 11], "C": [1, 42, 52]},
        "maturity_share": "80.95",
    },
    "events": {
        "cross_strait_courses": 2,
        "presidents_meeting_on": "2024-09-09",
        "presidents_universities": 18,
        "presidents_topics": 3,
        "net_zero_training": 2,
        "net_zero_training_participants": 113,
        "net_zero_forum_participants": 50,
        "net_zero_universities": 5,
        "service_courses": 1,
    },
    "work_reports_sent": [
        "高雄市議會第4屆第3次定期大會高雄市政府施政報告",
        "高雄市政府112年度施政績效成果報告",
        "高雄市議會第4屆第4次定期大會高雄市政府施政報告",
    ],
}


REGISTER_DEMOS = ("yankao.core.", "yankao.org.", "yankao.registers.")


def run_register_demos() -> None:
    """`yankao demo` restricted to the registers and what they stand on, in the same order."""
    ctx = DemoContext(scale=1, progress=lambda _: None)
    with audit_context(channel="demo", label="yankao demo"):
        for module in demo_modules():
            if module.__name__.startswith(REGISTER_DEMOS) and hasattr(module, "populate"):
                module.populate(ctx)


def register_events() -> int:
    return AuditEvent.objects.filter(record_type__startswith="registers").count()


def test_demo_reproduces_the_reference_figures_and_is_idempotent(db, client_for):
    run_register_demos()
    figures = register_figures(year=2024)
    for section, expected in EXPECTED.items():
        assert figures[section] == expected, section
    assert (
        figures["overseas"]["published"] == 9
    )  # illustrative: 12 submitted, 1 returned, 1 under review, 1 published in 114
    # the selectors the annual report adds (reports/catalogue.py)
    from yankao.registers.council.selectors import regular_session_in_year
    from yankao.registers.quality.selectors import round_count
    from yankao.registers.security.selectors import maturity_at_target_count

    assert str(regular_session_in_year(year=113)) == str(regular_session_in_year(year=2024)) == "第4屆第3次定期大會"
    assert str(regular_session_in_year(year=2024, ordinal=2)) == "第4屆第4次定期大會"
    assert regular_session_in_year(year=2024, ordinal=3) is None and regular_session_in_year(year=2023) is None
    assert round_count(year=2024) == 2 and round_count(year=2023) == 0
    assert (
        maturity_at_target_count(year=2024, agency_class="B"),
        maturity_at_target_count(year=2024, agency_class="C"),
    ) == (
        9,
        42,
    )
    # the API serves the same numbers
    data = client_for("commission").get("/office/registers/figures.json?year=113").json()
    assert data["roc_year"] == 113 and data["council"] == EXPECTED["council"]
    # running the demo again changes nothing
    before = register_events()
    assert before > 0
    run_register_demos()
    assert register_events() == before
    assert register_figures(year=2024) == figures


@pytest.mark.parametrize("persona", PERSONAS)
def test_hub_and_figures_api_matrix(client_for, persona, city):
    i = PERSONAS.index(persona)
    expect_status(client_for(persona).get("/office/registers/"), STAFF_PAGE[i])
    expect_status(client_for(persona).get("/office/registers/figures.json?year=113"), COMMISSION_PAGE[i])
