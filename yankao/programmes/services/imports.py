"""Imports from agencies' spreadsheets (XLSX or CSV): programmes, work plans, monthly progress, KPIs.

Every row is checked by the same services the web forms use; errors are collected with their
line numbers and nothing is written unless the whole file is good (one transaction). A file
already imported (same bytes, same kind) changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yankao.core.audit import record_event
from yankao.core.rocdate import ROCDateError, parse_roc
from yankao.core.tabular import ImportFailed, RowError, read_table
from yankao.org.models import Agency, User
from yankao.programmes.models import DelayReason, ImportBatch, KpiIndicator, MonthlyReport, Programme
from yankao.programmes.months import parse_month
from yankao.programmes.permissions import can_file_report, can_manage_programmes
from yankao.programmes.services.kpis import kpi_indicator_create, kpi_value_set
from yankao.programmes.services.programmes import MilestoneInput, programme_create, programme_set_plan
from yankao.programmes.services.reports import ReportFigures, ReportRow, reports_bulk_load

from ._common import require

PROGRAMME_COLUMNS = ["年度", "計畫編號", "計畫名稱", "主辦機關代碼", "計畫起日", "計畫迄日"]
PROGRAMME_OPTIONAL = [
    "列管層級",
    "專案管理人員帳號",
    "協辦機關代碼",
    "計畫內容",
    "公務預算總額",
    "基金預算總額",
    "中央補助總額",
    "年度公務預算",
    "年度基金預算",
    "年度中央補助",
]
PLAN_COLUMNS = ["年度", "計畫編號", "類別", "日期", "預定累計進度"]
PLAN_OPTIONAL = ["順序", "名稱"]
PROGRESS_COLUMNS = ["年度", "計畫編號", "月份", "實際累計進度", "累計分配數", "累計執行數"]
PROGRESS_OPTIONAL = ["落後原因代碼", "原因說明", "因應對策", "執行情形"]
KPI_COLUMNS = ["機關代碼", "指標代碼", "指標名稱", "單位", "方向", "年度", "目標值"]
KPI_OPTIONAL = ["實際值", "中程計畫期間"]
LEVELS = {label: value for value, label in Programme.Level.choices} | {v: v for v in Programme.Level.values}
DIRECTIONS = {
    "越高越好": "higher",
    "越低越好": "lower",
    "higher": "higher",
    "lower": "lower",
    "正向": "higher",
    "負向": "lower",
}
BUDGET_COLUMNS = {
    "公務預算總額": "total_public",
    "基金預算總額": "total_fund",
    "中央補助總額": "total_central",
    "年度公務預算": "year_public",
    "年度基金預算": "year_fund",
    "年度中央補助": "year_central",
}


class RowProblem(ValueError):
    pass


def _number(text: str, label: str, *, required: bool = True) -> Decimal | None:
    text = (text or "").replace(",", "").replace("%", "").strip()
    if not text:
        if required:
            raise RowProblem(f"「{label}」必填")
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RowProblem(f"「{label}」的「{text}」不是數字") from None
    if not value.is_finite():
        raise RowProblem(f"「{label}」的「{text}」不是數字")
    return value


def _date(text: str, label: str) -> dt.date:
    try:
        return parse_roc(text)
    except ROCDateError as exc:
        raise RowProblem(f"「{label}」：{exc}") from None


def _month(text: str) -> dt.date:
    try:
        return parse_month(text)
    except ValueError:
        try:
            return parse_roc(text).replace(day=1)
        except ROCDateError:
            raise RowProblem(f"「月份」的「{text}」不是有效的月份，請輸入例如 113/03") from None


def _year(text: str) -> int:
    value = _number(text, "年度")
    assert value is not None
    return int(value)


def _programme(year: int, code: str, cache: dict[tuple[int, str], Programme]) -> Programme:
    key = (year, code.strip())
    if key not in cache:
        found = Programme.objects.filter(year=year, code=code.strip()).select_related("lead_agency").first()
        if found is None:
            raise RowProblem(f"找不到 {year} 年度編號「{code}」的列管計畫")
        cache[key] = found
    return cache[key]


def import_file(*, actor: User, kind: str, data: bytes, filename: str) -> ImportBatch:
    """Import a file of `kind` (programmes / milestones / progress / kpis); ImportFailed lists every error."""
    importers: dict[str, Callable[..., int]] = {
        "programmes": _import_programmes,
        "milestones": _import_plans,
        "progress": _import_progress,
        "kpis": _import_kpis,
    }
    if kind not in importers:
        raise ImportFailed([RowError(0, f"未知的匯入類別「{kind}」")])
    digest = hashlib.sha256(data).hexdigest()
    earlier = ImportBatch.objects.filter(kind=kind, digest=digest).first()
    if earlier is not None:
        return earlier
    with transaction.atomic():
        rows = importers[kind](actor, data, filename)
        batch = ImportBatch(kind=kind, filename=filename[:200], rows=rows, imported_by=actor, digest=digest)
        batch.save()
        record_event(batch, note=f"匯入 {filename}：{rows} 筆")
    return batch


def _collect(rows: Any, handle: Callable[[int, dict[str, str]], None]) -> int:
    """Run `handle` for every row; collect every problem with its line; raise before commit."""
    errors: list[RowError] = []
    count = 0
    for line, row in rows:
        try:
            with transaction.atomic():
                handle(line, row)
            count += 1
        except RowProblem as exc:
            errors.append(RowError(line, str(exc)))
        except ValidationError as exc:
            errors.extend(RowError(line, m) for m in exc.messages)
        except PermissionDenied as exc:
            errors.append(RowError(line, str(exc) or "沒有權限"))
    if errors:
        raise ImportFailed(errors)
    if count == 0:
        raise ImportFailed([RowError(0, "檔案沒有資料列")])
    return count


def _import_programmes(actor: User, data: bytes, filename: str) -> int:
    require(can_manage_programmes(actor), "只有研考會可以匯入列管計畫")
    agencies = {a.code: a for a in Agency.objects.all()}

    def handle(line: int, row: dict[str, str]) -> None:
        lead = agencies.get(row["主辦機關代碼"])
        if lead is None:
            raise RowProblem(f"未知的機關代碼「{row['主辦機關代碼']}」")
        co = []
        for code in filter(None, (c.strip() for c in row.get("協辦機關代碼", "").replace("、", ",").split(","))):
            if code not in agencies:
                raise RowProblem(f"未知的協辦機關代碼「{code}」")
            co.append(agencies[code])
        pm = None
        if row.get("專案管理人員帳號"):
            pm = User.objects.filter(username=row["專案管理人員帳號"], kind=User.Kind.STAFF).first()
            if pm is None:
                raise RowProblem(f"找不到帳號「{row['專案管理人員帳號']}」的機關人員")
        level = row.get("列管層級", "").strip()
        if level and level not in LEVELS:
            raise RowProblem(f"列管層級「{level}」不正確，應為 市府列管、機關列管 或 自行列管")
        budgets = {
            field: _number(row.get(col, ""), col, required=False) or Decimal(0) for col, field in BUDGET_COLUMNS.items()
        }
        programme_create(
            actor=actor,
            code=row["計畫編號"],
            name=row["計畫名稱"],
            year=_year(row["年度"]),
            lead_agency=lead,
            start_date=_date(row["計畫起日"], "計畫起日"),
            end_date=_date(row["計畫迄日"], "計畫迄日"),
            control_level=LEVELS.get(level) if level else None,
            co_agencies=co,
            project_manager=pm,
            budgets=budgets,
            description=row.get("計畫內容", ""),
            source_reference=f"import:{filename}"[:100],
        )

    return _collect(
        read_table(data, filename=filename, required=PROGRAMME_COLUMNS, optional=PROGRAMME_OPTIONAL), handle
    )


def _import_plans(actor: User, data: bytes, filename: str) -> int:
    """Work plans: 類別 查核點 (日期 = due date, 名稱, 順序) or 月進度 (日期 = the month)."""
    cache: dict[tuple[int, str], Programme] = {}
    plans: dict[int, tuple[list[MilestoneInput], dict[dt.date, Decimal], list[int]]] = {}
    errors: list[RowError] = []
    count = 0
    for line, row in read_table(data, filename=filename, required=PLAN_COLUMNS, optional=PLAN_OPTIONAL):
        try:
            programme = _programme(_year(row["年度"]), row["計畫編號"], cache)
            pct = _number(row["預定累計進度"], "預定累計進度")
            assert pct is not None
            milestones, months, lines = plans.setdefault(programme.pk, ([], {}, []))
            if row["類別"] == "查核點":
                seq = int(_number(row.get("順序", ""), "順序", required=False) or len(milestones) + 1)
                milestones.append(MilestoneInput(seq, row.get("名稱", ""), _date(row["日期"], "日期"), pct))
            elif row["類別"] == "月進度":
                months[_month(row["日期"])] = pct
            else:
                raise RowProblem(f"類別「{row['類別']}」不正確，應為「查核點」或「月進度」")
            lines.append(line)
            count += 1
        except RowProblem as exc:
            errors.append(RowError(line, str(exc)))
    for pid, (milestones, months, lines) in plans.items():
        programme = next(p for p in cache.values() if p.pk == pid)
        try:
            with transaction.atomic():
                programme_set_plan(actor=actor, programme=programme, milestones=milestones, plan_months=months)
        except ValidationError as exc:
            errors.extend(RowError(lines[0], f"{programme.code}：{m}") for m in exc.messages)
        except PermissionDenied as exc:
            errors.append(RowError(lines[0], str(exc)))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.line))
    return count


def _import_progress(actor: User, data: bytes, filename: str) -> int:
    """Monthly progress: the commission's import is history (審查完成); an agency's is a draft."""
    cache: dict[tuple[int, str], Programme] = {}
    reasons = {r.code: r for r in DelayReason.objects.all()}
    rows: list[ReportRow] = []
    errors: list[RowError] = []
    for line, row in read_table(data, filename=filename, required=PROGRESS_COLUMNS, optional=PROGRESS_OPTIONAL):
        try:
            programme = _programme(_year(row["年度"]), row["計畫編號"], cache)
            if not (can_manage_programmes(actor) or can_file_report(actor, programme)):
                raise RowProblem(f"您沒有權限匯入「{programme}」的月報")
            code = row.get("落後原因代碼", "").strip()
            if code and code not in reasons:
                raise RowProblem(f"未知的落後原因代碼「{code}」")
            actual, allocated, spent = (_number(row[c], c) for c in ("實際累計進度", "累計分配數", "累計執行數"))
            assert actual is not None and allocated is not None and spent is not None
            figures = ReportFigures(
                actual_pct=actual,
                budget_allocated=allocated,
                budget_spent=spent,
                delay_reason=reasons.get(code),
                delay_note=row.get("原因說明", ""),
                countermeasure=row.get("因應對策", ""),
                work_summary=row.get("執行情形", ""),
            )
            rows.append(ReportRow(programme, _month(row["月份"]), figures, line=line))
        except RowProblem as exc:
            errors.append(RowError(line, str(exc)))
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([RowError(0, "檔案沒有資料列")])
    status = MonthlyReport.Status.ACCEPTED if can_manage_programmes(actor) else MonthlyReport.Status.DRAFT
    try:
        reports_bulk_load(actor=actor, rows=rows, label=filename, status=status, check_permission=False)
    except ValidationError as exc:
        raise ImportFailed([_as_row_error(m) for m in exc.messages]) from None
    return len(rows)


def _as_row_error(message: str) -> RowError:
    """'第 3 行：…' back into RowError(3, '…')."""
    if message.startswith("第 ") and " 行：" in message:
        head, rest = message.split(" 行：", 1)
        try:
            return RowError(int(head[2:]), rest)
        except ValueError:
            pass
    return RowError(0, message)


def _import_kpis(actor: User, data: bytes, filename: str) -> int:
    agencies = {a.code: a for a in Agency.objects.all()}

    def handle(line: int, row: dict[str, str]) -> None:
        agency = agencies.get(row["機關代碼"])
        if agency is None:
            raise RowProblem(f"未知的機關代碼「{row['機關代碼']}」")
        direction = DIRECTIONS.get(row["方向"].strip())
        if direction is None:
            raise RowProblem(f"方向「{row['方向']}」不正確，應為「越高越好」或「越低越好」")
        indicator = KpiIndicator.objects.filter(agency=agency, code=row["指標代碼"].strip()).first()
        if indicator is None:
            indicator = kpi_indicator_create(
                actor=actor,
                agency=agency,
                code=row["指標代碼"],
                name=row["指標名稱"],
                unit=row["單位"],
                direction=direction,
                plan_period=row.get("中程計畫期間", ""),
            )
        target = _number(row["目標值"], "目標值")
        assert target is not None
        kpi_value_set(
            actor=actor,
            indicator=indicator,
            year=_year(row["年度"]),
            target=target,
            actual=_number(row.get("實際值", ""), "實際值", required=False),
        )

    return _collect(read_table(data, filename=filename, required=KPI_COLUMNS, optional=KPI_OPTIONAL), handle)
