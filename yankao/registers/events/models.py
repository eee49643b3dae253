"""研習與會議: the courses, workshops and meetings the commission runs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class EventSeries(AuditedModel):
    """A programme of events (兩岸事務研習, 市長與大學校長會議, 淨零公正轉型, 提升服務研習), as data."""

    code = models.CharField("代碼", max_length=30, unique=True)
    name = models.CharField("名稱", max_length=60)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "活動系列"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Partner(AuditedModel):
    """A partner organisation (a university, 淨零學院…)."""

    name = models.CharField("名稱", max_length=100, unique=True)
    kind = models.CharField("類別", max_length=20, default="大學")

    class Meta:
        verbose_name = verbose_name_plural = "合作單位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Event(AuditedModel):
    class Kind(models.TextChoices):
        COURSE = "course", "研習課程"
        CLASS = "class", "研習班"
        WORKSHOP = "workshop", "工作坊"
        MEETING = "meeting", "會議"
        FORUM = "forum", "座談"
        ACTIVITY = "activity", "系列活動"

    series = models.ForeignKey(EventSeries, on_delete=models.PROTECT, related_name="events")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="events", verbose_name="主辦機關")
    kind = models.CharField("形式", max_length=10, choices=Kind.choices)
    title = models.CharField("名稱", max_length=200)
    held_on = models.DateField("日期")
    venue = models.CharField("地點", max_length=100, blank=True)
    speakers = models.TextField("講者（每行一位）", blank=True)
    topics = models.TextField("主題（每行一項）", blank=True)
    partners = models.ManyToManyField(Partner, related_name="events", blank=True, verbose_name="合作／與會單位")
    participants = models.PositiveIntegerField("參加人數", null=True, blank=True)
    summary = models.TextField("成果摘要", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "研習與會議"
        ordering = ["-held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=0) | Q(participants__isnull=True), name="event_participants"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.splitlines() if t.strip()]

    @property
    def speaker_list(self) -> list[str]:
        return [s.strip() for s in self.speakers.splitlines() if s.strip()]
