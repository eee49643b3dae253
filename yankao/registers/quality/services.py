"""Every write to the service-quality register: phone-test plans, calls, letters, award entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.audit import record_event
from yankao.core.rocdate import ROCDateError, parse_roc
from yankao.core.tabular import ImportFailed, RowError, read_table
from yankao.org.models import Agency
from yankao.registers.quality.models import (
    PhoneTestCall,
    PhoneTestPlan,
    PhoneTestRound,
    Rubric,
    RubricItem,
    ServiceAwardEntry,
)
from yankao.registers.quality.permissions import can_manage_quality


def _require(actor: Any) -> None:
    if not can_manage_quality(actor):
        raise PermissionDenied("僅研考會可以管理服務品質登錄")


def plan_create(
    *,
    actor: Any,
    year: int,
    title: str,
    calls_per_round: int,
    agencies: Iterable[Agency],
    contractor: str = "",
    rubric: Rubric | None = None,
) -> PhoneTestPlan:
    """電話服務品質及禮貌測試實施計畫: it keeps the rubric in force now."""
    _require(actor)
    agencies = list(agencies)
    rubric = rubric or Rubric.objects.order_by("-code").first()
    if rubric is None:
        raise ValidationError("尚未設定評分表")
    if not agencies:
        raise ValidationError("請選擇受測機關")
    if calls_per_round < len(agencies):
        raise ValidationError(f"每次測試通數（{calls_per_round}）少於受測機關數（{len(agencies)}）")
    if PhoneTestPlan.objects.filter(year=year).exists():
        raise ValidationError(f"{year - 1911} 年度的測試計畫已建立")
    with transaction.atomic():
        plan = PhoneTestPlan(
            year=year, title=title, calls_per_round=calls_per_round, rubric=rubric, contractor=contractor
        )
        plan.save()
        plan.agencies.set(agencies)
    return plan


def round_create(*, actor: Any, plan: PhoneTestPlan, half: int, starts_on: dt.date, ends_on: dt.date) -> PhoneTestRound:
    _require(actor)
    if half not in PhoneTestRound.Half.values:
        raise ValidationError("梯次須為上半年或下半年")
    if ends_on < starts_on:
        raise ValidationError("測試迄日不可早於起日")
    if PhoneTestRound.objects.filter(plan=plan, half=half).exists():
        raise ValidationError("此梯次已建立")
    with transaction.atomic():
        test_round = PhoneTestRound(plan=plan, half=half, starts_on=starts_on, ends_on=ends_on)
        test_round.save()
    return test_round


def _check_scores(items: list[RubricItem], scores: dict[str, Any]) -> tuple[dict[str, int], list[str]]:
    clean: dict[str, int] = {}
    problems = []
    for item in items:
        raw = scores.get(item.code, scores.get(item.name))
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            problems.append(f"「{item.name}」須為 0 到 {item.max_points} 的整數")
            continue
        if not 0 <= value <= item.max_points:
            problems.append(f"「{item.name}」得分 {value} 超出 0 到 {item.max_points}")
        clean[item.code] = value
    return clean, problems


def call_record(
    *, actor: Any, test_round: PhoneTestRound, agency: Agency, called_on: dt.date, scores: dict[str, Any]
) -> PhoneTestCall:
    """One test call, scored on the plan's rubric."""
    _require(actor)
    plan = test_round.plan
    items = list(plan.rubric.items.all())
    clean, problems = _check_scores(items, scores)
    if not plan.agencies.filter(pk=agency.pk).exists():
        problems.append(f"{agency} 不是本計畫的受測機關")
    if not test_round.starts_on <= called_on <= test_round.ends_on:
        problems.append("測試日不在本梯次期間內")
    if test_round.calls.count() >= plan.calls_per_round:
        problems.append(f"本梯次已達 {plan.calls_per_round} 通")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        call = PhoneTestCall(
            round=test_round, agency=agency, called_on=called_on, scores=clean, total=sum(clean.values())
        )
        call.save()
    return call


def calls_import(*, actor: Any, test_round: PhoneTestRound, data: bytes, filename: str) -> int:
    """The contractor's file: 機關, 測試日, one column per rubric item. All rows or none; a file
    already imported for this round is refused rather than doubled."""
    _require(actor)
    plan = test_round.plan
    items = list(plan.rubric.items.all())
    agencies = {a.name: a for a in plan.agencies.all()}
    agencies.update({a.short_name: a for a in list(agencies.values()) if a.short_name})
    errors: list[RowError] = []
    calls: list[PhoneTestCall] = []
    for line, row in read_table(
        data, filename=filename, required=["機關", "測試日", *[i.name for i in items]], optional=["紀要"]
    ):
        clean, problems = _check_scores(items, row)
        agency = agencies.get(row["機關"])
        if agency is None:
            problems.append(f"「{row['機關']}」不是本計畫的受測機關")
        try:
            called_on = parse_roc(row["測試日"])
            if not test_round.starts_on <= called_on <= test_round.ends_on:
                problems.append("測試日不在本梯次期間內")
        except ROCDateError as exc:
            problems.append(str(exc))
        if problems:
            errors.extend(RowError(line, p) for p in problems)
        elif agency is not None:
            calls.append(
                PhoneTestCall(
                    round=test_round,
                    agency=agency,
                    called_on=called_on,
                    scores=clean,
                    total=sum(clean.values()),
                    note=row.get("紀要", ""),
                )
            )
    existing = test_round.calls.count()
    if existing and not errors:
        errors.append(RowError(0, f"本梯次已有 {existing} 通測試紀錄，請勿重複匯入"))
    if not errors and len(calls) > plan.calls_per_round:
        errors.append(RowError(0, f"檔案有 {len(calls)} 通，超過每次 {plan.calls_per_round} 通"))
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        PhoneTestCall.objects.bulk_create(calls, batch_size=500)
        record_event(test_round, note=f"匯入測試電話 {len(calls)} 通（{filename}）", changes={"created": len(calls)})
    return len(calls)


def letters_sent(*, actor: Any, test_round: PhoneTestRound, sent_on: dt.date) -> PhoneTestRound:
    """Record that the results were sent to the agencies tested (函送受測機關參考改善)."""
    _require(actor)
    if not test_round.calls.exists():
        raise ValidationError("本梯次尚無測試紀錄")
    if sent_on > timezone.localdate() or sent_on < test_round.ends_on:
        raise ValidationError("函送日須在測試結束後且不晚於今天")
    with transaction.atomic():
        test_round.letters_sent_on = sent_on
        test_round.save()
    return test_round


def award_entry_create(
    *, actor: Any, year: int, edition: str, agency: Agency, title: str, award_category: str
) -> ServiceAwardEntry:
    _require(actor)
    if not title.strip() or not award_category.strip():
        raise ValidationError("參獎案名與獎項類別皆為必填")
    if ServiceAwardEntry.objects.filter(year=year, agency=agency, title=title.strip()).exists():
        raise ValidationError("此參獎案已登錄")
    with transaction.atomic():
        entry = ServiceAwardEntry(
            year=year, edition=edition, agency=agency, title=title.strip(), award_category=award_category.strip()
        )
        entry.save()
    return entry


def award_set_result(
    *,
    actor: Any,
    entry: ServiceAwardEntry,
    result: str,
    announced_on: dt.date | None = None,
    ceremony_on: dt.date | None = None,
) -> ServiceAwardEntry:
    _require(actor)
    if result not in ServiceAwardEntry.Result.values:
        raise ValidationError("未知的評獎結果")
    if result in (ServiceAwardEntry.Result.WON, ServiceAwardEntry.Result.NOT_AWARDED) and announced_on is None:
        raise ValidationError("請填寫公布日")
    if ceremony_on and announced_on and ceremony_on < announced_on:
        raise ValidationError("頒獎日不可早於公布日")
    with transaction.atomic():
        entry.result, entry.announced_on, entry.ceremony_on = result, announced_on, ceremony_on
        entry.save()
    return entry
