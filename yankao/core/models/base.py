"""Base model classes shared by every domain app."""

from __future__ import annotations

from typing import Any

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("建立時間", auto_now_add=True)
    updated_at = models.DateTimeField("更新時間", auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(TimeStampedModel):
    """A domain record whose every save and delete writes a hash-chained audit event.

    The event is written in the same transaction as the change, whatever path made it
    (a service, the admin, an import, the demo), so no change escapes the trail.
    Fields listed in `audit_exclude` are not recorded (e.g. password hashes).
    """

    audit_exclude: tuple[str, ...] = ("created_at", "updated_at")

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, *, fetch_mode: Any = None) -> Any:
        if fetch_mode is None:
            instance = super().from_db(db, field_names, values)
        else:
            instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        instance._audit_loaded = instance.audit_snapshot()
        return instance

    def save(self, *args: Any, **kwargs: Any) -> None:  # noqa: DJ012
        from yankao.core.audit import record_save

        before = getattr(self, "_audit_loaded", None)
        creating = self._state.adding or before is None
        with record_save(self, before=None if creating else before, creating=creating):
            super().save(*args, **kwargs)
        self._audit_loaded = self.audit_snapshot()

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        from yankao.core.audit import record_delete

        with record_delete(self):
            return super().delete(*args, **kwargs)

    def audit_snapshot(self) -> dict[str, Any]:
        from yankao.core.audit import snapshot

        return snapshot(self)
