"""The demo city: each app contributes a `demo.py` with `populate(ctx)`; `yankao demo` runs them
in INSTALLED_APPS order (core ← org ← domain apps ← reports), each step idempotent so that an
interrupted run resumes where it stopped."""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps


@dataclass
class DemoContext:
    scale: float
    seed: int = 113
    progress: Callable[[str], None] = print
    shared: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def count(self, base: int) -> int:
        return max(1, round(base * self.scale))


def demo_modules() -> list[Any]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("yankao."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    return modules


def run_demo(ctx: DemoContext) -> None:
    from yankao.core.audit import audit_context

    with audit_context(channel="demo", label="yankao demo"):
        for module in demo_modules():
            if hasattr(module, "populate"):
                ctx.progress(f"» {module.__name__}")
                module.populate(ctx)
