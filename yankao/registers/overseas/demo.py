"""Demo: overseas trip reports of 113 — submitted by agencies, reviewed and published in full, their
recommendations sent to the agencies concerned and answered. The reference gives no counts; the
reports below are illustrative."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.registers.demo_support import GIVEN, SURNAMES, agency, agency_staff, commission_officer
from yankao.registers.overseas import services
from yankao.registers.overseas.models import TripReport

TRIPS = [
    ("TRA", "日本福岡智慧運輸考察", "日本福岡市"),
    ("EPB", "新加坡循環經濟園區考察", "新加坡"),
    ("EDB", "德國漢堡港埠物流參訪", "德國漢堡市"),
    ("HEA", "韓國首爾長照服務考察", "韓國首爾市"),
    ("CUL", "法國亞維儂藝術節交流", "法國亞維儂"),
    ("WRB", "荷蘭鹿特丹治水考察", "荷蘭鹿特丹市"),
    ("TOU", "泰國曼谷觀光推廣", "泰國曼谷市"),
    ("MAR", "日本橫濱海洋城市交流", "日本橫濱市"),
    ("EDU", "芬蘭赫爾辛基教育考察", "芬蘭赫爾辛基市"),
    ("SWB", "丹麥哥本哈根社福考察", "丹麥哥本哈根市"),
    ("UDB", "西班牙巴塞隆納都市更新考察", "西班牙巴塞隆納"),
    ("RDEC", "馬來西亞雪蘭莪智慧城市大會", "馬來西亞雪蘭莪州"),
]


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    if TripReport.objects.filter(submitted_on__year=2024).exists():
        return
    officer = commission_officer()
    for i, (code, title, destination) in enumerate(TRIPS[: ctx.count(len(TRIPS))]):
        departed = dt.date(2024, 1 + i % 10, 5 + i)
        returned = departed + dt.timedelta(days=5)
        report = services.report_submit(
            actor=agency_staff(code),
            agency=agency(code),
            title=title,
            destination=destination,
            departed_on=departed,
            returned_on=returned,
            travellers=f"{SURNAMES[i]}{GIVEN[i % len(GIVEN)]}、{SURNAMES[i + 1]}{GIVEN[(i + 1) % len(GIVEN)]}",
            summary=f"{title}之心得與建議。",
            full_text=f"壹、目的\n{title}。\n貳、過程\n……\n參、心得及建議\n……",
            submitted_on=returned + dt.timedelta(days=30 + i * 5),
        )
        if i == len(TRIPS) - 1:
            continue  # still under review
        if i == 3:
            services.report_review(
                actor=officer,
                report=report,
                publish=False,
                note="請補充建議事項之具體作法",
                reviewed_on=report.submitted_on + dt.timedelta(days=7),
            )
            continue
        services.report_review(
            actor=officer, report=report, publish=True, note="", reviewed_on=report.submitted_on + dt.timedelta(days=10)
        )
        rec = services.recommendation_send(
            actor=officer,
            report=report,
            agency=agency(code),
            text=f"參考{destination}經驗研議推動",
            sent_on=report.published_on or departed,
        )
        if i % 3 != 2:
            adopted = i % 3 == 0
            services.recommendation_respond(
                actor=agency_staff(code),
                recommendation=rec,
                status="adopted" if adopted else "declined",
                reason="" if adopted else "囿於經費，列入中長期評估",
                responded_on=(rec.sent_on or departed) + dt.timedelta(days=30),
            )
    ctx.progress(f"  出國報告：{len(TRIPS)} 件")
