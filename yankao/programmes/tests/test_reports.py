"""Monthly reports: figures checked on every path, the approval and review workflow, delay status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.models import AuditEvent
from yankao.programmes.models import DelayReason, MonthlyReport, ReportReminder
from yankao.programmes.selectors.analysis import agency_status, behind_list, behind_streaks
from yankao.programmes.services import (
    analysis_generate,
    month_close,
    report_approve,
    report_review,
    report_save,
    report_send_back,
    report_submit,
    reports_bulk_load,
    reports_chase_missing,
)
from yankao.programmes.services.reports import ReportRow

from .helpers import figures

D = Decimal
MARCH = dt.date(2024, 3, 1)
pytestmark = pytest.mark.django_db


def reason(code: str = "01") -> DelayReason:
    return DelayReason.objects.get(code=code)


def test_a_filed_report_carries_plan_delay_and_execution(programme, pm):
    report = report_save(
        actor=pm,
        programme=programme,
        month=MARCH,
        figures=figures("22", 10_000_000, 8_000_000, delay_reason=reason(), countermeasure="加派人力趕工"),
    )
    assert (report.planned_pct, report.actual_pct, report.behind_pp) == (D("30.00"), D("22"), D("8.00"))
    assert report.delay_level == MonthlyReport.DelayLevel.WARNING
    assert report.execution_rate == D("80.00") and report.low_execution is False
    assert (report.warning_pp, report.serious_pp, report.execution_low_pct) == (D(5), D(10), D(60))
    # day 10 of April 2024 is a Wednesday, a working day
    assert report.due_date == dt.date(2024, 4, 10)
    assert report.status == MonthlyReport.Status.DRAFT


def test_seriously_behind_and_low_execution(programme, pm):
    report = report_save(
        actor=pm,
        programme=programme,
        month=MARCH,
        figures=figures("19.5", 10_000_000, 5_900_000, delay_reason=reason("03"), countermeasure="重新招標"),
    )
    assert report.behind_pp == D("10.50") and report.delay_level == MonthlyReport.DelayLevel.SERIOUS
    assert report.execution_rate == D("59.00") and report.low_execution is True


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (figures("101"), "實際累計進度 101% 不正確，須介於 0 與 100 之間"),
        (figures("30", 1_000_000, 1_000_001), "累計執行數（1,000,001 元）超過累計分配數（1,000,000 元）"),
        (figures("30", 400_000_000, 0), "累計分配數（400,000,000 元）超過計畫總經費（350,000,000 元）"),
        (figures("20"), "進度落後 10.00 個百分點，請選擇落後原因並填寫因應對策"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_saved(programme, pm, given, message):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        report_save(actor=pm, programme=programme, month=MARCH, figures=given)
    assert message in caught.value.messages
    assert MonthlyReport.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_progress_going_backwards_needs_a_reason(programme, pm):
    report_save(actor=pm, programme=programme, month=dt.date(2024, 2, 1), figures=figures("25"))
    with pytest.raises(ValidationError) as caught:
        report_save(actor=pm, programme=programme, month=MARCH, figures=figures("24"))
    assert "實際累計進度較上月（25.00%）倒退，請選擇原因並說明倒退的理由" in caught.value.messages
    assert not MonthlyReport.objects.filter(month=MARCH).exists()
    explained = figures("28", delay_reason=reason("99"), delay_note="前月誤植，更正為 24%")
    explained.actual_pct = D(24)
    with pytest.raises(ValidationError):  # behind 6 points: a countermeasure is needed as well
        report_save(actor=pm, programme=programme, month=MARCH, figures=explained)
    explained.countermeasure = "增加施工班次"
    assert report_save(actor=pm, programme=programme, month=MARCH, figures=explained).actual_pct == D(24)


def test_closed_and_future_months_are_refused(programme, pm, people):
    month_close(actor=people["commission"], month=MARCH)
    with pytest.raises(ValidationError) as caught:
        report_save(actor=pm, programme=programme, month=MARCH, figures=figures("30"))
    assert "113年3月已關帳，不能再填報或修改月報" in caught.value.messages
    with pytest.raises(ValidationError) as caught:
        report_save(actor=pm, programme=programme, month=dt.date(2025, 1, 1), figures=figures("30"))
    assert "114年1月不在本計畫 113 年度的列管期間內" in caught.value.messages
    assert MonthlyReport.objects.count() == 0


@pytest.mark.parametrize("who", ["own_staff", "other_staff", "commission", "manager"])
def test_only_the_project_manager_files(programme, people, manager, who):
    actor = manager if who == "manager" else people[who]
    with pytest.raises(PermissionDenied):
        report_save(actor=actor, programme=programme, month=MARCH, figures=figures("30"))
    assert MonthlyReport.objects.count() == 0


def test_file_approve_review_and_lateness(programme, pm, manager, people):
    report = report_save(actor=pm, programme=programme, month=MARCH, figures=figures("30"))
    report = report_submit(actor=pm, report=report)
    assert report.status == MonthlyReport.Status.PENDING
    with pytest.raises(PermissionDenied):
        report_approve(actor=people["commission"], report=report)  # the commission reviews, not approves
    report = report_approve(actor=manager, report=report)
    assert report.status == MonthlyReport.Status.SUBMITTED and report.approved_by == manager
    assert report.is_late is True  # approved years after 113/04/10
    with pytest.raises(PermissionDenied):
        report_review(actor=manager, report=report, accept=True)
    report = report_review(actor=people["commission"], report=report, accept=True)
    assert report.status == MonthlyReport.Status.ACCEPTED and report.reviewed_by == people["commission"]
    with pytest.raises(ValidationError):
        report_save(actor=pm, programme=programme, month=MARCH, figures=figures("35"))
    assert MonthlyReport.objects.get().actual_pct == D(30)


def test_a_returned_report_goes_back_to_the_project_manager(programme, pm, manager, people):
    report = report_submit(
        actor=pm, report=report_save(actor=pm, programme=programme, month=MARCH, figures=figures("30"))
    )
    with pytest.raises(ValidationError):
        report_send_back(actor=manager, report=report, comment="  ")
    report = report_send_back(actor=manager, report=report, comment="請補照片")
    assert report.status == MonthlyReport.Status.RETURNED
    report = report_save(
        actor=pm, programme=programme, month=MARCH, figures=figures("31"), expected_version=report.version
    )
    report = report_approve(actor=manager, report=report_submit(actor=pm, report=report))
    with pytest.raises(ValidationError) as caught:
        report_review(actor=people["commission"], report=report, accept=False)
    assert caught.value.messages == ["退回月報時請填寫審查意見"]
    mail.outbox.clear()
    report = report_review(actor=people["commission"], report=report, accept=False, comment="執行數與會計報表不符")
    assert report.status == MonthlyReport.Status.RETURNED and report.review_comment == "執行數與會計報表不符"


def test_stale_version_is_a_conflict(programme, pm, manager):
    report = report_save(actor=pm, programme=programme, month=MARCH, figures=figures("30"))
    stale = report.version
    report_save(actor=pm, programme=programme, month=MARCH, figures=figures("31"), expected_version=stale)
    with pytest.raises(ValidationError) as caught:
        report_save(actor=pm, programme=programme, month=MARCH, figures=figures("32"), expected_version=stale)
    assert caught.value.messages == ["此月報已被其他人修改，請重新載入後再填寫"]
    assert MonthlyReport.objects.get().actual_pct == D(31)


def accepted(programme, pm, manager, reviewer, month, actual, **extra):
    report = report_save(actor=pm, programme=programme, month=month, figures=figures(actual, **extra))
    report = report_approve(actor=manager, report=report_submit(actor=pm, report=report))
    return report_review(actor=reviewer, report=report, accept=True)


def test_behind_streaks_and_agency_counts(programme, pm, manager, people, own_agency):
    why = {"delay_reason": reason("01"), "countermeasure": "協調用地"}
    for m, actual in [(1, "10"), (2, "12"), (3, "15"), (4, "20")]:
        accepted(programme, pm, manager, people["commission"], dt.date(2024, m, 1), actual, **(why if m > 1 else {}))
    # Feb: plan 20 actual 12 (behind 8); Mar: 30/15 (15, serious); Apr: 40/20 (20, serious)
    assert behind_streaks(month=dt.date(2024, 4, 1)) == {programme.pk: 3}
    assert behind_streaks(month=dt.date(2024, 2, 1)) == {programme.pk: 1}
    [row] = agency_status(month=dt.date(2024, 4, 1), today=dt.date(2024, 5, 20))
    assert row["agency"] == own_agency
    assert (row["programmes"], row["reported"], row["behind"], row["serious"]) == (1, 1, 1, 1)
    assert (row["behind_2"], row["behind_3plus"], row["late"], row["missing"]) == (0, 1, 1, 0)
    [worst] = behind_list(month=dt.date(2024, 4, 1))
    assert worst.behind_pp == D("20.00") and worst.streak == 3  # January was on plan


def test_missing_reports_are_counted_and_chased(programme, pm):
    [row] = agency_status(month=MARCH, today=dt.date(2024, 4, 10))
    assert row["missing"] == 0  # not yet past the deadline
    [row] = agency_status(month=MARCH, today=dt.date(2024, 4, 11))
    assert row["missing"] == 1
    mail.outbox.clear()
    assert reports_chase_missing(month=MARCH, today=dt.date(2024, 4, 11)) == 1
    assert reports_chase_missing(month=MARCH, today=dt.date(2024, 4, 12)) == 1
    reminder = ReportReminder.objects.get()
    assert (reminder.times, reminder.sent_to) == (2, "pm@pwb.example.tw")


def test_analysis_is_produced_only_after_the_deadline(programme, pm, manager, people):
    accepted(programme, pm, manager, people["commission"], MARCH, "30")
    assert analysis_generate(month=MARCH, today=dt.date(2024, 4, 10)) is None
    analysis = analysis_generate(month=MARCH, today=dt.date(2024, 4, 11))
    assert analysis is not None
    assert analysis.figures["total"]["reported"] == 1 and analysis.figures["total"]["behind"] == 0
    assert analysis.figures["total"]["execution_rate"] == "80.00"


def test_bulk_load_is_all_or_nothing_with_line_numbers(programme, people):
    rows = [
        ReportRow(programme, dt.date(2024, 1, 1), figures("10"), line=2),
        ReportRow(programme, dt.date(2024, 2, 1), figures("120"), line=3),
        ReportRow(programme, MARCH, figures("30", 100, 200), line=4),
    ]
    with pytest.raises(ValidationError) as caught:
        reports_bulk_load(actor=people["commission"], rows=rows, label="test.csv")
    assert caught.value.messages == [
        "第 3 行：實際累計進度 120% 不正確，須介於 0 與 100 之間",
        "第 4 行：累計執行數（200 元）超過累計分配數（100 元）",
    ]
    assert MonthlyReport.objects.count() == 0
    rows[1].figures.actual_pct, rows[2].figures.budget_spent = D(20), D(100)
    batch = reports_bulk_load(actor=people["commission"], rows=rows, label="test.csv")
    assert batch.rows == 3 and MonthlyReport.objects.filter(status="accepted").count() == 3
    assert AuditEvent.objects.filter(record_type="programmes.importbatch", action="event").count() == 1
