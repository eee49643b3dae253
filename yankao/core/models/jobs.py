"""Long jobs (imports, report rendering, demo generation): progress people can watch, and a
cursor so that a job interrupted half-way resumes instead of starting over."""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排隊中"
        RUNNING = "running", "執行中"
        DONE = "done", "完成"
        FAILED = "failed", "失敗"

    kind = models.CharField("工作類型", max_length=50)
    key = models.CharField("識別", max_length=200, help_text="the same key resumes the same job")
    label = models.CharField("名稱", max_length=200)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveBigIntegerField("總量", null=True, blank=True)
    done = models.PositiveBigIntegerField("已完成", default=0)
    cursor = models.JSONField("續行位置", default=dict, blank=True)
    summary = models.JSONField("摘要", default=dict, blank=True)
    errors = models.JSONField("錯誤", default=list, blank=True)
    message = models.CharField("訊息", max_length=500, blank=True)
    started_by_id = models.BigIntegerField(null=True, blank=True)
    agency_id = models.BigIntegerField(null=True, blank=True, help_text="whose job it is, for scoping")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "背景工作"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="jobrun_kind_key_unique")]

    def __str__(self) -> str:
        return f"{self.label}（{self.get_status_display()}）"

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(self.done * 100 / self.total))
