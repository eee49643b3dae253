"""Reads of the service-quality register and the figures of 壹、四."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, QuerySet, Sum

from yankao.core.documents import Document, Paragraph, Table
from yankao.core.rocdate import format_roc
from yankao.org.selectors import scope_to_agency
from yankao.registers.common import half_up
from yankao.registers.quality.models import PhoneTestCall, PhoneTestPlan, PhoneTestRound, ServiceAwardEntry


def plan_for(*, year: int) -> PhoneTestPlan | None:
    return PhoneTestPlan.objects.filter(year=year).first()


def round_for(*, year: int, half: int) -> PhoneTestRound | None:
    return PhoneTestRound.objects.select_related("plan").filter(plan__year=year, half=half).first()


def plan_agency_count(*, year: int) -> int:
    """Figure: 一級機關及區公所等 63 個機關."""
    plan = plan_for(year=year)
    return 0 if plan is None else plan.agencies.count()


def round_call_count(*, year: int, half: int) -> int:
    """Figure: 每次撥打 260 通測試電話."""
    return PhoneTestCall.objects.filter(round__plan__year=year, round__half=half).count()


def round_count(*, year: int) -> int:
    """Figure: 2 次測試 — the rounds of the year's plan."""
    return PhoneTestRound.objects.filter(plan__year=year).count()


def sample_count(*, year: int) -> int:
    """Figure: 共完成 520 份測試樣本."""
    return PhoneTestCall.objects.filter(round__plan__year=year).count()


def city_score(*, year: int, half: int) -> Decimal | None:
    """Figure: 市府總體成績上半年 88 分、下半年 87.71 分 — the mean of every call's total,
    rounded half-up to two decimals."""
    agg = PhoneTestCall.objects.filter(round__plan__year=year, round__half=half).aggregate(
        s=Sum("total"), n=Count("id")
    )
    return half_up(Decimal(agg["s"]) / agg["n"]) if agg["n"] else None


@dataclass(frozen=True)
class AgencyScore:
    agency_id: int
    agency: str
    calls: int
    score: Decimal


def agency_scores(*, test_round: PhoneTestRound, user: Any = None) -> list[AgencyScore]:
    """Per-agency mean score (best first); scoped to the user's agency unless they see all."""
    qs: QuerySet[PhoneTestCall] = test_round.calls.all()
    if user is not None:
        qs = scope_to_agency(qs, user)
    rows = (
        qs.values("agency_id", "agency__name")
        .annotate(n=Count("id"), mean=Avg("total"))
        .order_by("-mean", "agency__name")
    )
    return [AgencyScore(r["agency_id"], r["agency__name"], r["n"], half_up(r["mean"])) for r in rows]


def award_list_for(*, user: Any, year: int | None = None) -> QuerySet[ServiceAwardEntry]:
    qs = ServiceAwardEntry.objects.select_related("agency")
    if year:
        qs = qs.filter(year=year)
    return scope_to_agency(qs, user)


def award_winners(*, year: int) -> list[tuple[str, str, str]]:
    """Figure: 農業局「一指翻轉農業新勢力-高雄農來訊」數位創新增值獎；凱旋醫院…社會創新共融獎."""
    entries = ServiceAwardEntry.objects.filter(year=year, result=ServiceAwardEntry.Result.WON).select_related("agency")
    return [(e.agency.name, e.title, e.award_category) for e in entries.order_by("agency__sort_order", "agency__code")]


def result_letter(*, test_round: PhoneTestRound, agency_id: int) -> Document:
    """The letter to one agency: its calls, its mean, the city's score, items to improve."""
    calls = list(test_round.calls.filter(agency_id=agency_id).select_related("agency").order_by("called_on", "pk"))
    items = list(test_round.plan.rubric.items.all())
    agency = calls[0].agency.name if calls else ""
    mean = half_up(Decimal(sum(c.total for c in calls)) / len(calls)) if calls else None
    city = city_score(year=test_round.plan.year, half=test_round.half)
    return Document(
        title=f"{test_round}結果",
        subtitle=f"受文者：{agency}",
        blocks=[
            Paragraph(
                f"貴機關本梯次受測 {len(calls)} 通，平均 {mean} 分；市府總體成績 {city} 分。"
                "請參考各項得分檢討改進，持續提升電話服務品質。"
            ),
            Table(
                ["測試日", *[f"{i.name}（{i.max_points}）" for i in items], "總分"],
                [[format_roc(c.called_on), *[c.scores.get(i.code, "") for i in items], c.total] for c in calls],
            ),
        ],
    )
