"""Writes to projects, their monthly progress filings (and the PCC import) and documentary checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from yankao.core.audit import record_event
from yankao.core.rocdate import ROCDateError, parse_roc
from yankao.core.tabular import ImportFailed, RowError, read_table
from yankao.org.models import Agency, District
from yankao.works import permissions
from yankao.works.dates import filing_due_date, month_start
from yankao.works.models import DocumentaryCheck, ProgressReport, Project
from yankao.works.selectors.rules import rule_in_force, tier_for

from .common import percent, require

BATCH = 500


def _check_dates(
    *, award_date: dt.date, start_date: dt.date | None, planned: dt.date | None, actual: dt.date | None
) -> None:
    errors = []
    if start_date and start_date < award_date:
        errors.append("開工日不得早於決標日。")
    if planned and start_date and planned < start_date:
        errors.append("預定完工日不得早於開工日。")
    if actual and start_date and actual < start_date:
        errors.append("實際完工日不得早於開工日。")
    if actual and not start_date:
        errors.append("尚未開工的工程不能有實際完工日。")
    if errors:
        raise ValidationError(errors)


def project_create(
    *,
    actor: Any,
    tender_number: str,
    name: str,
    agency: Agency,
    contract_amount: Decimal | int,
    award_date: dt.date,
    budget_amount: Decimal | int | None = None,
    supervisor: str = "",
    contractor: str = "",
    pm_consultant: str = "",
    designer: str = "",
    district: District | None = None,
    location: str = "",
    start_date: dt.date | None = None,
    planned_completion: dt.date | None = None,
    actual_completion: dt.date | None = None,
    status: str = Project.Status.IN_CONSTRUCTION,
    safety_incidents: int = 0,
    programme_code: str = "",
) -> Project:
    """Register a tender (標案); its tier follows the amount cut-offs in force on the award date."""
    require(permissions.can_edit_project(actor, agency), "您沒有權限登錄此機關的工程。")
    tender_number, name = tender_number.strip(), name.strip()
    if not tender_number or not name:
        raise ValidationError("標案案號與工程名稱為必填。")
    if Decimal(contract_amount) < 0 or (budget_amount is not None and Decimal(budget_amount) <= 0):
        raise ValidationError("契約金額不得為負數，預算金額須大於 0。")
    _check_dates(award_date=award_date, start_date=start_date, planned=planned_completion, actual=actual_completion)
    if Project.objects.filter(tender_number=tender_number).exists():
        raise ValidationError(f"標案案號 {tender_number} 已登錄。")
    tier = tier_for(contract_amount, award_date)
    if tier is None:
        raise ValidationError("找不到適用的工程規模級距，請研考會先設定級距。")
    try:
        with transaction.atomic():
            return Project.objects.create(
                tender_number=tender_number,
                name=name,
                agency=agency,
                contract_amount=contract_amount,
                budget_amount=budget_amount,
                tier=tier.code,
                tier_name=tier.name,
                supervisor=supervisor,
                contractor=contractor,
                pm_consultant=pm_consultant,
                designer=designer,
                district=district,
                location=location,
                award_date=award_date,
                start_date=start_date,
                planned_completion=planned_completion,
                actual_completion=actual_completion,
                status=status,
                safety_incidents=safety_incidents,
                programme_code=programme_code,
            )
    except IntegrityError:
        raise ValidationError(f"標案案號 {tender_number} 已登錄。") from None


def project_set_status(
    *, actor: Any, project: Project, version: int, status: str, actual_completion: dt.date | None = None
) -> Project:
    """施工中 / 停工 / 已完工 / 已驗收; completion needs its date."""
    require(permissions.can_edit_project(actor, project.agency_id), "您沒有權限修改此工程。")
    if status not in Project.Status.values:
        raise ValidationError("工程狀態不正確。")
    if status in (Project.Status.COMPLETED, Project.Status.ACCEPTED) and not (
        actual_completion or project.actual_completion
    ):
        raise ValidationError("完工或驗收的工程須填實際完工日。")
    completion = actual_completion or project.actual_completion
    _check_dates(award_date=project.award_date, start_date=project.start_date, planned=None, actual=completion)
    with transaction.atomic():
        updated = Project.objects.filter(pk=project.pk, version=version).update(version=version + 1)
        if not updated:
            raise ValidationError("此工程已被其他人修改，請重新整理後再試。")
        project.refresh_from_db()
        project.status = status
        project.actual_completion = completion
        project.save()
    return project


# --- monthly progress (每月進度填報) -----------------------------------------------------------


@dataclass(frozen=True)
class ProgressEntry:
    project: Project
    month: dt.date
    planned_pct: Decimal
    actual_pct: Decimal
    filed_at: dt.datetime


def _check_entry(project: Project, month: dt.date, filed_at: dt.datetime) -> list[str]:
    errors = []
    if project.start_date and month < month_start(project.start_date):
        errors.append(f"{project.tender_number} 於 {month:%Y-%m} 尚未開工。")
    if timezone.localtime(filed_at).date() < month:
        errors.append("填報時間不得早於該月份。")
    if filed_at > timezone.now() + dt.timedelta(minutes=5):
        errors.append("填報時間不得晚於現在。")
    return errors


def progress_file(
    *,
    actor: Any,
    project: Project,
    month: dt.date,
    planned_pct: Any,
    actual_pct: Any,
    filed_at: dt.datetime | None = None,
    source: str = ProgressReport.Source.WEB,
) -> ProgressReport:
    """File (or correct) a project's progress of `month`; the due date comes from the rule in force."""
    require(permissions.can_edit_project(actor, project.agency_id), "您沒有權限填報此工程的進度。")
    month = month_start(month)
    planned, actual = percent(planned_pct, "預定進度"), percent(actual_pct, "實際進度")
    filed_at = filed_at or timezone.now()
    errors = _check_entry(project, month, filed_at)
    if errors:
        raise ValidationError(errors)
    due = filing_due_date(month, rule_in_force(month).filing_due_day)
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().filter(project=project, month=month).first()
        if report is None:
            report = ProgressReport(project=project, month=month, filed_at=filed_at, due_date=due)
        report.planned_pct, report.actual_pct, report.source = planned, actual, source
        report.filed_by = actor if getattr(actor, "is_authenticated", False) else None
        report.save()
    return report


def progress_file_bulk(*, actor: Any, entries: Iterable[ProgressEntry], source: str, label: str) -> dict[str, int]:
    """Write many filings at once (the PCC import, the demo): one audit event per batch of 500.

    Existing filings with the same figures are left alone, so re-running changes nothing.
    The caller has validated the entries; permission is checked per agency here.
    """
    entries = list(entries)
    for agency_id in {e.project.agency_id for e in entries}:
        require(permissions.can_edit_project(actor, agency_id), "您沒有權限填報部分工程的進度。")
    due_days: dict[dt.date, int] = {}
    # plain values first: loading thousands of audited rows would snapshot every one of them
    existing = {
        (project_id, month): (pk, planned, actual)
        for pk, project_id, month, planned, actual in ProgressReport.objects.filter(
            project_id__in={e.project.pk for e in entries}, month__in={e.month for e in entries}
        ).values_list("pk", "project_id", "month", "planned_pct", "actual_pct")
    }
    created = updated = unchanged = 0
    with transaction.atomic():
        for start in range(0, len(entries), BATCH):
            new, changed_ids = [], {}
            for e in entries[start : start + BATCH]:
                current = existing.get((e.project.pk, e.month))
                if current is None:
                    if e.month not in due_days:
                        due_days[e.month] = rule_in_force(e.month).filing_due_day
                    new.append(
                        ProgressReport(
                            project=e.project,
                            month=e.month,
                            planned_pct=e.planned_pct,
                            actual_pct=e.actual_pct,
                            filed_at=e.filed_at,
                            due_date=filing_due_date(e.month, due_days[e.month]),
                            source=source,
                        )
                    )
                elif (current[1], current[2]) != (e.planned_pct, e.actual_pct):
                    changed_ids[current[0]] = e
                else:
                    unchanged += 1
            changed = list(ProgressReport.objects.filter(pk__in=changed_ids).select_related("project"))
            for report in changed:
                e = changed_ids[report.pk]
                report.planned_pct, report.actual_pct, report.source = e.planned_pct, e.actual_pct, source
                report.updated_at = timezone.now()
            ProgressReport.objects.bulk_create(new)
            ProgressReport.objects.bulk_update(changed, ["planned_pct", "actual_pct", "source", "updated_at"])
            created, updated = created + len(new), updated + len(changed)
            if new or changed:
                anchor = (new or changed)[0].project
                record_event(
                    anchor,
                    note=f"{label}：每月進度新增 {len(new)} 筆、更新 {len(changed)} 筆",
                    changes={
                        "progress": {
                            "before": None,
                            "after": [[e.project.tender_number, str(e.month)] for e in new + changed],
                        }
                    },
                )
    return {"created": created, "updated": updated, "unchanged": unchanged}


PCC_REQUIRED = ["標案案號", "填報年月", "預定進度", "實際進度", "填報日期"]
PCC_OPTIONAL = ["工程名稱", "機關名稱", "決標金額"]


def _month_of(text: str) -> dt.date:
    """113/05, 113-05, 11305 or 2024-05 → first of that month."""
    cleaned = text.strip().replace("-", "/").replace(".", "/")
    if "/" not in cleaned and cleaned.isdigit() and len(cleaned) in (5, 6):
        cleaned = f"{cleaned[:-2]}/{cleaned[-2:]}"
    return parse_roc(f"{cleaned}/01")


def progress_import(*, actor: Any, data: bytes, filename: str) -> dict[str, int]:
    """Import the monthly export of PCC's tender management system (標案管理系統): every row is
    checked first, every problem reported with its line, and nothing is written unless all are good."""
    errors: list[RowError] = []
    entries: list[ProgressEntry] = []
    seen: dict[tuple[str, dt.date], int] = {}
    rows = list(read_table(data, filename=filename, required=PCC_REQUIRED, optional=PCC_OPTIONAL))
    projects = {p.tender_number: p for p in Project.objects.filter(tender_number__in={r["標案案號"] for _, r in rows})}
    for line, row in rows:
        try:
            entries.append(_pcc_entry(row, projects, actor))
        except (ValidationError, ROCDateError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            errors.extend(RowError(line, m) for m in messages)
            continue
        key = (entries[-1].project.tender_number, entries[-1].month)
        if key in seen:
            errors.append(RowError(line, f"與第 {seen[key]} 行重複（同一標案同一月份）"))
        seen[key] = line
    if errors:
        raise ImportFailed(errors)
    if not entries:
        raise ImportFailed([RowError(0, "檔案沒有任何資料列")])
    return progress_file_bulk(actor=actor, entries=entries, source=ProgressReport.Source.PCC, label=f"匯入 {filename}")


def _pcc_entry(row: dict[str, str], projects: dict[str, Project], actor: Any) -> ProgressEntry:
    project = projects.get(row["標案案號"])
    if project is None:
        raise ValidationError(f"標案案號「{row['標案案號']}」尚未登錄於本系統")
    if not permissions.can_edit_project(actor, project.agency_id):
        raise ValidationError(f"標案 {project.tender_number} 不屬於您的機關")
    month = _month_of(row["填報年月"])
    filed_on = parse_roc(row["填報日期"].split(" ")[0].split("T")[0])
    filed_at = timezone.make_aware(dt.datetime.combine(filed_on, dt.time(9, 0)))
    planned, actual = percent(row["預定進度"], "預定進度"), percent(row["實際進度"], "實際進度")
    errors = _check_entry(project, month, filed_at)
    if errors:
        raise ValidationError(errors)
    return ProgressEntry(project, month, planned, actual, filed_at)


# --- documentary checks (書面查證) ------------------------------------------------------------


def documentary_check_record(
    *, actor: Any, project: Project, month: dt.date, checked_on: dt.date, finding: str = ""
) -> DocumentaryCheck:
    """Check a project's filed progress of `month` on paper; behind = gap beyond the rule's threshold."""
    require(permissions.can_run_documentary_checks(actor), "書面查證限研考會人員辦理。")
    month = month_start(month)
    report = ProgressReport.objects.filter(project=project, month__lte=month).order_by("-month").first()
    if report is None:
        raise ValidationError(f"{project.tender_number} 尚無 {month:%Y-%m} 以前的進度填報，無法書面查證。")
    if checked_on < month:
        raise ValidationError("查證日不得早於查證月份。")
    threshold = rule_in_force(month).behind_threshold_pct
    if DocumentaryCheck.objects.filter(project=project, month=month).exists():
        raise ValidationError(f"{project.tender_number} 已於 {month:%Y-%m} 書面查證。")
    return DocumentaryCheck.objects.create(
        project=project,
        agency_id=project.agency_id,
        month=month,
        checked_on=checked_on,
        planned_pct=report.planned_pct,
        actual_pct=report.actual_pct,
        behind=(report.planned_pct - report.actual_pct) > threshold,
        threshold_pct=threshold,
        finding=finding,
    )


def documentary_check_send_letter(
    *, actor: Any, check: DocumentaryCheck, letter_number: str, sent_on: dt.date
) -> DocumentaryCheck:
    """函請主辦機關積極克服障礙及採取因應措施."""
    require(permissions.can_run_documentary_checks(actor), "發函限研考會人員辦理。")
    if not check.behind:
        raise ValidationError("此案進度未落後，不需發函。")
    if not letter_number.strip():
        raise ValidationError("請填函文文號。")
    if sent_on < check.checked_on:
        raise ValidationError("發函日不得早於查證日。")
    check.letter_number, check.letter_sent_on = letter_number.strip(), sent_on
    check.status = DocumentaryCheck.Status.LETTER_SENT
    check.save()
    return check


def documentary_check_answer(
    *, actor: Any, check: DocumentaryCheck, countermeasure: str, answered_on: dt.date
) -> DocumentaryCheck:
    """The agency's countermeasures (因應措施) to the commission's letter."""
    require(permissions.can_answer_defects(actor, check.agency_id), "僅主辦機關可回復因應措施。")
    if check.status not in (DocumentaryCheck.Status.LETTER_SENT, DocumentaryCheck.Status.ANSWERED):
        raise ValidationError("研考會尚未就此案發函，無需回復。")
    if not countermeasure.strip():
        raise ValidationError("請填寫因應措施。")
    if check.letter_sent_on and answered_on < check.letter_sent_on:
        raise ValidationError("回復日不得早於發函日。")
    check.countermeasure, check.answered_on = countermeasure.strip(), answered_on
    check.status = DocumentaryCheck.Status.ANSWERED
    check.save()
    return check


def documentary_check_resolve(*, actor: Any, check: DocumentaryCheck, resolved_on: dt.date) -> DocumentaryCheck:
    """Close the follow-up once the latest filing is back within the threshold (回復正常進度)."""
    require(permissions.can_run_documentary_checks(actor), "限研考會人員辦理。")
    latest = ProgressReport.objects.filter(project_id=check.project_id).order_by("-month").first()
    if latest is None or (latest.planned_pct - latest.actual_pct) > check.threshold_pct:
        raise ValidationError("最新填報進度仍落後超過門檻，尚不能解除列管。")
    check.resolved_on, check.status = resolved_on, DocumentaryCheck.Status.RESOLVED
    check.save()
    return check


def filing_reminders_send(*, on: dt.date) -> int:
    """Remind each agency of last month's filings still missing, `filing_reminder_days` before the
    due date (a scheduled job; returns the number of agencies reminded)."""
    from yankao.core.notify import notify
    from yankao.org.models import User
    from yankao.works.selectors.projects import projects_due_reminder

    pending = projects_due_reminder(on=on)
    for agency_id, projects in pending.items():
        numbers = "、".join(p.tender_number for p in projects[:20])
        more = f" 等 {len(projects)} 件" if len(projects) > 20 else ""
        message = f"下列工程尚未於標案管理系統更新上月進度，請於期限前填報：{numbers}{more}"
        emails = User.objects.filter(agency_id=agency_id, is_active=True, kind=User.Kind.STAFF).exclude(email="")
        for email in emails.values_list("email", flat=True)[:20]:
            notify(channel="email", to=email, subject="每月工程進度填報提醒", message=message)
    return len(pending)
