"""Controlled programmes (列管計畫) and their work plan (作業計畫: 查核點 and monthly planned %)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from yankao.org.models import Agency, User
from yankao.programmes.models import Milestone, PlanMonth, Programme, ReportMilestone
from yankao.programmes.months import month_start
from yankao.programmes.permissions import can_edit_plan, can_manage_programmes
from yankao.programmes.selectors.rules import rules_in_force

from ._common import fail_if, require

BUDGET_FIELDS = ("total_public", "total_fund", "total_central", "year_public", "year_fund", "year_central")
SOURCE_LABELS = {"public": "公務預算", "fund": "基金預算", "central": "中央補助"}


def suggested_control_level(*, total_budget: Decimal, on: dt.date) -> str:
    """選項列管: the level the commission's selection thresholds give a programme of this size."""
    rules = rules_in_force(on)
    if total_budget >= rules.city_control_min_budget:
        return Programme.Level.CITY
    if total_budget >= rules.agency_control_min_budget:
        return Programme.Level.AGENCY
    return Programme.Level.SELF


def programme_create(
    *,
    actor: User,
    code: str,
    name: str,
    year: int,
    lead_agency: Agency,
    start_date: dt.date,
    end_date: dt.date,
    control_level: str | None = None,
    co_agencies: Iterable[Agency] = (),
    project_manager: User | None = None,
    budgets: dict[str, Decimal] | None = None,
    description: str = "",
    source_reference: str = "",
    selection_basis: str = "",
    kpis: Iterable[Any] = (),
) -> Programme:
    """Select a programme for control in `year` (ROC). `source_reference` names where it came from
    (e.g. "participation.proposal:42") without a foreign key into another app."""
    require(can_manage_programmes(actor), "只有研考會可以新增列管計畫")
    budgets = {key: Decimal(budgets.get(key, 0) if budgets else 0) for key in BUDGET_FIELDS}
    errors = _check_programme(code, name, year, start_date, end_date, budgets, lead_agency, project_manager)
    if control_level and control_level not in Programme.Level.values:
        errors.append(f"列管層級「{control_level}」不正確")
    if Programme.objects.filter(year=year, code=code.strip()).exists():
        errors.append(f"{year} 年度已有編號 {code} 的列管計畫")
    fail_if(errors)
    total = budgets["total_public"] + budgets["total_fund"] + budgets["total_central"]
    on = dt.date(year + 1911, 1, 1)
    rules = rules_in_force(on)
    with transaction.atomic():
        programme = Programme(
            code=code.strip(),
            name=name.strip(),
            year=year,
            control_level=control_level or suggested_control_level(total_budget=total, on=on),
            selection_basis=selection_basis,
            lead_agency=lead_agency,
            project_manager=project_manager,
            start_date=start_date,
            end_date=end_date,
            description=description,
            source_reference=source_reference[:100],
            report_due_day=rules.report_due_day,
            **budgets,
        )
        programme.save()
        co = [a for a in co_agencies if a.pk != lead_agency.pk]
        if co:
            programme.co_agencies.set(co)
        kpi_list = list(kpis)
        if kpi_list:
            programme.kpis.set(kpi_list)
    return programme


def _check_programme(
    code: str,
    name: str,
    year: int,
    start_date: dt.date,
    end_date: dt.date,
    budgets: dict[str, Decimal],
    lead_agency: Agency,
    project_manager: User | None,
) -> list[str]:
    errors: list[str] = []
    if not (code or "").strip():
        errors.append("請輸入計畫編號")
    if not (name or "").strip():
        errors.append("請輸入計畫名稱")
    if not 90 <= int(year) <= 200:
        errors.append(f"年度 {year} 不正確，請以民國年輸入（例如 113）")
    if end_date < start_date:
        errors.append("計畫迄日不得早於起日")
    if any(value < 0 for value in budgets.values()):
        errors.append("經費不得為負數")
    for source, label in SOURCE_LABELS.items():
        if budgets[f"year_{source}"] > budgets[f"total_{source}"]:
            errors.append(f"年度{label}不得超過總經費的{label}")
    if project_manager is not None and project_manager.agency_id != lead_agency.pk:
        errors.append("專案管理人員須為主辦機關人員")
    return errors


def programme_set_status(*, actor: User, programme: Programme, status: str) -> Programme:
    require(can_manage_programmes(actor), "只有研考會可以變更列管狀態")
    fail_if([] if status in Programme.Status.values else [f"狀態「{status}」不正確"])
    with transaction.atomic():
        programme.status = status
        programme.save()
    return programme


@dataclass(frozen=True)
class MilestoneInput:
    seq: int
    name: str
    due_date: dt.date
    planned_pct: Decimal


def check_plan(
    programme: Programme, milestones: Sequence[MilestoneInput], plan_months: dict[dt.date, Decimal]
) -> list[str]:
    """Milestones in date order with rising cumulative %, months in the period, nothing above 100 %."""
    errors: list[str] = []
    ordered = sorted(milestones, key=lambda m: m.seq)
    if len({m.seq for m in ordered}) != len(ordered):
        errors.append("查核點順序重複")
    previous: MilestoneInput | None = None
    for m in ordered:
        where = f"查核點 {m.seq}「{m.name}」"
        if not m.name.strip():
            errors.append(f"查核點 {m.seq} 未填名稱")
        if not 0 <= m.planned_pct <= 100:
            errors.append(f"{where}的預定累計進度須介於 0 與 100 之間")
        if not programme.start_date <= m.due_date <= programme.end_date:
            errors.append(f"{where}的預定完成日不在計畫期間內")
        if previous is not None and m.due_date < previous.due_date:
            errors.append(f"{where}的預定完成日早於前一查核點，查核點須依日期先後排列")
        if previous is not None and m.planned_pct < previous.planned_pct:
            errors.append(f"{where}的預定累計進度低於前一查核點")
        previous = m
    last = Decimal(0)
    for month in sorted(plan_months):
        pct = plan_months[month]
        label = f"{month.year - 1911}年{month.month}月"
        if month != month_start(month):
            errors.append(f"{label}：月份須為該月第一日")
        if not 0 <= pct <= 100:
            errors.append(f"{label}的預定累計進度須介於 0 與 100 之間")
        elif pct < last:
            errors.append(f"{label}的預定累計進度（{pct}%）低於前一月（{last}%），累計進度不得倒退")
        if not month_start(programme.start_date) <= month <= programme.end_date:
            errors.append(f"{label}不在計畫期間內")
        last = max(last, pct)
    return errors


def programme_set_plan(
    *,
    actor: User,
    programme: Programme,
    milestones: Sequence[MilestoneInput],
    plan_months: dict[dt.date, Decimal],
) -> Programme:
    """Replace the work plan. Milestones are matched by `seq`; one already reported on stays."""
    require(
        can_edit_plan(actor, programme),
        "您沒有權限編修此計畫的作業計畫",
    )
    errors = check_plan(programme, milestones, plan_months)
    existing = {m.seq: m for m in programme.milestones.all()}
    keep = {m.seq for m in milestones}
    dropped = [m for seq, m in existing.items() if seq not in keep]
    used = set(ReportMilestone.objects.filter(milestone__in=dropped).values_list("milestone__seq", flat=True))
    for seq in sorted(used):
        errors.append(f"查核點 {seq} 已有月報填報辦理情形，不能刪除")
    fail_if(errors)
    with transaction.atomic():
        for m in dropped:
            m.delete()
        for item in milestones:
            row = existing.get(item.seq) or Milestone(programme=programme, seq=item.seq)
            row.name, row.due_date, row.planned_pct = item.name.strip(), item.due_date, item.planned_pct
            row.save()
        months_held = {p.month: p for p in programme.plan_months.all()}
        for month, plan in months_held.items():
            if month not in plan_months:
                plan.delete()
        for month, pct in plan_months.items():
            plan = months_held.get(month) or PlanMonth(programme=programme, month=month)
            if plan.pk is None or plan.planned_pct != pct:
                plan.planned_pct = pct
                plan.save()
    return programme
