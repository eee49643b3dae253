"""Every write to the document-timeliness register: monthly statistics, inspection visits."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.audit import record_event
from yankao.core.jobs import job_finish, job_start
from yankao.core.tabular import ImportFailed, RowError, read_table
from yankao.org.models import Agency
from yankao.registers.doctime.models import DocCategory, InspectionVisit, MonthlyStat
from yankao.registers.doctime.permissions import can_manage_doctime, can_report_improvement

REQUIRED = ["機關", "年", "月", "類別", "收文數", "結案數", "如期結案數", "平均天數", "逾期件數"]
COUNTS = {"received": "收文數", "closed": "結案數", "closed_on_time": "如期結案數", "overdue": "逾期件數"}


def _require(actor: Any) -> None:
    if not can_manage_doctime(actor):
        raise PermissionDenied("僅研考會可以管理公文時效登錄")


@dataclass
class StatsImportResult:
    created: int
    updated: int
    unchanged: int


def _agency_lookup() -> dict[str, Agency]:
    found: dict[str, Agency] = {}
    for a in Agency.objects.filter(is_active=True):
        for key in (a.code, a.name, a.short_name, a.official_code):
            if key:
                found[key] = a
    return found


def _parse_row(row: dict[str, str], agencies: dict[str, Agency], categories: dict[str, DocCategory], today: dt.date):
    problems: list[str] = []
    agency = agencies.get(row["機關"])
    if agency is None:
        problems.append(f"未知機關「{row['機關']}」")
    category = categories.get(row["類別"])
    if category is None:
        problems.append(f"未知類別「{row['類別']}」（須為七大類之一）")
    year = month = 0
    if row["年"].isdigit() and row["月"].isdigit():
        year, month = int(row["年"]), int(row["月"])
        year = year + 1911 if year < 1000 else year
        if not 1 <= month <= 12:
            problems.append(f"月份 {month} 不正確")
        elif (year, month) > (today.year, today.month):
            problems.append(f"{year - 1911} 年 {month} 月尚未到來，不能有統計")
    else:
        problems.append("年、月須為數字")
    values: dict[str, Any] = {}
    for field, column in COUNTS.items():
        text = row[column].replace(",", "")
        if not text.isdigit():
            problems.append(f"{column}須為 0 以上的整數")
        else:
            values[field] = int(text)
    try:
        values["average_days"] = Decimal(row["平均天數"]).quantize(Decimal("0.01"))
        if values["average_days"] < 0:
            raise InvalidOperation
    except InvalidOperation:
        problems.append("平均天數須為 0 以上的數字")
    if not problems and values["closed_on_time"] > values["closed"]:
        problems.append("如期結案數不可大於結案數")
    return agency, category, year, month, values, problems


def stats_import(*, actor: Any, data: bytes, filename: str, today: dt.date | None = None) -> StatsImportResult:
    """Monthly statistics from the document system (CSV/XLSX): all rows checked first, all or
    nothing; corrected figures replace the month's old ones; the same file twice changes nothing."""
    _require(actor)
    today = today or timezone.localdate()
    agencies = _agency_lookup()
    categories = {c.name: c for c in DocCategory.objects.all()}
    existing = {(s.agency_id, s.year, s.month, s.category_id): s for s in MonthlyStat.objects.all()}
    errors: list[RowError] = []
    seen: dict[tuple[int, int, int, int], int] = {}
    new: list[MonthlyStat] = []
    changed: list[MonthlyStat] = []
    unchanged = 0
    for line, row in read_table(data, filename=filename, required=REQUIRED):
        agency, category, year, month, values, problems = _parse_row(row, agencies, categories, today)
        if problems:
            errors.extend(RowError(line, p) for p in problems)
            continue
        assert agency is not None and category is not None
        key = (agency.pk, year, month, category.pk)
        if key in seen:
            errors.append(RowError(line, f"與第 {seen[key]} 行重複（同機關、同月份、同類別）"))
            continue
        seen[key] = line
        old = existing.get(key)
        if old is None:
            new.append(MonthlyStat(agency=agency, year=year, month=month, category=category, **values))
        elif all(getattr(old, f) == v for f, v in values.items()):
            unchanged += 1
        else:
            for f, v in values.items():
                setattr(old, f, v)
            changed.append(old)
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        MonthlyStat.objects.bulk_create(new, batch_size=1000)
        for stat in changed:  # one UPDATE each: cheaper on SQLite than bulk_update's CASE per column
            MonthlyStat.objects.filter(pk=stat.pk).update(**{f: getattr(stat, f) for f in [*COUNTS, "average_days"]})
        if new or changed:
            n = len(new) + len(changed)
            job = job_start(
                kind="registers_doctime_import",
                key=hashlib.sha256(data).hexdigest()[:32],
                label=f"匯入公文時效統計（{filename}）",
                total=n,
                user=actor,
            )
            job_finish(job, ok=True, summary={"created": len(new), "updated": len(changed), "unchanged": unchanged})
            # one audit event for the batch (bulk writes bypass the per-record trail)
            record_event(
                job,
                note=f"公文時效統計：新增 {len(new)} 筆、更正 {len(changed)} 筆（{filename}）",
                changes={"created": len(new), "updated": len(changed)},
            )
    return StatsImportResult(len(new), len(changed), unchanged)


def visit_schedule(*, actor: Any, year: int, agency: Agency, scheduled_on: dt.date) -> InspectionVisit:
    _require(actor)
    if InspectionVisit.objects.filter(year=year, agency=agency).exists():
        raise ValidationError(f"{agency} 已排定 {year - 1911} 年度公文查訪")
    with transaction.atomic():
        visit = InspectionVisit(year=year, agency=agency, scheduled_on=scheduled_on)
        visit.save()
    return visit


def visit_record(
    *, actor: Any, visit: InspectionVisit, visited_on: dt.date, findings: str, recommendations: str
) -> InspectionVisit:
    _require(actor)
    if visited_on > timezone.localdate():
        raise ValidationError("查訪日不可晚於今天")
    if not findings.strip():
        raise ValidationError("請填寫查訪發現")
    with transaction.atomic():
        visit.visited_on, visit.findings, visit.recommendations = visited_on, findings.strip(), recommendations.strip()
        visit.status = InspectionVisit.Status.VISITED
        visit.save()
    return visit


def visit_report_sent(*, actor: Any, year: int, sent_on: dt.date) -> int:
    """The year's 公文查訪報告 sent to the agencies visited; returns how many."""
    _require(actor)
    visits = list(InspectionVisit.objects.filter(year=year, status=InspectionVisit.Status.VISITED))
    if not visits:
        raise ValidationError("尚無已查訪的機關")
    if any(sent_on < (v.visited_on or sent_on) for v in visits):
        raise ValidationError("報告函送日不可早於查訪日")
    with transaction.atomic():
        for visit in visits:
            visit.report_sent_on, visit.status = sent_on, InspectionVisit.Status.REPORTED
            visit.save()
    return len(visits)


def visit_improvement(*, actor: Any, visit: InspectionVisit, improvement: str, improved_on: dt.date) -> InspectionVisit:
    """The agency reports how it acted on the recommendations."""
    if not can_report_improvement(actor, visit):
        raise PermissionDenied("只有受查訪機關可以填報改善情形")
    if visit.status != InspectionVisit.Status.REPORTED:
        raise ValidationError("查訪報告函送後才能填報改善情形")
    if not improvement.strip():
        raise ValidationError("請填寫改善情形")
    if improved_on < (visit.report_sent_on or improved_on):
        raise ValidationError("改善完成日不可早於報告函送日")
    with transaction.atomic():
        visit.improvement, visit.improved_on = improvement.strip(), improved_on
        visit.status = InspectionVisit.Status.IMPROVED
        visit.save()
    return visit
