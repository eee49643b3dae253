"""基本設施補助計畫案件列管: cases, monthly tracking, problem cases to the coordination meeting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from yankao.org.models import Agency, User
from yankao.programmes.models import AgendaItem, CoordinationMeeting, SubsidyCase, SubsidyTracking, SubsidyYearResult
from yankao.programmes.permissions import can_act_for_agency, can_manage_programmes

from ._common import fail_if, require
from .meetings import agenda_item_add


def subsidy_case_create(
    *, actor: User, year: int, code: str, name: str, agency: Agency, amount: Decimal
) -> SubsidyCase:
    require(can_manage_programmes(actor), "只有研考會可以列管補助案件")
    errors = [msg for ok, msg in ((code.strip(), "請輸入案號"), (name.strip(), "請輸入案件名稱")) if not ok]
    if amount <= 0:
        errors.append("補助經費須大於 0")
    if SubsidyCase.objects.filter(year=year, code=code.strip()).exists():
        errors.append(f"{year} 年度已有案號 {code}")
    fail_if(errors)
    with transaction.atomic():
        case = SubsidyCase(year=year, code=code.strip(), name=name.strip(), agency=agency, amount=amount)
        case.save()
    return case


def subsidy_track(
    *, actor: User, case: SubsidyCase, month: dt.date, progress_pct: Decimal, spent: Decimal, problem: str = ""
) -> SubsidyTracking:
    """每月追蹤; a case with a problem is flagged 待檢討 for the coordination meeting."""
    require(can_manage_programmes(actor) or can_act_for_agency(actor, case.agency), "您沒有權限填報此案件")
    errors = []
    if not 0 <= progress_pct <= 100:
        errors.append("執行進度須介於 0 與 100 之間")
    if spent < 0:
        errors.append("執行數不得為負數")
    if spent > case.amount:
        errors.append(f"執行數（{spent:,} 元）超過補助經費（{case.amount:,} 元）")
    if month.day != 1:
        errors.append("月份須為該月第一日")
    fail_if(errors)
    with transaction.atomic():
        row = SubsidyTracking.objects.filter(case=case, month=month).first() or SubsidyTracking(case=case, month=month)
        row.progress_pct, row.spent, row.problem = progress_pct, spent, problem.strip()
        row.save()
        flagged = bool(problem.strip())
        if case.has_problem != flagged:
            case.has_problem = flagged
            case.save()
    return row


def subsidy_send_to_meeting(
    *, actor: User, case: SubsidyCase, meeting: CoordinationMeeting, issue: str = ""
) -> AgendaItem:
    """提報協調會報: a problem case becomes an agenda item of a coordination meeting (once per meeting)."""
    require(can_manage_programmes(actor), "只有研考會可以將案件提報協調會報")
    errors = []
    if meeting.agenda.filter(subsidy_case=case).exists():
        errors.append("此案件已列入該次會報議題")
    if meeting.minutes:
        errors.append("該次會報已登錄會議紀錄，請選擇尚未召開的會報")
    fail_if(errors)
    if not issue.strip():
        problem = case.tracking.exclude(problem="").order_by("-month").values_list("problem", flat=True).first()
        issue = f"基本設施補助案件「{case.name}」：{problem or '待檢討'}"
    return agenda_item_add(actor=actor, meeting=meeting, issue=issue, agency=case.agency, subsidy_case=case)


def subsidy_year_result_set(*, actor: User, year: int, ndc_score: Decimal, note: str = "") -> SubsidyYearResult:
    require(can_manage_programmes(actor), "只有研考會可以登錄考核成績")
    fail_if([] if 0 <= ndc_score <= 100 else ["成績須介於 0 與 100 之間"])
    with transaction.atomic():
        result = SubsidyYearResult.objects.filter(year=year).first() or SubsidyYearResult(year=year)
        result.ndc_score, result.note = ndc_score, note.strip()
        result.save()
    return result


def subsidy_tracking_bulk_load(
    *, actor: User, rows: list[tuple[SubsidyCase, dt.date, Decimal, Decimal, str]], label: str
) -> int:
    """Monthly tracking of many cases at once (imports, the demo): every row checked as
    `subsidy_track` checks it, all written in one transaction with one audit event."""
    from yankao.core.audit import record_event
    from yankao.programmes.models import ImportBatch

    require(can_manage_programmes(actor), "只有研考會可以批次匯入補助案件追蹤")
    errors = []
    for case, month, pct, spent, _problem in rows:
        where = f"{case.code} {month:%Y-%m}："
        if not 0 <= pct <= 100:
            errors.append(where + "執行進度須介於 0 與 100 之間")
        if spent < 0 or spent > case.amount:
            errors.append(where + f"執行數（{spent:,} 元）須介於 0 與補助經費（{case.amount:,} 元）之間")
        if month.day != 1:
            errors.append(where + "月份須為該月第一日")
    fail_if(errors)
    with transaction.atomic():
        SubsidyTracking.objects.bulk_create(
            [SubsidyTracking(case=c, month=m, progress_pct=p, spent=s, problem=t) for c, m, p, s, t in rows],
            batch_size=1000,
        )
        flagged = {c.pk for c, _m, _p, _s, t in rows if t.strip()}
        SubsidyCase.objects.filter(pk__in=flagged).update(has_problem=True)
        batch = ImportBatch(kind="subsidy_tracking", filename=label[:200], rows=len(rows), imported_by=actor)
        batch.save()
        record_event(batch, note=f"批次寫入補助案件追蹤 {len(rows)} 筆", changes={"flagged": len(flagged)})
    return len(rows)
