"""Monthly progress reports (每月執行進度): file → agency approval → commission review.

The figures are checked by `check_report` whether they come from the web form, an import, the
demo or the benchmark, so every path refuses the same bad input with the same message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.audit import record_event
from yankao.core.notify import notify
from yankao.org.models import User
from yankao.programmes.models import (
    ControlRules,
    DelayReason,
    ImportBatch,
    Milestone,
    MonthlyAnalysis,
    MonthlyReport,
    PlanMonth,
    Programme,
    ReportAttachment,
    ReportingMonth,
    ReportMilestone,
    ReportReminder,
    roc_month_label,
)
from yankao.programmes.months import add_months, current_month, report_due_date
from yankao.programmes.permissions import (
    can_approve_report,
    can_file_report,
    can_manage_programmes,
    can_review_report,
)
from yankao.programmes.selectors.rules import rules_in_force

from ._common import fail_if, require

Status = MonthlyReport.Status
Level = MonthlyReport.DelayLevel
EDITABLE = (Status.DRAFT, Status.RETURNED)
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_SUFFIXES: dict[str, set[str]] = {
    ReportAttachment.Kind.PHOTO: {".jpg", ".jpeg", ".png", ".webp"},
    ReportAttachment.Kind.FILE: {".pdf", ".odt", ".ods", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"},
}
HUNDRED = Decimal(100)


@dataclass
class ReportFigures:
    """What a project manager enters for a month."""

    actual_pct: Decimal
    budget_allocated: Decimal
    budget_spent: Decimal
    delay_reason: DelayReason | None = None
    delay_note: str = ""
    countermeasure: str = ""
    work_summary: str = ""
    milestone_states: dict[int, tuple[str, dt.date | None]] = field(default_factory=dict)


def planned_pct_for(programme: Programme, month: dt.date, plan: dict[dt.date, Decimal] | None = None) -> Decimal:
    """The work plan's cumulative % for `month` (the last planned month on or before it; 0 before any)."""
    if plan is None:
        row = programme.plan_months.filter(month__lte=month).order_by("-month").first()
        return row.planned_pct if row else Decimal(0)
    earlier = [m for m in plan if m <= month]
    return plan[max(earlier)] if earlier else Decimal(0)


def delay_level(behind_pp: Decimal, rules: Any) -> str:
    if behind_pp >= rules.serious_pp:
        return Level.SERIOUS
    if behind_pp >= rules.warning_pp:
        return Level.WARNING
    return Level.NONE


@dataclass(frozen=True)
class Thresholds:
    warning_pp: Decimal
    serious_pp: Decimal
    execution_low_pct: Decimal
    due_day: int

    @classmethod
    def of(cls, rules: ControlRules, due_day: int) -> Thresholds:
        return cls(rules.behind_warning_pp, rules.behind_serious_pp, rules.execution_low_pct, due_day)


def check_report(
    *,
    programme: Programme,
    month: dt.date,
    figures: ReportFigures,
    planned_pct: Decimal,
    previous_actual: Decimal | None,
    thresholds: Thresholds,
    closed_months: set[dt.date],
    today_month: dt.date,
) -> list[str]:
    """Every reason the figures cannot be saved, in Chinese; an empty list when they can."""
    errors: list[str] = []
    label = roc_month_label(month)
    if month.day != 1:
        errors.append("月份須為該月第一日")
    if month in closed_months:
        errors.append(f"{label}已關帳，不能再填報或修改月報")
    if month > today_month:
        errors.append(f"{label}尚未開始，不能預先填報")
    if not (month.year - 1911 == programme.year and programme.start_date.replace(day=1) <= month <= programme.end_date):
        errors.append(f"{label}不在本計畫 {programme.year} 年度的列管期間內")
    if programme.status == Programme.Status.CANCELLED:
        errors.append("本計畫已解除列管")
    actual = figures.actual_pct
    if not 0 <= actual <= HUNDRED:
        errors.append(f"實際累計進度 {actual}% 不正確，須介於 0 與 100 之間")
    if figures.budget_allocated < 0 or figures.budget_spent < 0:
        errors.append("經費不得為負數")
    if figures.budget_spent > figures.budget_allocated:
        errors.append(f"累計執行數（{figures.budget_spent:,} 元）超過累計分配數（{figures.budget_allocated:,} 元）")
    if figures.budget_allocated > programme.total_budget:
        errors.append(f"累計分配數（{figures.budget_allocated:,} 元）超過計畫總經費（{programme.total_budget:,} 元）")
    explained = figures.delay_reason is not None and figures.delay_note.strip()
    if previous_actual is not None and actual < previous_actual and not explained:
        errors.append(f"實際累計進度較上月（{previous_actual}%）倒退，請選擇原因並說明倒退的理由")
    behind = planned_pct - actual
    if behind >= thresholds.warning_pp and not (figures.delay_reason and figures.countermeasure.strip()):
        errors.append(f"進度落後 {behind} 個百分點，請選擇落後原因並填寫因應對策")
    return errors


def _derive(report: MonthlyReport, thresholds: Thresholds) -> None:
    report.warning_pp = thresholds.warning_pp
    report.serious_pp = thresholds.serious_pp
    report.execution_low_pct = thresholds.execution_low_pct
    report.due_date = report_due_date(report.month, thresholds.due_day)
    report.behind_pp = report.planned_pct - report.actual_pct
    report.delay_level = delay_level(report.behind_pp, report)
    if report.budget_allocated > 0:
        rate = (report.budget_spent * HUNDRED / report.budget_allocated).quantize(Decimal("0.01"), ROUND_HALF_UP)
        report.execution_rate = rate
        report.low_execution = rate < thresholds.execution_low_pct
    else:
        report.execution_rate, report.low_execution = None, False


def _previous_actual(programme: Programme, month: dt.date) -> Decimal | None:
    row = programme.reports.filter(month__lt=month).order_by("-month").values_list("actual_pct", flat=True).first()
    return row


def _closed_months() -> set[dt.date]:
    return set(ReportingMonth.objects.values_list("month", flat=True))


def _thresholds(programme: Programme, month: dt.date) -> Thresholds:
    return Thresholds.of(rules_in_force(month), programme.report_due_day)


def report_save(
    *,
    actor: User,
    programme: Programme,
    month: dt.date,
    figures: ReportFigures,
    expected_version: int | None = None,
) -> MonthlyReport:
    """File (or correct) the month's report as a draft; the figures are checked first."""
    require(can_file_report(actor, programme), "只有本計畫的專案管理人員可以填報月報")
    report = MonthlyReport.objects.filter(programme=programme, month=month).first()
    if report is not None and report.status not in EDITABLE:
        raise ValidationError(f"{report.month_label}月報目前「{report.get_status_display()}」，不能修改")
    if report is not None and expected_version is not None and report.version != expected_version:
        raise ValidationError("此月報已被其他人修改，請重新載入後再填寫")
    planned = planned_pct_for(programme, month)
    thresholds = _thresholds(programme, month)
    errors = check_report(
        programme=programme,
        month=month,
        figures=figures,
        planned_pct=planned,
        previous_actual=_previous_actual(programme, month),
        thresholds=thresholds,
        closed_months=_closed_months(),
        today_month=current_month(),
    )
    errors += _check_milestones(programme, figures.milestone_states)
    fail_if(errors)
    with transaction.atomic():
        if report is None:
            report = MonthlyReport(programme=programme, month=month)
        else:
            report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
            if report.status not in EDITABLE or (expected_version is not None and report.version != expected_version):
                raise ValidationError("此月報已被其他人處理，請重新載入")
            report.version += 1
        report.planned_pct = planned
        for name in ("actual_pct", "budget_allocated", "budget_spent", "delay_reason"):
            setattr(report, name, getattr(figures, name))
        for name in ("delay_note", "countermeasure", "work_summary"):
            setattr(report, name, getattr(figures, name).strip())
        report.filed_by, report.filed_at = actor, timezone.now()
        _derive(report, thresholds)
        report.save()
        _save_milestone_states(report, figures.milestone_states)
    return report


def _check_milestones(programme: Programme, states: dict[int, tuple[str, dt.date | None]]) -> list[str]:
    errors = []
    known = {m.pk: m for m in programme.milestones.all()}
    for milestone_id, (state, done_on) in states.items():
        milestone = known.get(milestone_id)
        if milestone is None:
            errors.append("查核點不屬於本計畫")
        elif state not in ReportMilestone.State.values:
            errors.append(f"查核點「{milestone.name}」的辦理情形不正確")
        elif state == ReportMilestone.State.DONE and done_on is None:
            errors.append(f"查核點「{milestone.name}」已完成，請填寫完成日")
    return errors


def _save_milestone_states(report: MonthlyReport, states: dict[int, tuple[str, dt.date | None]]) -> None:
    for milestone_id, (state, done_on) in states.items():
        row = ReportMilestone.objects.filter(report=report, milestone_id=milestone_id).first()
        row = row or ReportMilestone(report=report, milestone_id=milestone_id)
        row.state, row.done_on = state, done_on if state == ReportMilestone.State.DONE else None
        row.save()
        if state == ReportMilestone.State.DONE:
            milestone = Milestone.objects.get(pk=milestone_id)
            if milestone.done_on != done_on:
                milestone.done_on = done_on
                milestone.save()


def _locked(report: MonthlyReport, expected: tuple[str, ...], version: int | None) -> MonthlyReport:
    fresh = MonthlyReport.objects.select_for_update().select_related("programme").get(pk=report.pk)
    if fresh.status not in expected or (version is not None and fresh.version != version):
        raise ValidationError(f"此月報已被其他人處理（目前「{fresh.get_status_display()}」），請重新載入")
    if fresh.month in _closed_months():
        raise ValidationError(f"{fresh.month_label}已關帳，月報不能再變更")
    return fresh


def report_submit(*, actor: User, report: MonthlyReport, expected_version: int | None = None) -> MonthlyReport:
    """The project manager sends the report to the agency manager for approval."""
    require(can_file_report(actor, report.programme), "只有本計畫的專案管理人員可以送出月報")
    with transaction.atomic():
        report = _locked(report, EDITABLE, expected_version)
        report.status, report.version = Status.PENDING, report.version + 1
        report.save()
    return report


def report_approve(*, actor: User, report: MonthlyReport, expected_version: int | None = None) -> MonthlyReport:
    """機關主管核定: the report goes to the commission; lateness is judged now against its due date."""
    require(can_approve_report(actor, report.programme), "只有主辦機關的主管可以核定月報")
    with transaction.atomic():
        report = _locked(report, (Status.PENDING,), expected_version)
        now = timezone.now()
        report.status, report.version = Status.SUBMITTED, report.version + 1
        report.approved_by, report.submitted_at = actor, now
        report.is_late = timezone.localdate(now) > report.due_date
        report.save()
    return report


def report_send_back(
    *, actor: User, report: MonthlyReport, comment: str, expected_version: int | None = None
) -> MonthlyReport:
    """The agency manager sends the report back to the project manager."""
    require(can_approve_report(actor, report.programme), "只有主辦機關的主管可以退回月報")
    fail_if([] if comment.strip() else ["請填寫退回理由"])
    with transaction.atomic():
        report = _locked(report, (Status.PENDING,), expected_version)
        report.status, report.version, report.review_comment = Status.RETURNED, report.version + 1, comment.strip()
        report.save()
    _tell_project_manager(report, f"{report} 經機關主管退回：{comment.strip()}")
    return report


def report_review(
    *, actor: User, report: MonthlyReport, accept: bool, comment: str = "", expected_version: int | None = None
) -> MonthlyReport:
    """研考會審查: accept, or return to the project manager with comments."""
    require(can_review_report(actor), "只有研考會可以審查月報")
    if not accept and not comment.strip():
        raise ValidationError("退回月報時請填寫審查意見")
    with transaction.atomic():
        report = _locked(report, (Status.SUBMITTED,), expected_version)
        report.status = Status.ACCEPTED if accept else Status.RETURNED
        report.version += 1
        report.reviewed_by, report.reviewed_at, report.review_comment = actor, timezone.now(), comment.strip()
        report.save()
    if not accept:
        _tell_project_manager(report, f"{report} 經研考會退回：{comment.strip()}")
    return report


def _tell_project_manager(report: MonthlyReport, message: str) -> None:
    pm = report.programme.project_manager
    if pm is not None and pm.email:
        notify(channel="email", to=pm.email, subject=f"【列管計畫】{report}", message=message)


def report_attach(*, actor: User, report: MonthlyReport, upload: Any, kind: str, caption: str = "") -> ReportAttachment:
    """Photos and files of a report still being filed (jpg/png/pdf/odt/docx…, up to 10 MB)."""
    require(can_file_report(actor, report.programme), "只有本計畫的專案管理人員可以上傳附件")
    errors = []
    if report.status not in EDITABLE:
        errors.append("月報已送出，不能再上傳附件")
    if kind not in ALLOWED_SUFFIXES:
        errors.append("附件類別不正確")
    else:
        suffix = Path(getattr(upload, "name", "")).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES[kind]:
            allowed = "、".join(sorted(ALLOWED_SUFFIXES[kind]))
            errors.append(
                f"不接受「{suffix or '無副檔名'}」檔案，{dict(ReportAttachment.Kind.choices)[kind]}限 {allowed}"
            )
    size = getattr(upload, "size", 0) or 0
    if size > MAX_ATTACHMENT_BYTES:
        errors.append("檔案超過 10 MB")
    if size == 0:
        errors.append("檔案是空的")
    fail_if(errors)
    with transaction.atomic():
        attachment = ReportAttachment(report=report, kind=kind, caption=caption.strip()[:200], size=size)
        attachment.file.save(Path(upload.name).name, upload, save=False)
        attachment.save()
    return attachment


def month_close(*, actor: User, month: dt.date) -> ReportingMonth:
    """關帳: after the analysis, the month's reports are final."""
    require(can_manage_programmes(actor), "只有研考會可以關帳")
    month = month.replace(day=1)
    if month >= current_month():
        raise ValidationError("只能關帳已結束的月份")
    with transaction.atomic():
        if ReportingMonth.objects.select_for_update().filter(month=month).exists():
            raise ValidationError(f"{roc_month_label(month)}已關帳")
        closed = ReportingMonth(month=month, closed_at=timezone.now(), closed_by=actor)
        closed.save()
    return closed


# --- bulk paths: imports, the demo and the benchmark -------------------------------------------


@dataclass
class ReportRow:
    programme: Programme
    month: dt.date
    figures: ReportFigures
    line: int = 0
    submitted_on: dt.date | None = None


def reports_bulk_load(
    *,
    actor: User | None,
    rows: Iterable[ReportRow],
    label: str,
    status: str = Status.ACCEPTED,
    today_month: dt.date | None = None,
    check_permission: bool = True,
) -> ImportBatch:
    """Check every row as `report_save` would, then write them all in one transaction with one
    audit event for the batch. Rows for a programme must not already have a report that month."""
    rows = sorted(rows, key=lambda r: (r.programme.pk, r.month))
    if check_permission:
        for row in rows:
            require(
                actor is not None and (can_manage_programmes(actor) or can_file_report(actor, row.programme)),
                f"您沒有權限匯入「{row.programme}」的月報",
            )
    programme_ids = {r.programme.pk for r in rows}
    plans: dict[int, dict[dt.date, Decimal]] = {}
    for pid, month, pct in PlanMonth.objects.filter(programme_id__in=programme_ids).values_list(
        "programme_id", "month", "planned_pct"
    ):
        plans.setdefault(pid, {})[month] = pct
    held: dict[int, dict[dt.date, Decimal]] = {}
    for pid, month, pct in MonthlyReport.objects.filter(programme_id__in=programme_ids).values_list(
        "programme_id", "month", "actual_pct"
    ):
        held.setdefault(pid, {})[month] = pct
    closed, today = _closed_months(), today_month or current_month()
    rules_cache: dict[dt.date, ControlRules] = {}
    errors: list[str] = []
    reports: list[MonthlyReport] = []
    now = timezone.now()
    for row in rows:
        programme, month = row.programme, row.month
        prefix = f"第 {row.line} 行：" if row.line else f"{programme.code} {roc_month_label(month)}："
        known = held.setdefault(programme.pk, {})
        if month in known:
            errors.append(f"{prefix}{roc_month_label(month)}已有月報")
            continue
        earlier = [m for m in known if m < month]
        previous = known[max(earlier)] if earlier else None
        rules = rules_cache.get(month) or rules_cache.setdefault(month, rules_in_force(month))
        thresholds = Thresholds.of(rules, programme.report_due_day)
        planned = planned_pct_for(programme, month, plans.get(programme.pk, {}))
        problems = check_report(
            programme=programme,
            month=month,
            figures=row.figures,
            planned_pct=planned,
            previous_actual=previous,
            thresholds=thresholds,
            closed_months=closed,
            today_month=today,
        )
        errors += [prefix + p for p in problems]
        if not problems:  # a bad row is not the "previous month" of the next one
            known[month] = row.figures.actual_pct
        report = _bulk_report(row, planned, thresholds, status, actor, now)
        reports.append(report)
    fail_if(errors)
    with transaction.atomic():
        MonthlyReport.objects.bulk_create(reports, batch_size=1000)
        batch = ImportBatch(
            kind="monthly_reports",
            filename=label[:200],
            rows=len(reports),
            imported_by=actor,
            digest=hashlib.sha256(label.encode()).hexdigest(),
        )
        batch.save()
        record_event(batch, note=f"批次寫入月報 {len(reports)} 筆", changes={"programmes": len(programme_ids)})
    return batch


def _bulk_report(
    row: ReportRow, planned: Decimal, thresholds: Thresholds, status: str, actor: User | None, now: dt.datetime
) -> MonthlyReport:
    f = row.figures
    report = MonthlyReport(
        programme=row.programme,
        month=row.month,
        status=status,
        planned_pct=planned,
        actual_pct=f.actual_pct,
        budget_allocated=f.budget_allocated,
        budget_spent=f.budget_spent,
        delay_reason=f.delay_reason,
        delay_note=f.delay_note.strip(),
        countermeasure=f.countermeasure.strip(),
        work_summary=f.work_summary.strip(),
        filed_by=actor,
        filed_at=now,
    )
    _derive(report, thresholds)
    if status in MonthlyReport.COUNTED:
        submitted_on = row.submitted_on or report.due_date
        report.submitted_at = dt.datetime.combine(submitted_on, dt.time(10), tzinfo=timezone.get_current_timezone())
        report.is_late = submitted_on > report.due_date
        if status == Status.ACCEPTED:
            report.reviewed_at = report.submitted_at
    return report


# --- the periodic work: chasing missing reports, producing the monthly analysis ----------------


def reports_chase_missing(*, month: dt.date, today: dt.date | None = None) -> int:
    """催報: remind the project manager of every programme without a submitted report for `month`
    once its deadline has passed. Returns how many programmes were chased."""
    from yankao.programmes.selectors.programmes import missing_programmes

    today = today or timezone.localdate()
    chased = 0
    for programme in missing_programmes(month=month, today=today):
        with transaction.atomic():
            reminder = ReportReminder.objects.select_for_update().filter(programme=programme, month=month).first()
            if reminder is None:
                reminder = ReportReminder(programme=programme, month=month, times=0)
            reminder.times += 1
            reminder.sent_at = timezone.now()
            pm = programme.project_manager
            reminder.sent_to = pm.email if pm is not None else ""
            reminder.save()
            if reminder.sent_to:
                notify(
                    channel="email",
                    to=reminder.sent_to,
                    subject=f"【催報】{programme.name} {roc_month_label(month)}執行進度",
                    message=f"「{programme}」{roc_month_label(month)}執行進度已逾提報期限，請儘速填報並經機關主管核定。",
                )
        chased += 1
    return chased


def analysis_generate(*, month: dt.date, today: dt.date | None = None) -> MonthlyAnalysis | None:
    """月分析報告: freeze the month's figures once its reporting deadline has passed (None before)."""
    from yankao.programmes.selectors.analysis import monthly_analysis

    rules = rules_in_force(month)
    today = today or timezone.localdate()
    if today <= report_due_date(month, rules.report_due_day):
        return None
    figures = monthly_analysis(month=month)
    with transaction.atomic():
        analysis = MonthlyAnalysis.objects.filter(month=month).first() or MonthlyAnalysis(month=month)
        analysis.generated_at = timezone.now()
        analysis.figures = figures
        analysis.save()
    return analysis


def previous_month(today: dt.date | None = None) -> dt.date:
    return add_months(current_month() if today is None else today.replace(day=1), -1)
