"""The government working-day calendar (辦公日曆) and the office hours that deadlines count in.

Both are configuration records: the yearly calendars come from the Directorate-General of
Personnel Administration (行政院人事行政總處) files, typhoon days off are declared by the city,
and office hours carry an `effective_from` date so that a change never rewrites old deadlines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.db import models
from django.db.models import F, Q

from .base import AuditedModel


def _calendar_changed() -> None:
    from yankao.core.workdays import calendar_cache_clear

    calendar_cache_clear()


class CalendarDay(AuditedModel):
    """One day of one year: working or not, and why."""

    class Kind(models.TextChoices):
        WORKDAY = "workday", "上班日"
        WEEKEND = "weekend", "例假日"
        HOLIDAY = "holiday", "放假日（紀念日、節日、補假）"
        MAKEUP_WORKDAY = "makeup_workday", "補行上班日"
        DECLARED_OFF = "declared_off", "宣布停止上班（颱風假等）"

    OFF_KINDS: ClassVar[tuple[str, ...]] = (Kind.WEEKEND, Kind.HOLIDAY, Kind.DECLARED_OFF)

    date = models.DateField("日期", unique=True)
    year = models.PositiveSmallIntegerField("年度（西元）", db_index=True, editable=False)
    is_day_off = models.BooleanField("放假")
    kind = models.CharField("類別", max_length=20, choices=Kind.choices)
    name = models.CharField("名稱／備註", max_length=100, blank=True, help_text="例如：春節、補假、補行上班、颱風假")
    source = models.CharField("來源", max_length=200, help_text="匯入的檔案，或宣布停止上班的依據")

    class Meta:
        verbose_name = verbose_name_plural = "辦公日曆"
        ordering: ClassVar[list[str]] = ["date"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(is_day_off=True, kind__in=["weekend", "holiday", "declared_off"])
                | Q(is_day_off=False, kind__in=["workday", "makeup_workday"]),
                name="calendar_day_kind_matches_day_off",
            ),
        ]

    def __str__(self) -> str:
        state = "放假" if self.is_day_off else "上班"
        return f"{self.date.isoformat()} {state}" + (f"（{self.name}）" if self.name else "")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.year = self.date.year
        super().save(*args, **kwargs)
        _calendar_changed()

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        result = super().delete(*args, **kwargs)
        _calendar_changed()
        return result


class OfficeHours(AuditedModel):
    """Office hours (辦公時間) from `effective_from` until the next record takes over.

    Working-hour deadlines count only inside [start, lunch_start) and [lunch_end, end) on working
    days. Defaults are the civil-service hours 08:30–17:30 with the 12:30–13:30 lunch break.
    """

    name = models.CharField("名稱", max_length=100)
    effective_from = models.DateField("生效日", unique=True)
    start = models.TimeField("上班時間", default=dt.time(8, 30))
    lunch_start = models.TimeField("午休開始", default=dt.time(12, 30))
    lunch_end = models.TimeField("午休結束", default=dt.time(13, 30))
    end = models.TimeField("下班時間", default=dt.time(17, 30))

    class Meta:
        verbose_name = verbose_name_plural = "辦公時間"
        ordering: ClassVar[list[str]] = ["effective_from"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=Q(start__lt=F("lunch_start"))
                & Q(lunch_start__lte=F("lunch_end"))
                & Q(lunch_end__lt=F("end")),
                name="office_hours_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.effective_from.isoformat()} 起）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        _calendar_changed()

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        result = super().delete(*args, **kwargs)
        _calendar_changed()
        return result
