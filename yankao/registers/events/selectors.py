"""Reads of the events register and the figures of 壹、六 and 七, 貳、三 and 壹、四 (提升服務研習)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet, Sum

from yankao.registers.events.models import Event


def event_list(*, year: int | None = None, series: str | None = None) -> QuerySet[Event]:
    qs = Event.objects.select_related("series", "agency").annotate(n_partners=Count("partners"))
    if year:
        qs = qs.filter(held_on__year=year)
    if series:
        qs = qs.filter(series__code=series)
    return qs.order_by("held_on", "pk")


def event_count(*, year: int, series: str, kinds: list[str] | None = None) -> int:
    """Figures: 2 場兩岸事務研習課程; 1 場研習班及 1 場工作坊…"""
    qs = Event.objects.filter(held_on__year=year, series__code=series)
    return qs.filter(kind__in=kinds).count() if kinds else qs.count()


def participants_total(*, year: int, series: str, kinds: list[str] | None = None) -> int:
    """Figures: 兩場參訓人數共計 113 名; 座談參加人數共 50 名."""
    qs = Event.objects.filter(held_on__year=year, series__code=series)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.aggregate(n=Sum("participants"))["n"] or 0


def event_on(*, series: str, held_on: dt.date) -> Event | None:
    """Figure: 113 年市長與大學校長會議於 9 月 9 日舉行."""
    return Event.objects.filter(series__code=series, held_on=held_on).first()


def partner_count(*, event: Event) -> int:
    """Figure: 邀集本市 18 所大學校長; 與 5 所大學共同辦理."""
    return event.partners.count()


def topic_count(*, event: Event) -> int:
    """Figure: 3 個主題."""
    return len(event.topic_list)
