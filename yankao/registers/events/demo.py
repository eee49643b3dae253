"""Demo: the events of the 113 report — 2 兩岸事務研習 courses, the 9 月 9 日 市長與大學校長會議
with 18 universities and 3 topics, the 淨零公正轉型 研習班 and 工作坊 (113 participants in all) and
the 10 月 16 日 座談 (50), the 淨零永續 activities with 5 universities, and 提升服務研習.

The reference names only some of the 18 universities (清大, 陽明交大) and none of the dates of
the courses; the other names and dates below are illustrative."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.registers.demo_support import agency, commission_officer
from yankao.registers.events import services
from yankao.registers.events.models import Event, EventSeries

UNIVERSITIES_18 = [
    "國立中山大學",
    "國立高雄大學",
    "國立高雄科技大學",
    "國立高雄師範大學",
    "國立高雄餐旅大學",
    "高雄醫學大學",
    "義守大學",
    "文藻外語大學",
    "正修科技大學",
    "樹德科技大學",
    "輔英科技大學",
    "實踐大學高雄校區",
    "東方設計大學",
    "高雄市立空中大學",
    "國立清華大學",
    "國立陽明交通大學",
    "陸軍軍官學校",
    "海軍軍官學校",
]
NET_ZERO_5 = ["國立中山大學", "國立高雄科技大學", "義守大學", "文藻外語大學", "正修科技大學"]


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    if Event.objects.filter(held_on__year=2024).exists():
        return
    officer = commission_officer()
    rdec = agency("RDEC")

    def series(code: str) -> EventSeries:
        return EventSeries.objects.get(code=code)

    events = [
        dict(
            series=series("cross_strait"),
            kind="course",
            title="兩岸關係與區域情勢",
            held_on=dt.date(2024, 5, 17),
            speakers=["成功大學政治學系王宏仁教授"],
        ),
        dict(
            series=series("cross_strait"),
            kind="course",
            title="兩岸產業經濟現況與未來發展",
            held_on=dt.date(2024, 10, 4),
            speakers=["全國工業總會大陸事務處黃健群處長"],
        ),
        dict(
            series=series("presidents"),
            kind="meeting",
            title="113年市長與大學校長會議",
            held_on=dt.date(2024, 9, 9),
            topics=["大學數位轉型人才培育", "高雄在地半導體人才培育", "高雄智慧醫療發展應用"],
            partners=UNIVERSITIES_18,
        ),
        dict(
            series=series("net_zero"),
            kind="class",
            title="淨零公正轉型研習班",
            held_on=dt.date(2024, 7, 12),
            partners=["淨零學院"],
            participants=58,
        ),
        dict(
            series=series("net_zero"),
            kind="workshop",
            title="淨零公正轉型工作坊",
            held_on=dt.date(2024, 8, 23),
            partners=["淨零學院"],
            participants=55,
        ),
        dict(
            series=series("net_zero"),
            kind="forum",
            title="高雄永續心行動：淨零公正轉型，一同前行",
            held_on=dt.date(2024, 10, 16),
            venue="淨零學院",
            partners=["淨零學院"],
            participants=50,
        ),
        dict(
            series=series("net_zero_universities"),
            kind="activity",
            title="淨零永續系列活動（工作坊、綠色論壇、創意競賽、綠色市集）",
            held_on=dt.date(2024, 11, 15),
            partners=NET_ZERO_5,
        ),
        dict(series=series("service"), kind="course", title="提升服務研習", held_on=dt.date(2024, 6, 21)),
    ]
    for spec in events:
        services.event_record(actor=officer, agency=rdec, **spec)  # type: ignore[arg-type]
    ctx.progress(f"  研習與會議：{len(events)} 場")
