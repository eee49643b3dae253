"""Every write to the events register (the commission's courses, workshops and meetings)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yankao.org.models import Agency
from yankao.org.permissions import is_commission
from yankao.registers.events.models import Event, EventSeries, Partner


def event_record(
    *,
    actor: Any,
    series: EventSeries,
    agency: Agency,
    kind: str,
    title: str,
    held_on: dt.date,
    venue: str = "",
    speakers: Iterable[str] = (),
    topics: Iterable[str] = (),
    partners: Iterable[str] = (),
    participants: int | None = None,
    summary: str = "",
) -> Event:
    """Record one event with its speakers, topics, partners and participants."""
    if not is_commission(actor):
        raise PermissionDenied("僅研考會可以登錄研習與會議")
    if kind not in Event.Kind.values:
        raise ValidationError("未知的活動形式")
    if not title.strip():
        raise ValidationError("請填寫名稱")
    if participants is not None and participants < 0:
        raise ValidationError("參加人數不可為負")
    if Event.objects.filter(series=series, title=title.strip(), held_on=held_on).exists():
        raise ValidationError("同一天已登錄同名活動")
    names = [p.strip() for p in partners if p.strip()]
    with transaction.atomic():
        event = Event(
            series=series,
            agency=agency,
            kind=kind,
            title=title.strip(),
            held_on=held_on,
            venue=venue,
            speakers="\n".join(s.strip() for s in speakers if s.strip()),
            topics="\n".join(t.strip() for t in topics if t.strip()),
            participants=participants,
            summary=summary,
        )
        event.save()
        found = []
        for name in names:
            partner = Partner.objects.filter(name=name).first()
            if partner is None:
                partner = Partner(name=name, kind="大學" if "大學" in name else "機構")
                partner.save()
            found.append(partner)
        event.partners.set(found)
    return event
