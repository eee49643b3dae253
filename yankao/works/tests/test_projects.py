"""Projects, monthly progress filing (and the PCC import), behind-schedule checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from yankao.core.models import AuditEvent
from yankao.core.tabular import ImportFailed
from yankao.works import services
from yankao.works.models import DocumentaryCheck, ProgressReport, Project, WorksRule
from yankao.works.selectors import projects as sel

pytestmark = pytest.mark.django_db


def at(y, m, d, h=9):
    return timezone.make_aware(dt.datetime(y, m, d, h))


def test_project_gets_its_tier_and_keeps_the_amounts(project):
    assert (project.tier, project.tier_name, project.contract_amount) == ("audit", "查核金額以上", 68_000_000)
    assert project.bid_ratio == pytest.approx(0.85)
    assert AuditEvent.objects.filter(record_type="works.project", record_id=str(project.pk)).count() == 1


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"start_date": dt.date(2023, 1, 1)}, "開工日不得早於決標日。"),
        ({"start_date": dt.date(2024, 2, 1), "planned_completion": dt.date(2024, 1, 1)}, "預定完工日不得早於開工日。"),
        ({"contract_amount": -1}, "契約金額不得為負數，預算金額須大於 0。"),
        ({"tender_number": " "}, "標案案號與工程名稱為必填。"),
    ],
)
def test_bad_projects_are_refused_and_nothing_is_saved(people, own_agency, kwargs, message):
    data = {
        "tender_number": "X-1",
        "name": "測試",
        "agency": own_agency,
        "contract_amount": 100,
        "award_date": dt.date(2024, 1, 1),
        **kwargs,
    }
    with pytest.raises(ValidationError) as exc:
        services.project_create(actor=people["commission"], **data)
    assert exc.value.messages == [message]
    assert Project.objects.count() == 0


def test_duplicate_tender_number(project, people, own_agency):
    with pytest.raises(ValidationError, match="已登錄"):
        services.project_create(
            actor=people["own_staff"],
            tender_number=project.tender_number,
            name="x",
            agency=own_agency,
            contract_amount=1,
            award_date=dt.date(2024, 1, 1),
        )


def test_other_agency_cannot_register_a_project_for_us(people, own_agency):
    with pytest.raises(PermissionDenied):
        services.project_create(
            actor=people["other_staff"],
            tender_number="Z",
            name="z",
            agency=own_agency,
            contract_amount=1,
            award_date=dt.date(2024, 1, 1),
        )
    assert Project.objects.count() == 0


def test_progress_filing_on_time_and_late(project, people):
    on_time = services.progress_file(
        actor=people["own_staff"],
        project=project,
        month=dt.date(2024, 3, 1),
        planned_pct="20",
        actual_pct="18.5",
        filed_at=at(2024, 4, 6, 17),
    )
    late = services.progress_file(
        actor=people["own_staff"],
        project=project,
        month=dt.date(2024, 4, 1),
        planned_pct=30,
        actual_pct=25,
        filed_at=at(2024, 5, 7),
    )
    assert (on_time.due_date, on_time.on_time, on_time.actual_pct) == (dt.date(2024, 4, 6), True, Decimal("18.50"))
    assert (late.due_date, late.on_time) == (dt.date(2024, 5, 6), False)


@pytest.mark.parametrize(
    "planned,actual,message",
    [
        ("101", "5", "預定進度須介於 0 至 100 之間（收到 101）。"),
        ("5", "-1", "實際進度須介於 0 至 100 之間（收到 -1）。"),
        ("abc", "5", "預定進度「abc」不是數字。"),
    ],
)
def test_progress_out_of_range_is_refused(project, people, planned, actual, message):
    with pytest.raises(ValidationError) as exc:
        services.progress_file(
            actor=people["own_staff"],
            project=project,
            month=dt.date(2024, 3, 1),
            planned_pct=planned,
            actual_pct=actual,
        )
    assert exc.value.messages == [message]
    assert ProgressReport.objects.count() == 0


def test_progress_before_start_is_refused(project, people):
    with pytest.raises(ValidationError, match="尚未開工"):
        services.progress_file(
            actor=people["own_staff"], project=project, month=dt.date(2023, 12, 1), planned_pct=1, actual_pct=1
        )


def test_other_agency_cannot_file(project, people):
    with pytest.raises(PermissionDenied):
        services.progress_file(
            actor=people["other_staff"], project=project, month=dt.date(2024, 3, 1), planned_pct=1, actual_pct=1
        )
    assert ProgressReport.objects.count() == 0


def test_due_day_is_rule_data_kept_on_the_record(project, people):
    first = services.progress_file(
        actor=people["own_staff"],
        project=project,
        month=dt.date(2024, 3, 1),
        planned_pct=1,
        actual_pct=1,
        filed_at=at(2024, 4, 2),
    )
    WorksRule.objects.create(effective_from=dt.date(2024, 4, 1), filing_due_day=10)
    second = services.progress_file(
        actor=people["own_staff"],
        project=project,
        month=dt.date(2024, 4, 1),
        planned_pct=1,
        actual_pct=1,
        filed_at=at(2024, 5, 9),
    )
    first.refresh_from_db()
    assert (first.due_date, second.due_date, second.on_time) == (dt.date(2024, 4, 6), dt.date(2024, 5, 10), True)


def test_filing_rate_by_month_and_late_list(project, other_project, people):
    services.progress_file(
        actor=people["own_staff"],
        project=project,
        month=dt.date(2024, 2, 1),
        planned_pct=5,
        actual_pct=5,
        filed_at=at(2024, 3, 5),
    )
    services.progress_file(
        actor=people["other_staff"],
        project=other_project,
        month=dt.date(2024, 2, 1),
        planned_pct=5,
        actual_pct=5,
        filed_at=at(2024, 3, 8),
    )
    rows = {r.key: r for r in sel.filing_rate_by_month(year=113)}
    assert (rows[dt.date(2024, 1, 1)].required, rows[dt.date(2024, 1, 1)].missing) == (1, 1)
    feb = rows[dt.date(2024, 2, 1)]
    assert (feb.required, feb.on_time, feb.late, feb.missing, feb.rate) == (2, 1, 1, 0, Decimal(50))
    late = sel.late_filings_for(people["commission"], month=dt.date(2024, 1, 1), today=dt.date(2024, 2, 7))
    assert [(x.project.tender_number, x.report) for x in late] == [("PWB-113-001", None)]
    assert sel.late_filings_for(people["other_staff"], month=dt.date(2024, 1, 1), today=dt.date(2024, 2, 7)) == []
    by_agency = {r.key: (r.required, r.on_time) for r in sel.filing_rate_by_agency(year=2024, month=2)}
    assert by_agency == {"高雄市政府工務局": (1, 1), "高雄市政府民政局": (1, 0)}


def test_reminder_list_two_days_before_the_due_date(project):
    assert sel.projects_due_reminder(on=dt.date(2024, 3, 4)) == {project.agency_id: [project]}
    assert sel.projects_due_reminder(on=dt.date(2024, 3, 3)) == {}


PCC_HEADER = "標案案號,工程名稱,填報年月,預定進度,實際進度,填報日期\n"


def test_pcc_import_counts_filings_made_there_and_is_idempotent(project, people):
    data = (
        PCC_HEADER + "PWB-113-001,民族路,113/03,20,19,113/04/03\nPWB-113-001,民族路,11304,30,28,2024-05-06\n"
    ).encode()
    result = services.progress_import(actor=people["own_staff"], data=data, filename="pcc.csv")
    assert result == {"created": 2, "updated": 0, "unchanged": 0}
    reports = list(ProgressReport.objects.order_by("month").values_list("month", "actual_pct", "source"))
    assert reports == [(dt.date(2024, 3, 1), Decimal("19.00"), "pcc"), (dt.date(2024, 4, 1), Decimal("28.00"), "pcc")]
    events = AuditEvent.objects.count()
    again = services.progress_import(actor=people["own_staff"], data=data, filename="pcc.csv")
    assert again == {"created": 0, "updated": 0, "unchanged": 2}
    assert AuditEvent.objects.count() == events
    corrected = data.replace(b"30,28,2024-05-06", b"30,29.5,2024-05-06")
    assert services.progress_import(actor=people["own_staff"], data=corrected, filename="pcc.csv") == {
        "created": 0,
        "updated": 1,
        "unchanged": 1,
    }
    assert ProgressReport.objects.get(month=dt.date(2024, 4, 1)).actual_pct == Decimal("29.50")
    assert AuditEvent.objects.count() == events + 1


def test_pcc_import_reports_every_bad_line_and_writes_nothing(project, people):
    data = (
        PCC_HEADER + "PWB-113-001,a,113/03,20,19,113/04/03\n"
        "NOPE-1,b,113/03,1,1,113/04/03\n"
        "PWB-113-001,c,113/04,130,1,113/05/03\n"
        "PWB-113-001,d,113/13,1,1,113/05/03\n"
        "PWB-113-001,e,113/03,20,19,113/04/03\n"
    ).encode("utf-8-sig")
    with pytest.raises(ImportFailed) as exc:
        services.progress_import(actor=people["own_staff"], data=data, filename="pcc.csv")
    assert [str(e) for e in exc.value.errors] == [
        "第 3 行：標案案號「NOPE-1」尚未登錄於本系統",
        "第 4 行：預定進度須介於 0 至 100 之間（收到 130）。",
        "第 5 行：「113/13/01」的月份 13 不正確，月份應為 1 至 12。",
        "第 6 行：與第 2 行重複（同一標案同一月份）",
    ]
    assert ProgressReport.objects.count() == 0


def test_pcc_import_refuses_another_agencys_tender(project, people):
    data = (PCC_HEADER + "PWB-113-001,a,113/03,20,19,113/04/03\n").encode()
    with pytest.raises(ImportFailed) as exc:
        services.progress_import(actor=people["other_staff"], data=data, filename="pcc.csv")
    assert [str(e) for e in exc.value.errors] == ["第 2 行：標案 PWB-113-001 不屬於您的機關"]
    assert ProgressReport.objects.count() == 0


def test_pcc_import_xlsx(project, people):
    from yankao.core.exports import export_bytes, export_dataset

    data = export_bytes(
        export_dataset(
            headers=["標案案號", "填報年月", "預定進度", "實際進度", "填報日期"],
            rows=[["PWB-113-001", "113/03", 20, 18, "113/04/05"]],
        ),
        "xlsx",
    )
    assert services.progress_import(actor=people["own_staff"], data=data, filename="pcc.xlsx")["created"] == 1


def test_behind_schedule_and_documentary_check_follow_up(project, people):
    services.progress_file(
        actor=people["own_staff"],
        project=project,
        month=dt.date(2024, 5, 1),
        planned_pct=50,
        actual_pct=38,
        filed_at=at(2024, 6, 3),
    )
    rows = sel.behind_schedule_for(people["commission"], month=dt.date(2024, 5, 1))
    assert [(r.project.tender_number, r.gap) for r in rows] == [("PWB-113-001", -12.0)]
    assert sel.behind_schedule_for(people["other_staff"], month=dt.date(2024, 5, 1)) == []
    check = services.documentary_check_record(
        actor=people["commission"], project=project, month=dt.date(2024, 5, 1), checked_on=dt.date(2024, 6, 10)
    )
    assert (check.behind, check.threshold_pct, check.actual_pct) == (True, Decimal(10), Decimal(38))
    with pytest.raises(PermissionDenied):
        services.documentary_check_answer(
            actor=people["other_staff"], check=check, countermeasure="x", answered_on=dt.date(2024, 6, 20)
        )
    with pytest.raises(ValidationError, match="尚未就此案發函"):
        services.documentary_check_answer(
            actor=people["own_staff"], check=check, countermeasure="x", answered_on=dt.date(2024, 6, 20)
        )
    services.documentary_check_send_letter(
        actor=people["commission"], check=check, letter_number="高市研管字第1130001號", sent_on=dt.date(2024, 6, 11)
    )
    services.documentary_check_answer(
        actor=people["own_staff"], check=check, countermeasure="增派人力趕工", answered_on=dt.date(2024, 6, 20)
    )
    with pytest.raises(ValidationError, match="仍落後"):
        services.documentary_check_resolve(actor=people["commission"], check=check, resolved_on=dt.date(2024, 7, 10))
    services.progress_file(
        actor=people["own_staff"],
        project=project,
        month=dt.date(2024, 6, 1),
        planned_pct=60,
        actual_pct=55,
        filed_at=at(2024, 7, 3),
    )
    services.documentary_check_resolve(actor=people["commission"], check=check, resolved_on=dt.date(2024, 7, 10))
    check.refresh_from_db()
    assert check.status == DocumentaryCheck.Status.RESOLVED
    months = {m.month: m for m in sel.documentary_checks_by_month(year=113)}
    assert (
        months[dt.date(2024, 5, 1)].checks,
        months[dt.date(2024, 5, 1)].letters,
        months[dt.date(2024, 5, 1)].meets,
    ) == (1, 1, False)


def test_documentary_check_needs_a_filing(project, people):
    with pytest.raises(ValidationError, match="尚無"):
        services.documentary_check_record(
            actor=people["commission"], project=project, month=dt.date(2024, 5, 1), checked_on=dt.date(2024, 6, 10)
        )
    with pytest.raises(PermissionDenied):
        services.documentary_check_record(
            actor=people["own_staff"], project=project, month=dt.date(2024, 5, 1), checked_on=dt.date(2024, 6, 10)
        )
    assert DocumentaryCheck.objects.count() == 0


def test_project_status_needs_completion_date_and_version(project, people):
    with pytest.raises(ValidationError, match="實際完工日"):
        services.project_set_status(
            actor=people["own_staff"], project=project, version=project.version, status=Project.Status.COMPLETED
        )
    services.project_set_status(
        actor=people["own_staff"],
        project=project,
        version=1,
        status=Project.Status.COMPLETED,
        actual_completion=dt.date(2024, 11, 30),
    )
    with pytest.raises(ValidationError, match="其他人修改"):
        services.project_set_status(
            actor=people["own_staff"], project=project, version=1, status=Project.Status.ACCEPTED
        )
    project.refresh_from_db()
    assert (project.status, project.version) == ("completed", 2)


def test_filing_reminders_go_to_agencies_with_missing_filings(
    project, people, mailoutbox, django_capture_on_commit_callbacks
):
    people["own_staff"].email = "pwb@example.tw"
    people["own_staff"].save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.projects.filing_reminders_send(on=dt.date(2024, 3, 4)) == 1
    assert [(m.to, m.subject) for m in mailoutbox] == [(["pwb@example.tw"], "每月工程進度填報提醒")]
    assert "PWB-113-001" in mailoutbox[0].body
    services.progress_file(
        actor=people["own_staff"],
        project=project,
        month=dt.date(2024, 2, 1),
        planned_pct=5,
        actual_pct=5,
        filed_at=at(2024, 3, 4),
    )
    assert services.projects.filing_reminders_send(on=dt.date(2024, 3, 4)) == 0
