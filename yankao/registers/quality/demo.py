"""Demo: the 113 phone courtesy test — 63 agencies (一級機關及區公所), 260 calls in each half,
city scores 88 (first half) and 87.71 (second half); the 第7屆政府服務獎 winners."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.conf import settings
from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.org.models import Agency
from yankao.registers.demo_support import agency, commission_officer
from yankao.registers.quality import services
from yankao.registers.quality.models import PhoneTestPlan, PhoneTestRound, RubricItem, ServiceAwardEntry

CALLS_PER_ROUND = 260
# the sum of the call totals that gives the reference's city score: 22,880 / 260 = 88.00,
# 22,805 / 260 = 87.7115… → 87.71
ROUND_TOTALS = {1: 22_880, 2: 22_805}
ROUND_DATES = {1: (dt.date(2024, 4, 8), dt.date(2024, 5, 31)), 2: (dt.date(2024, 9, 2), dt.date(2024, 10, 31))}


def tested_agencies() -> list[Agency]:
    """25 first-level agencies and the 38 district offices: 63."""
    base = Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, is_active=True)
    first = list(base.filter(kind=Agency.Kind.FIRST_LEVEL).order_by("sort_order", "code")[:25])
    return first + list(base.filter(kind=Agency.Kind.DISTRICT_OFFICE).order_by("sort_order", "code"))


def _totals(ctx: DemoContext, n: int, target: int) -> list[int]:
    totals = [ctx.rng.randint(78, 97) for _ in range(n)]
    diff = target - sum(totals)
    while diff:
        i = ctx.rng.randrange(n)
        step = 1 if diff > 0 else -1
        if 60 <= totals[i] + step <= 100:
            totals[i] += step
            diff -= step
    return totals


def _split(ctx: DemoContext, total: int, items: list[RubricItem]) -> list[int]:
    points = [i.max_points for i in items]
    deficit = 100 - total
    while deficit:
        i = ctx.rng.randrange(len(points))
        if points[i] > 0:
            points[i] -= 1
            deficit -= 1
    return points


def _file(ctx: DemoContext, test_round: PhoneTestRound, agencies: list[Agency], target: int) -> bytes:
    items = list(test_round.plan.rubric.items.all())
    n = test_round.plan.calls_per_round
    order = [agencies[i % len(agencies)] for i in range(n)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["機關", "測試日", *[i.name for i in items]])
    span = (test_round.ends_on - test_round.starts_on).days
    for a, total in zip(order, _totals(ctx, n, target), strict=True):
        day = test_round.starts_on + dt.timedelta(days=ctx.rng.randint(0, span))
        writer.writerow([a.name, day.isoformat(), *_split(ctx, total, items)])
    return out.getvalue().encode()


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    officer = commission_officer()
    agencies = tested_agencies()
    plan = PhoneTestPlan.objects.filter(year=2024).first() or services.plan_create(
        actor=officer,
        year=2024,
        title="高雄市政府113年度電話服務品質及禮貌測試實施計畫",
        # at least one call per tested agency, whatever the demo's scale (the service checks it)
        calls_per_round=max(ctx.count(CALLS_PER_ROUND), len(agencies)),
        agencies=agencies,
        contractor="民意調查公司（委外）",
    )
    for half, (start, end) in ROUND_DATES.items():
        test_round = plan.rounds.filter(half=half).first() or services.round_create(
            actor=officer, plan=plan, half=half, starts_on=start, ends_on=end
        )
        if not test_round.calls.exists():
            target = round(ROUND_TOTALS[half] * plan.calls_per_round / CALLS_PER_ROUND)
            services.calls_import(
                actor=officer,
                test_round=test_round,
                data=_file(ctx, test_round, agencies, target),
                filename=f"113年{test_round.get_half_display()}電話禮貌測試.csv",
            )
            services.letters_sent(actor=officer, test_round=test_round, sent_on=end + dt.timedelta(days=30))
    ctx.progress(f"  電話禮貌測試：{len(agencies)} 個機關")
    awards = [
        ("AGR", "一指翻轉農業新勢力-高雄農來訊", "數位創新增值"),
        ("HEA-KAI", "精障振能量·樂業又安康", "社會創新共融"),
    ]
    for code, title, category in awards:
        if ServiceAwardEntry.objects.filter(year=2024, title=title).exists():
            continue
        entry = services.award_entry_create(
            actor=officer,
            year=2024,
            edition="第7屆政府服務獎",
            agency=agency(code),
            title=title,
            award_category=category,
        )
        services.award_set_result(
            actor=officer,
            entry=entry,
            result=ServiceAwardEntry.Result.WON,
            announced_on=dt.date(2024, 11, 4),
            ceremony_on=dt.date(2024, 12, 11),
        )
