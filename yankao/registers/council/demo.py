"""Demo: 第4屆第3次定期大會 with the reference's 1,273 proposals (122 民政 … 1 法規), every one
replied by its agency, and the compilation reported to the council before its deadline."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.core.workdays import add_working_days
from yankao.registers.council import services
from yankao.registers.council.models import CouncilSession, Proposal
from yankao.registers.demo_support import GIVEN, SURNAMES, agency_staff, commission_officer

# 113 年度施政績效成果報告 參、三: 第四屆第三次定期大會 proposals per category
SESSION_113_3 = {
    "民政": 122,
    "社政": 104,
    "財經": 85,
    "教育": 140,
    "農林": 126,
    "交通": 202,
    "警消環衛": 137,
    "工務": 356,
    "法規": 1,
}
# 警消環衛 proposals go to four agencies; the others to their category's default agency
SPLIT_AGENCIES = {"警消環衛": ["高雄市政府警察局", "高雄市政府消防局", "高雄市政府環境保護局", "高雄市政府衛生局"]}
TOPICS = [
    "路面改善",
    "增設路燈",
    "改善排水",
    "補助經費",
    "設置公園",
    "交通號誌",
    "校舍修繕",
    "農路修繕",
    "社區活動中心",
]


def _csv(ctx: DemoContext) -> bytes:
    rng = random.Random(f"council-{ctx.seed}")  # the same file on every run, whatever ran before
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["案號", "案由", "提案議員", "類別", "收文日", "主辦機關"])
    number = 0
    start = dt.date(2024, 3, 1)
    for category, count in SESSION_113_3.items():
        for i in range(ctx.count(count)):
            number += 1
            received = start + dt.timedelta(days=rng.randrange(0, 80))
            councillor = rng.choice(SURNAMES) + rng.choice(GIVEN)
            split = SPLIT_AGENCIES.get(category)
            writer.writerow(
                [
                    f"{number:04d}",
                    f"請市府{rng.choice(TOPICS)}（{category}類第 {i + 1} 案）",
                    f"{councillor}議員",
                    category,
                    f"{received.year - 1911}/{received.month:02d}/{received.day:02d}",
                    split[i % len(split)] if split else "",
                ]
            )
    return out.getvalue().encode("utf-8")


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    officer = commission_officer()
    session = CouncilSession.objects.filter(term=4, number=3, kind="regular").first()
    if session is None:
        session = services.session_create(
            actor=officer,
            term=4,
            number=3,
            starts_on=dt.date(2024, 2, 27),
            ends_on=dt.date(2024, 5, 31),
            report_due=dt.date(2024, 8, 31),
        )
    if CouncilSession.objects.filter(term=4, number=4).first() is None:
        services.session_create(
            actor=officer,
            term=4,
            number=4,
            starts_on=dt.date(2024, 8, 27),
            ends_on=dt.date(2024, 12, 13),
            report_due=dt.date(2025, 2, 28),
        )
    if session.proposals.exists():
        return
    result = services.proposal_import(actor=officer, session=session, data=_csv(ctx), filename="第4屆第3次定期大會.csv")
    ctx.progress(f"  議員提案：新增 {result.created} 件")
    repliers: dict[int, object] = {}
    for proposal in Proposal.objects.filter(session=session, status=Proposal.Status.OPEN).select_related("agency"):
        if proposal.agency_id not in repliers:
            repliers[proposal.agency_id] = agency_staff(proposal.agency.code)
        actor = repliers[proposal.agency_id]
        late = ctx.rng.random() < 0.02
        days = (
            proposal.reply_working_days + ctx.rng.randint(1, 5)
            if late
            else ctx.rng.randint(5, proposal.reply_working_days)
        )
        services.proposal_reply(
            actor=actor,
            proposal=proposal,
            replied_on=add_working_days(proposal.received_on, days),
            text="本案已依議員建議研議辦理，並列入年度計畫執行。",
        )
    if session.compiled_on is None:
        services.session_compile(actor=officer, session=session, compiled_on=dt.date(2024, 8, 20))
