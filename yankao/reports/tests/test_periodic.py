"""Figures of the monthly programme analysis and of a council-session compilation: their parameters
are made from the report's period, so two months (or two sessions) give their own values, and a
final monthly report keeps the values it was finalised with."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import re
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_staff
from yankao.org.models import Role
from yankao.programmes.models import DelayReason
from yankao.programmes.services import report_approve, report_save, report_submit
from yankao.programmes.tests.helpers import figures, make_programme, plan_linear
from yankao.registers.council import services as council
from yankao.registers.council.models import CouncilSession, ProposalCategory
from yankao.reports import selectors, services
from yankao.reports.figures import NO_PERIOD_TEXT, evaluate, evaluate_all, registry
from yankao.reports.models import DocumentKind, Report
from yankao.reports.rendering import build_document, render

from .conftest import TODAY

pytestmark = pytest.mark.django_db

MONTH_IDS = ["programmes", "reported", "missing", "late", "behind", "serious", "execution_rate"]
MONTHLY_OUTLINE = """\
# 列管計畫執行情形 @RDEC
本月應提報 {programmes.month.programmes} 案，已提報 {programmes.month.reported} 案、未提報 {programmes.month.missing} 案、逾期 {programmes.month.late} 案；進度落後 {programmes.month.behind} 案（嚴重落後 {programmes.month.serious} 案）；經費執行率 {programmes.month.execution_rate}%。
"""
SESSION_OUTLINE = """\
# 議員提案 @RDEC
本次大會議員提案 {registers.council.session.proposals} 件。
"""


def kind(code: str) -> DocumentKind:
    if not DocumentKind.objects.filter(code=code).exists():  # a live-server test flushed the rows
        importlib.import_module("yankao.reports.migrations.0002_document_kinds").load(apps, None)
    return DocumentKind.objects.get(code=code)


def open_report(people: dict[str, Any], agency: Any, code: str, period: str, outline: str) -> Report:
    admin = people["admin"]
    report = services.report_open(actor=admin, kind=kind(code), agency=agency, year=113, period=period, today=TODAY)
    return services.outline_import(actor=admin, report=report, source=outline)


def displays(report: Report, **kwargs: Any) -> dict[str, str]:
    values = selectors.report_figure_values(report, **kwargs)
    return {fid.rpartition(".")[2]: v.display for fid, v in values.items()}


@pytest.fixture
def programme_months(people: dict[str, Any], own_agency: Any) -> dict[str, Any]:
    """Two programmes of 工務局 in 113, 10 % planned a month (30 % in March, 50 % in May), filed
    through the programmes app's services:
    - March: A 22 % (8 points behind: 落後), B 30 % (on plan); spent 8 M + 5 M of 10 M + 10 M;
    - May: A 39 % (11 points behind: 嚴重落後), spent 10 M of 20 M; B files nothing (未提報).
    Every report is approved now, long after its due date (April 10, June 10 2024): each is late."""
    importlib.import_module("yankao.programmes.migrations.0002_kaohsiung_rules").load(apps, None)
    pm = make_staff("pwb-pm", own_agency, Role.PROJECT_MANAGER)
    manager = make_staff("pwb-manager", own_agency, Role.AGENCY_MANAGER)
    a = make_programme(people["commission"], own_agency, pm, code="P113-001")
    b = make_programme(people["commission"], own_agency, pm, code="P113-002", name="旗津海岸步道")
    for programme in (a, b):
        plan_linear(people["commission"], programme)
    reason = DelayReason.objects.get(code="01")

    def file(programme: Any, month: dt.date, given: Any) -> None:
        report = report_save(actor=pm, programme=programme, month=month, figures=given)
        report_approve(actor=manager, report=report_submit(actor=pm, report=report))

    behind = {"delay_reason": reason, "countermeasure": "加派人力趕工"}
    file(a, dt.date(2024, 3, 1), figures("22", 10_000_000, 8_000_000, **behind))
    file(b, dt.date(2024, 3, 1), figures("30", 10_000_000, 5_000_000))
    file(a, dt.date(2024, 5, 1), figures("39", 20_000_000, 10_000_000, **behind))
    return {"a": a, "b": b}


def test_two_months_give_their_own_hand_checked_values(programme_months, people, commission_agency):
    march = open_report(people, commission_agency, "monthly_analysis", "03", MONTHLY_OUTLINE)
    may = open_report(people, commission_agency, "monthly_analysis", "05", MONTHLY_OUTLINE)

    assert displays(march) == {
        "programmes": "2", "reported": "2", "missing": "0", "late": "2",
        "behind": "1", "serious": "0", "execution_rate": "65.00",  # 13 M / 20 M
    }  # fmt: skip
    assert displays(may) == {
        "programmes": "2", "reported": "1", "missing": "1", "late": "1",
        "behind": "1", "serious": "1", "execution_rate": "50.00",  # 10 M / 20 M
    }  # fmt: skip
    value = selectors.report_figure_values(may)["programmes.month.behind"]
    assert value.period == "05"
    assert value.definition == (
        "yankao.programmes.selectors.analysis.monthly_analysis(month=民國113年05月, today=今日) → total.behind"
    )
    assert value.records_url == "/office/programmes/analysis/2024-05/"
    # the JSON carries the period, the report's and each figure's
    data = json.loads(render(build_document(may), "json"))
    assert (data["year"], data["period"]) == (113, "05")
    by_id = {f["id"]: f for f in data["figures"]}
    assert by_id["programmes.month.serious"]["value"] == 1 and by_id["programmes.month.serious"]["period"] == "05"
    assert by_id["programmes.month.execution_rate"]["value"] == 50.0
    # and the HTML links each figure to that month's analysis
    html = render(build_document(march), "html").decode()
    assert 'href="/office/programmes/analysis/2024-03/"' in html


def test_a_final_monthly_report_freezes_its_month(programme_months, people, commission_agency):
    may = open_report(people, commission_agency, "monthly_analysis", "05", MONTHLY_OUTLINE)
    for it in selectors.items_awaiting(may):
        services.item_submit(actor=people["commission"], item=it)
        services.item_accept(actor=people["commission"], item=it)
    version = services.report_finalise(actor=people["commission"], report=may)
    assert version.content["figures"]["programmes.month.missing"]["period"] == "05"
    assert version.content["figures"]["programmes.month.missing"]["value"] == "1"

    # when B's May report arrives after the analysis was published (on plan, 10 M of 10 M spent)
    pm = programme_months["a"].project_manager
    manager = make_staff("pwb-manager-2", programme_months["a"].lead_agency, Role.AGENCY_MANAGER)
    late = report_save(actor=pm, programme=programme_months["b"], month=dt.date(2024, 5, 1), figures=figures("50"))
    report_approve(actor=manager, report=report_submit(actor=pm, report=late))

    may.refresh_from_db()
    frozen = displays(may)
    assert (frozen["missing"], frozen["reported"], frozen["execution_rate"]) == ("1", "1", "50.00")
    live = displays(may, live=True)
    assert (live["missing"], live["reported"], live["execution_rate"]) == ("0", "2", "60.00")  # 18 M / 30 M
    changed = {change.id for change in selectors.recompute(may)}
    assert {"programmes.month.missing", "programmes.month.reported", "programmes.month.execution_rate"} <= changed


def test_a_session_figure_follows_its_session(people, commission_agency):
    officer = people["commission"]
    category = ProposalCategory.objects.get(name="工務")
    for number, count, opens in [(3, 3, dt.date(2024, 2, 27)), (4, 1, dt.date(2024, 8, 27))]:
        session = council.session_create(
            actor=officer,
            term=4,
            number=number,
            starts_on=opens,
            ends_on=opens + dt.timedelta(days=90),
            report_due=opens + dt.timedelta(days=180),
        )
        for n in range(count):
            council.proposal_create(
                actor=officer, session=session, number=f"{n + 1:04d}", title="請改善道路", councillors="王議員",
                category=category, received_on=opens + dt.timedelta(days=3),
            )  # fmt: skip
    third = open_report(people, commission_agency, "council_compilation", "4-3", SESSION_OUTLINE)
    fourth = open_report(people, commission_agency, "council_compilation", "4-4", SESSION_OUTLINE)

    assert displays(third) == {"proposals": "3"}
    assert displays(fourth) == {"proposals": "1"}
    value = selectors.report_figure_values(fourth)["registers.council.session.proposals"]
    session_pk = CouncilSession.objects.get(term=4, number=4).pk
    assert value.records_url == f"/office/registers/council/proposals/?session={session_pk}"
    assert value.definition == (
        "yankao.registers.council.selectors.proposal_total(session=yankao.registers.council.selectors."
        "session_by_label(屆-次=4-4))"
    )
    # a session not in the register, or no period at all: missing, with the reason, not an error
    figure = registry.get("registers.council.session.proposals")
    assert figure is not None
    assert evaluate(figure, 113, period="5-1").display == "查無第5屆第1次定期大會"
    no_period = evaluate(figure, 113)
    assert (no_period.status, no_period.display, no_period.records_url) == ("missing", NO_PERIOD_TEXT, "")


def test_year_figures_are_listed_without_the_period_ones(people):
    year_ids = {v.id for v in selectors.registry_values(year=113)}
    assert "programmes.month.behind" not in year_ids and len(year_ids) == 104
    month_ids = {v.id for v in selectors.registry_values(year=113, period_kind="month", period="05")}
    assert month_ids - year_ids == {f"programmes.month.{key}" for key in MONTH_IDS}


def test_the_figures_command_lists_a_months_figures(programme_months):
    out = io.StringIO()
    call_command("report", "figures", "--year", "113", "--period", "05", stdout=out)
    assert re.search(r"ok\s+programmes\.month\.serious\s+1 案", out.getvalue())
    assert re.search(r"ok\s+programmes\.month\.execution_rate\s+50\.00 %", out.getvalue())
    assert "registers.council.session.proposals" not in out.getvalue()
    assert "共 111 項" in out.getvalue()  # the 104 year figures and the 7 of the month


def test_the_report_command_writes_a_months_json(programme_months, people, commission_agency, tmp_path):
    open_report(people, commission_agency, "monthly_analysis", "05", MONTHLY_OUTLINE)
    output = tmp_path / "may.json"
    call_command(
        "report", "monthly_analysis", "--year", "113", "--period", "05", "--format", "json",
        "--output", str(output), stdout=io.StringIO(),
    )  # fmt: skip
    data = json.loads(output.read_bytes())
    assert (data["year"], data["period"]) == (113, "05")
    assert {f["id"]: f["value"] for f in data["figures"]}["programmes.month.missing"] == 1


def test_the_months_figures_share_one_analysis_in_a_build(programme_months):
    ids = [f"programmes.month.{key}" for key in MONTH_IDS]
    with CaptureQueriesContext(connection) as one:
        evaluate_all(ids[:1], 113, "05")
    with CaptureQueriesContext(connection) as seven:
        values = evaluate_all(ids, 113, "05")
    assert len(seven.captured_queries) == len(one.captured_queries)
    assert [values[i].display for i in ids] == ["2", "1", "1", "1", "1", "1", "50.00"]
