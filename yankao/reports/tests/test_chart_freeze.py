"""The year's charts (calls per month, inspections by grade, risk map) are frozen with the figures
when a report is finalised: a final report shows them as they were, reads no service record when
rendered, and the recompute view shows what would change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yankao.core.workdays import TAIPEI
from yankao.reports import selectors, services
from yankao.reports.models import ReportVersion
from yankao.reports.rendering import build_document, render
from yankao.service.services import call_record

SOURCE_TABLES = ("service_", "works_", "registers_", "risks_")


def _calls(actor, day: dt.date, n: int) -> None:
    start = dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=TAIPEI)
    for i in range(n):
        at = start + dt.timedelta(minutes=10 * i)
        call_record(actor=actor, started_at=at, ended_at=at + dt.timedelta(minutes=3), type="other")


def _finalise(report, people):
    for it in selectors.items_awaiting(report):
        services.item_submit(actor=people["commission"], item=it)
        services.item_accept(actor=people["commission"], item=it)
    return services.report_finalise(actor=people["commission"], report=report)


def _month_rows(doc) -> dict[str, str]:
    chart = next(c for c in doc.charts if c.spec.id == "calls_per_month")
    return {label: value.display for label, value in chart.rows}


def test_a_final_report_keeps_its_year_charts_and_recompute_shows_the_difference(small_report, people):
    # given two calls in March 113, the report finalised
    _calls(people["commission"], dt.date(2024, 3, 5), 2)
    version = _finalise(small_report, people)
    frozen = {label: data["display"] for label, data in version.content["charts"]["calls_per_month"]["rows"]}
    assert (frozen["3 月"], frozen["5 月"]) == ("2", "0")
    assert set(version.content["charts"]) == {
        "calls_per_month",
        "inspections_by_grade",
        "risk_map_before",
        "risk_map_after",
    }
    # when calls are recorded later (one more in March, one in May; one on 31 March 23:30 Taipei)
    _calls(people["commission"], dt.date(2024, 3, 6), 1)
    _calls(people["commission"], dt.date(2024, 5, 2), 1)
    late = dt.datetime(2024, 3, 31, 23, 30, tzinfo=TAIPEI)
    call_record(actor=people["commission"], started_at=late, ended_at=late + dt.timedelta(minutes=5), type="other")
    # then the published report shows the frozen chart, without reading a source record
    with CaptureQueriesContext(connection) as queries:
        doc = build_document(small_report)
        html = render(doc, "html").decode()
    touched = [q["sql"] for q in queries if any(t in q["sql"] for t in SOURCE_TABLES)]
    assert touched == []
    assert _month_rows(doc)["3 月"] == "2" and _month_rows(doc)["5 月"] == "0"
    assert not doc.live and "1999 話務中心每月電話處理量" in html
    # the live document counts the records now
    live_rows = _month_rows(build_document(small_report, live=True))
    assert (live_rows["3 月"], live_rows["4 月"], live_rows["5 月"]) == ("4", "0", "1")
    # and recompute lists exactly the changed chart rows
    changes = [(c.id, c.label, c.before, c.after) for c in selectors.recompute(small_report)]
    assert changes == [
        ("service.calls.month_03", "1999 話務中心每月電話處理量：3 月", "2", "4"),
        ("service.calls.month_05", "1999 話務中心每月電話處理量：5 月", "0", "1"),
    ]


def test_the_recompute_page_shows_chart_changes(small_report, people, client_for):
    _finalise(small_report, people)
    _calls(people["commission"], dt.date(2024, 7, 1), 3)
    page = client_for("commission").get(f"/office/reports/{small_report.pk}/recompute/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "1999 話務中心每月電話處理量：7 月" in text and "service.calls.month_07" in text


def test_version_diff_shows_chart_changes_between_versions(small_report, people):
    first = small_report.versions.order_by("number").last()
    _calls(people["commission"], dt.date(2024, 2, 1), 1)
    it = selectors.items_awaiting(small_report).first()
    services.item_submit(actor=people["commission"], item=it)
    second = small_report.versions.order_by("number").last()
    diff = selectors.version_diff(first, second)
    assert [(f.id, f.before, f.after) for f in diff.figures] == [("service.calls.month_02", "0", "1")]


def test_a_report_finalised_before_charts_were_frozen_gets_them_once(small_report, people):
    # given a final version without charts (as finalised before this change)
    version = _finalise(small_report, people)
    content = {k: v for k, v in version.content.items() if k != "charts"}
    ReportVersion.objects.filter(pk=version.pk).update(content=content)
    _calls(people["commission"], dt.date(2024, 3, 5), 1)
    assert _month_rows(build_document(small_report))["3 月"] == "1"  # computed now: nothing frozen
    # when the commission freezes them
    with pytest.raises(Exception, match="研考會"):
        services.report_charts_freeze(actor=people["own_staff"], report=small_report)
    call_command("report", "freeze-charts", "--year", "113", "--actor", people["commission"].username)
    newest = selectors.final_version(small_report)
    assert newest.number == version.number + 1 and newest.content["figures"] == content["figures"]
    assert newest.content["items"] == content["items"]
    # then later records no longer change the published charts, and a second freeze is refused
    _calls(people["commission"], dt.date(2024, 3, 6), 1)
    assert _month_rows(build_document(small_report))["3 月"] == "1"
    with pytest.raises(ValidationError, match="已凍結"):
        services.report_charts_freeze(actor=people["commission"], report=small_report)
