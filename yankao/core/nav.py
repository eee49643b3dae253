"""Navigation entries contributed by each app, so adding an app never edits the shared layout.

An app's AppConfig declares `nav = [NavItem(...), ...]`; the context processor collects those
the current user may see. `area` is "public" (the citizen site menu) or "office" (back office).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    area: str
    label: str
    url_name: str
    visible: Callable[[Any], bool] | None = None
    order: int = 100


def nav_for(user: Any, area: str) -> list[dict[str, str]]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(item for item in getattr(config, "nav", []) if item.area == area)
    result = []
    for item in sorted(items, key=lambda i: (i.order, i.label)):
        if item.visible is not None and not item.visible(user):
            continue
        try:
            result.append({"label": item.label, "url": reverse(item.url_name)})
        except NoReverseMatch:
            continue
    return result
