"""Statistics: the arithmetic on the reference's 113 counts, exact counts from records, periods,
the demo plan at scale 1, the command and the API."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.management import call_command

from yankao.service.demo import demo_plan, plan_totals
from yankao.service.selectors import period_parse, service_statistics
from yankao.service.selectors.stats import CallCounts, CaseCounts, Period, ServiceCounts, per_month, service_figures
from yankao.service.services import (
    call_record,
    case_accept,
    case_close,
    case_reply,
    first_aid_record,
    legal_consultation_book,
    legal_consultation_mark,
    sign_language_record,
)
from yankao.service.tests.conftest import file_case

YEAR_113 = Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def reference_counts() -> ServiceCounts:
    """The counts the scale-1 demo plan writes, fed to the same arithmetic the JSON uses."""
    totals = plan_totals(demo_plan(1))
    return ServiceCounts(
        period=YEAR_113,
        calls=CallCounts(
            total=totals["calls_total"],
            consultation=totals["calls_consultation"],
            case=totals["calls_case"],
            other=totals["calls_other"],
            consultation_resolved=totals["calls_resolved"],
            surveyed=totals["calls_surveyed"],
            satisfied=totals["calls_satisfied"],
        ),
        cases=CaseCounts(
            total=totals["petitions"] + totals["dispatches"],
            petitions=totals["petitions"],
            dispatches=totals["dispatches"],
            by_channel=totals["by_channel"],
        ),
        sign_language_sessions=127,
        legal_attendances=9_515,
        first_aid_services=68,
        first_aid_emergencies=2,
    )


def test_the_scale_1_plan_gives_the_reference_figures():
    figures = service_figures(reference_counts())
    assert figures["calls"] == {
        "total": 929_168,
        "monthly_average": 77_431,
        "share_consultation_pct": 32.30,
        "share_case_pct": 41.06,
        "share_other_pct": 26.64,
        "consultation_resolved_on_line_pct": 99.94,
        "satisfaction_pct": 98.51,
        "surveyed": 20_000,
    }
    assert figures["cases"]["petitions"] == 283_580
    assert figures["cases"]["dispatches"] == 123_774
    assert figures["cases"]["dispatches_monthly_average"] == 10_315
    assert figures["cases"]["by_channel"]["digital_citizen"] == 6_498
    assert sum(figures["cases"]["by_channel"].values()) == 407_354


def test_monthly_averages_round_half_up_as_the_report_does():
    assert per_month(123_774, 12) == 10_315  # 10,314.5: banker's rounding would print 10,314
    assert per_month(929_168, 12) == 77_431


def test_the_plan_spreads_every_count_over_twelve_months():
    plan = demo_plan(1)
    assert len(plan) == 12
    assert [m.consultation for m in plan][:2] == [25_011, 25_010]
    assert all(m.resolved <= m.consultation and m.satisfied <= m.surveyed for m in plan)


@pytest.mark.parametrize(
    "text,start,end,months",
    [
        ("113", dt.date(2024, 1, 1), dt.date(2024, 12, 31), 12),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), 12),
        ("113H2", dt.date(2024, 7, 1), dt.date(2024, 12, 31), 6),
        ("113上半年", dt.date(2024, 1, 1), dt.date(2024, 6, 30), 6),
        ("113/02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), 1),
        ("2024-03", dt.date(2024, 3, 1), dt.date(2024, 3, 31), 1),
    ],
)
def test_periods(text, start, end, months):
    period = period_parse(text)
    assert (period.start, period.end, period.months) == (start, end, months)


@pytest.mark.parametrize("text", ["", "abc", "113/13", "113H3"])
def test_bad_periods_are_refused_in_chinese(text):
    with pytest.raises(ValueError, match=r"期間|月份"):
        period_parse(text)


@pytest.fixture
def small_year(db, people, aware):
    """A small year with known counts, made through the services."""
    centre, officer = people["commission"], people["own_staff"]
    day = aware(2024, 3, 5, 9, 0)
    kinds = ["consultation"] * 3 + ["case"] * 4 + ["other"] * 3
    for i, kind in enumerate(kinds):
        call_record(
            actor=centre,
            started_at=day + dt.timedelta(minutes=10 * i),
            ended_at=day + dt.timedelta(minutes=10 * i + 3),
            type=kind,
            resolved_on_line=(i < 2) if kind == "consultation" else None,
            satisfied=[True, True, True, False][i] if i < 4 else None,
        )
    call_record(actor=centre, started_at=aware(2025, 1, 1, 0, 0), ended_at=aware(2025, 1, 1, 0, 5), type="other")
    petition = file_case(received_at=aware(2024, 3, 5, 10, 0), channel="phone")
    file_case(received_at=aware(2024, 3, 6, 10, 0), channel="digital_citizen")
    file_case(
        received_at=aware(2024, 12, 31, 23, 0), channel="phone", category="D01", address="高雄市苓雅區四維三路2號"
    )
    file_case(received_at=aware(2023, 12, 31, 23, 0))
    with time_machine.travel(aware(2024, 3, 8, 15, 0), tick=False):
        case = case_accept(actor=officer, case=petition)
        case = case_reply(actor=officer, case=case, text="已處理")
        case_close(actor=officer, case=case)
    sign_language_record(actor=centre, started_at=day, ended_at=day + dt.timedelta(minutes=9), purpose="consultation")
    for attended in (True, True, False):
        booking = legal_consultation_book(actor=centre, point="FENGSHAN", scheduled_at=day, name="陳大文")
        legal_consultation_mark(actor=centre, booking=booking, status="attended" if attended else "no_show")
    for kind in ("wound_care", "education", "emergency"):
        first_aid_record(actor=centre, served_at=day, kind=kind)


def test_statistics_count_exactly_what_is_recorded(small_year, aware):
    figures = service_statistics(period_parse("113"), as_of=aware(2025, 6, 1, 0, 0))
    assert figures["calls"] == {
        "total": 10,
        "monthly_average": 1,
        "share_consultation_pct": 30.0,
        "share_case_pct": 40.0,
        "share_other_pct": 30.0,
        "consultation_resolved_on_line_pct": 66.67,
        "satisfaction_pct": 75.0,
        "surveyed": 4,
    }
    cases = figures["cases"]
    assert (cases["total"], cases["petitions"], cases["dispatches"]) == (3, 2, 1)
    assert cases["by_channel"] == {
        "phone": 2,
        "counter": 0,
        "mayor_mailbox": 0,
        "digital_citizen": 1,
        "letter": 0,
        "fax": 0,
        "line_video": 0,
    }
    # 1 closed on time; 2 open past their deadlines on 2025-06-01: 1 ÷ (1 + 2)
    assert (cases["closed"], cases["closed_on_time"], cases["open_past_deadline"], cases["on_time_pct"]) == (
        1,
        1,
        2,
        33.33,
    )
    assert cases["average_handling_hours"] == 77.0  # 2024-03-05 10:00 → 03-08 15:00
    assert figures["sign_language"] == {"sessions": 1}
    assert figures["legal_consultations"] == {"attendances": 2}
    assert figures["first_aid"] == {"services": 2, "emergencies": 1}


def test_a_month_counts_only_that_month(small_year):
    figures = service_statistics(period_parse("113/12"))
    assert (figures["calls"]["total"], figures["cases"]["dispatches"], figures["cases"]["petitions"]) == (0, 1, 0)


def test_the_command_prints_json_and_csv(small_year, capsys):
    call_command("stats", "service", "--from", "113/01/01", "--to", "113/12/31", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert (data["calls"]["total"], data["cases"]["petitions"]) == (10, 2)
    call_command("stats", "service", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "csv")
    out = capsys.readouterr().out
    assert "calls.total,10" in out


def test_the_api_gives_the_same_figures(small_year, client_for):
    response = client_for("commission").get("/api/service/stats/?start=113/01/01&end=113/12/31")
    assert response.status_code == 200
    assert response.json()["calls"]["share_case_pct"] == 40.0
    csv = client_for("commission").get("/api/service/stats/?period=113&format=csv").content.decode("utf-8-sig")
    assert "calls.total,10" in csv
    bad = client_for("commission").get("/api/service/stats/?period=113/13")
    assert bad.status_code == 400 and "月份" in bad.json()["error"]


def test_the_stats_page_shows_charts_and_tables(small_year, client_for):
    page = client_for("commission").get("/office/service/stats/?period=113&by=channel")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "1999 電話" in html
    xlsx = client_for("commission").get("/office/service/stats/?period=113&by=agency&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    odt = client_for("commission").get("/office/service/stats/?period=113&format=odt")
    assert odt["Content-Type"] == "application/vnd.oasis.opendocument.text"


def test_the_demo_writes_what_its_plan_says(db, city):
    """At a small scale, the statistics of the written records equal the plan's counts."""
    from yankao.core.demo import DemoContext
    from yankao.service.demo import populate_year

    ctx = DemoContext(scale=0.001, progress=lambda m: None)
    populate_year(ctx)
    totals = plan_totals(demo_plan(0.001))
    figures = service_statistics(period_parse("113"))
    assert figures["calls"]["total"] == totals["calls_total"]
    assert figures["cases"]["petitions"] == totals["petitions"]
    assert figures["cases"]["dispatches"] == totals["dispatches"]
    assert figures["cases"]["by_channel"] == {
        **dict.fromkeys(figures["cases"]["by_channel"], 0),
        **totals["by_channel"],
    }
    assert figures["legal_consultations"]["attendances"] == 10
    populate_year(ctx)  # a second run changes nothing
    assert service_statistics(period_parse("113"))["calls"]["total"] == totals["calls_total"]


# --- the report's shared aggregate (selectors.report) -------------------------------------------


def _figures_one_by_one(period):
    """The 15 report figures computed the way they were before the shared aggregate."""
    from yankao.service.selectors.stats import call_counts, case_counts, cases_in, pct, service_counts

    calls, cases, extra = call_counts(period), case_counts(period), service_counts(period)
    return {
        "calls_total": calls.total,
        "calls_monthly_average": per_month(calls.total, period.months),
        "calls_share_consultation_pct": pct(calls.consultation, calls.total),
        "calls_share_case_pct": pct(calls.case, calls.total),
        "calls_share_other_pct": pct(calls.other, calls.total),
        "calls_consultation_resolved_on_line_pct": pct(calls.consultation_resolved, calls.consultation),
        "calls_satisfaction_pct": pct(calls.satisfied, calls.surveyed),
        "petitions_count": cases.petitions,
        "dispatches_count": cases.dispatches,
        "dispatches_monthly_average": per_month(cases.dispatches, period.months),
        "digital_citizen_cases": cases_in(period).filter(channel="digital_citizen").count(),
        "sign_language_sessions": extra.sign_language_sessions,
        "legal_consultation_attendances": extra.legal_attendances,
        "first_aid_services": extra.first_aid_services,
        "first_aid_emergencies": extra.first_aid_emergencies,
    }


@pytest.mark.parametrize("text", ["113", "113/03", "113/12", "112", "113H1"])
def test_the_shared_aggregate_gives_each_figure_as_before(small_year, text):
    from yankao.service.selectors import report

    period = period_parse(text)
    expected = _figures_one_by_one(period)
    assert {name: getattr(report, name)(period=period) for name in expected} == expected


def test_the_figures_of_one_build_read_the_records_once(small_year, django_assert_num_queries):
    from yankao.service.selectors import report

    period = period_parse("113")
    with report.report_counts_memoised():
        with django_assert_num_queries(5):  # calls, cases, first aid, sign language, legal
            assert (report.calls_total(period=period), report.petitions_count(period=period)) == (10, 2)
        with django_assert_num_queries(0):
            assert report.dispatches_count(period=period) == 1
            assert report.calls_satisfaction_pct(period=period) == 75.0
            assert report.first_aid_emergencies(period=period) == 1
        with django_assert_num_queries(1):  # the twelve months in one query
            months = report.calls_by_month(period=period)
        with django_assert_num_queries(0):
            assert report.calls_by_month(period=period) == months
    assert months == {f"2024-{m:02d}": (10 if m == 3 else 0) for m in range(1, 13)}
    # outside a build nothing is memoised: each call reads the records
    with django_assert_num_queries(5):
        report.calls_total(period=period)


def test_calls_by_month_equals_each_months_total_in_taipei_time(small_year, people, aware):
    from yankao.service.selectors import report

    centre = people["commission"]
    for at in (aware(2024, 3, 31, 23, 59), aware(2024, 4, 1, 0, 0), aware(2024, 12, 31, 23, 30)):
        call_record(actor=centre, started_at=at, ended_at=at + dt.timedelta(minutes=1), type="other")
    months = report.calls_by_month(period=period_parse("113"))
    for month in range(1, 13):
        assert months[f"2024-{month:02d}"] == report.calls_total(period=period_parse(f"113/{month:02d}"))
    assert (months["2024-03"], months["2024-04"], months["2024-12"]) == (11, 1, 1)
    assert report.calls_by_month(period=period_parse("113H2")) == {
        f"2024-{m:02d}": (1 if m == 12 else 0) for m in range(7, 13)
    }
