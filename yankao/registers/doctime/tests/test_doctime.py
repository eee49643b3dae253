"""Document timeliness: statistics import, ranking, letters, inspection visits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.models import AuditEvent
from yankao.core.tabular import ImportFailed
from yankao.registers.conftest import COMMISSION_PAGE, PERSONAS, STAFF_PAGE, expect_status
from yankao.registers.doctime import selectors, services
from yankao.registers.doctime.models import InspectionVisit, MonthlyStat

pytestmark = pytest.mark.django_db

HEAD = "機關,年,月,類別,收文數,結案數,如期結案數,平均天數,逾期件數\n"
GOOD = (
    HEAD + "PWB,113,1,一般公文,100,90,81,3.5,9\nPWB,113,1,人民陳情,10,10,10,2,0\nCAB,113,1,一般公文,50,40,40,1.25,0\n"
)
TODAY = dt.date(2024, 12, 31)


def test_seven_categories_are_data():
    assert selectors.category_count() == 7


def test_import_summary_and_ranking(officer):
    result = services.stats_import(actor=officer, data=GOOD.encode(), filename="s.csv", today=TODAY)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    general = selectors.category_summary(year=2024)[0]
    assert (general.label, general.received, general.closed, general.closed_on_time, general.overdue) == (
        "一般公文",
        150,
        130,
        121,
        9,
    )
    assert general.on_time_rate == Decimal("93.08")  # 121 / 130
    assert general.average_days == Decimal("2.81")  # (3.5×90 + 1.25×40) / 130 = 2.8076…
    ranking = selectors.agency_ranking(year=2024)
    assert [(rank, f.label, f.on_time_rate) for rank, _, f in ranking] == [
        (1, "高雄市政府民政局", Decimal("100.00")),
        (2, "高雄市政府工務局", Decimal("91.00")),
    ]
    assert [f.label for _, _, f in selectors.below_target(year=2024)] == ["高雄市政府工務局"]
    assert selectors.months_analysed(year=2024) == 1


def test_reimport_changes_nothing_and_corrections_update(officer):
    services.stats_import(actor=officer, data=GOOD.encode(), filename="s.csv", today=TODAY)
    events = AuditEvent.objects.count()
    again = services.stats_import(actor=officer, data=GOOD.encode(), filename="s.csv", today=TODAY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEvent.objects.count() == events
    fixed = GOOD.replace("PWB,113,1,一般公文,100,90,81", "PWB,113,1,一般公文,100,90,85")
    assert services.stats_import(actor=officer, data=fixed.encode(), filename="s2.csv", today=TODAY).updated == 1
    assert MonthlyStat.objects.get(agency__code="PWB", category__name="一般公文").closed_on_time == 85


def test_bad_rows_are_reported_and_nothing_saved(officer):
    bad = HEAD + (
        "PWB,113,1,一般公文,100,90,81,3.5,9\n"
        "XYZ,113,1,一般公文,1,1,1,1,0\n"
        "PWB,114,3,一般公文,1,1,1,1,0\n"
        "PWB,113,1,一般公文,100,90,81,3.5,9\n"
        "PWB,113,2,公文,1,1,1,1,0\n"
        "PWB,113,2,訴願,1,1,2,1,0\n"
    )
    with pytest.raises(ImportFailed) as exc:
        services.stats_import(actor=officer, data=bad.encode(), filename="bad.csv", today=TODAY)
    assert [str(e) for e in exc.value.errors] == [
        "第 3 行：未知機關「XYZ」",
        "第 4 行：114 年 3 月尚未到來，不能有統計",
        "第 5 行：與第 2 行重複（同機關、同月份、同類別）",
        "第 6 行：未知類別「公文」（須為七大類之一）",
        "第 7 行：如期結案數不可大於結案數",
    ]
    assert MonthlyStat.objects.count() == 0


def test_staff_cannot_import(people):
    with pytest.raises(PermissionDenied):
        services.stats_import(actor=people["own_staff"], data=GOOD.encode(), filename="s.csv", today=TODAY)
    assert MonthlyStat.objects.count() == 0


def test_visit_workflow(people, officer, own_agency):
    visit = services.visit_schedule(actor=officer, year=2024, agency=own_agency, scheduled_on=dt.date(2024, 8, 2))
    with pytest.raises(ValidationError, match="函送後"):
        services.visit_improvement(
            actor=people["own_staff"], visit=visit, improvement="x", improved_on=dt.date(2024, 11, 1)
        )
    services.visit_record(
        actor=officer, visit=visit, visited_on=dt.date(2024, 8, 2), findings="缺失", recommendations="改進"
    )
    assert services.visit_report_sent(actor=officer, year=2024, sent_on=dt.date(2024, 10, 15)) == 1
    visit.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.visit_improvement(
            actor=people["other_staff"], visit=visit, improvement="x", improved_on=dt.date(2024, 11, 1)
        )
    services.visit_improvement(
        actor=people["own_staff"], visit=visit, improvement="已改善", improved_on=dt.date(2024, 11, 1)
    )
    visit.refresh_from_db()
    assert visit.status == InspectionVisit.Status.IMPROVED
    figures = selectors.visit_figures(year=2024)
    assert (figures.agencies, figures.first_day, figures.report_sent_on, figures.improved) == (
        1,
        dt.date(2024, 8, 2),
        dt.date(2024, 10, 15),
        1,
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name,expected",
    [
        ("stats", STAFF_PAGE),
        ("stats_xlsx", STAFF_PAGE),
        ("own_letter", ["signin", 403, 404, 200, 200, 200]),
        ("visits", STAFF_PAGE),
        ("own_visit", ["signin", 403, 404, 200, 200, 200]),
        ("visit_report", COMMISSION_PAGE),
    ],
)
def test_permission_matrix(client_for, officer, own_agency, persona, name, expected):
    services.stats_import(actor=officer, data=GOOD.encode(), filename="s.csv", today=TODAY)
    visit = services.visit_schedule(actor=officer, year=2024, agency=own_agency, scheduled_on=dt.date(2024, 8, 2))
    urls = {
        "stats": "/office/registers/documents/?year=113",
        "stats_xlsx": "/office/registers/documents/?year=113&format=xlsx",
        "own_letter": f"/office/registers/documents/letters/2024/{own_agency.pk}.odt",
        "visits": "/office/registers/documents/visits/",
        "own_visit": f"/office/registers/documents/visits/{visit.pk}/",
        "visit_report": "/office/registers/documents/visits/report/2024.docx",
    }
    expect_status(client_for(persona).get(urls[name]), expected[PERSONAS.index(persona)])


def test_staff_ranking_shows_only_own_agency(client_for, officer):
    services.stats_import(actor=officer, data=GOOD.encode(), filename="s.csv", today=TODAY)
    response = client_for("own_staff").get("/office/registers/documents/?year=113")
    assert [f.label for _, _, f in response.context["ranking"]] == ["高雄市政府工務局"]
    assert [r[0] for r in response.context["ranking"]] == [2]
