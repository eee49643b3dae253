"""Per-process snapshots of rarely changed rule tables that hot paths read on every request.

A snapshot is loaded on first use and kept by the process. A change saved or deleted through the
ORM in this process drops it at once (post_save / post_delete of the watched models); other
processes (web and task workers) reload theirs when it is older than the setting named by
`ttl_setting` (seconds). Tests drop every snapshot before each test (`snapshots_clear_all`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.db import models

_ALL: list[ProcessSnapshot[Any]] = []


class ProcessSnapshot[T]:
    def __init__(
        self,
        name: str,
        loader: Callable[[], T],
        *,
        ttl_setting: str,
        default_ttl: int = 30,
        key: Callable[[], Hashable] = lambda: None,
    ) -> None:
        self.name = name
        self._loader = loader
        self._ttl_setting = ttl_setting
        self._default_ttl = default_ttl
        self._key = key
        self._value: tuple[Hashable, float, T] | None = None
        self._lock = threading.Lock()
        _ALL.append(self)

    def get(self) -> T:
        key = self._key()
        held = self._value
        ttl = getattr(settings, self._ttl_setting, self._default_ttl)
        if held is None or held[0] != key or time.monotonic() - held[1] > ttl:
            with self._lock:
                value = self._loader()
                self._value = held = (key, time.monotonic(), value)
        return held[2]

    def clear(self, **_: Any) -> None:
        self._value = None

    def watch(self, *watched: type[models.Model]) -> None:
        """Drop the snapshot when a row of these models is saved or deleted in this process."""
        from django.db.models.signals import post_delete, post_save

        for model in watched:
            uid = f"snapshot-{self.name}-{model._meta.label}"
            post_save.connect(self.clear, sender=model, dispatch_uid=f"{uid}-save", weak=False)
            post_delete.connect(self.clear, sender=model, dispatch_uid=f"{uid}-delete", weak=False)


def snapshots_clear_all() -> None:
    for snapshot in _ALL:
        snapshot.clear()
