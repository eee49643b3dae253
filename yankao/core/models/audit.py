"""The append-only, hash-chained audit trail (稽核軌跡)."""

from __future__ import annotations

from typing import Any

from django.db import models


class AuditEvent(models.Model):
    """One change to one domain record. Never updated, never deleted.

    Written without a lock in the writer's own transaction (so writes in parallel never wait for one
    another), then sealed into the chain by `yankao.core.audit.audit_seal` — the task worker every
    minute, and every verification first: `seq` is the event's place in the chain and `hash` =
    SHA-256 over the previous event's hash and this event's canonical content, so an edited or
    removed sealed event breaks the chain; `yankao audit verify` finds the first break.
    """

    class Channel(models.TextChoices):
        WEB = "web", "網頁"
        ADMIN = "admin", "後台管理"
        API = "api", "API"
        IMPORT = "import", "匯入"
        CLI = "cli", "命令列"
        TASK = "task", "背景工作"
        DEMO = "demo", "示範資料"
        SYSTEM = "system", "系統"

    class Action(models.TextChoices):
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "刪除"
        EVENT = "event", "事件"

    seq = models.PositiveBigIntegerField("序號", unique=True, null=True, blank=True)  # None until sealed
    occurred_at = models.DateTimeField("時間", db_index=True)
    actor_id = models.BigIntegerField("操作者編號", null=True, blank=True)
    actor_label = models.CharField("操作者", max_length=200, blank=True)
    channel = models.CharField("管道", max_length=10, choices=Channel.choices)
    action = models.CharField("動作", max_length=10, choices=Action.choices)
    record_type = models.CharField("紀錄類型", max_length=100)
    record_id = models.CharField("紀錄編號", max_length=64)
    record_repr = models.CharField("紀錄名稱", max_length=300, blank=True)
    changes = models.JSONField("異動內容", default=dict)
    note = models.CharField("說明", max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["record_type", "record_id", "seq"])]
        verbose_name = "稽核事件"
        verbose_name_plural = "稽核事件"

    def __str__(self) -> str:
        return f"#{self.seq or '—'} {self.action} {self.record_type}:{self.record_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("audit events are append-only")


class AuditChainHead(models.Model):
    """The single row that holds the chain's tip; locked while pending events are sealed."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single_row")]

    def __str__(self) -> str:
        return f"audit head #{self.seq}"
