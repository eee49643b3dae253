from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from yankao.core.nav import nav_for
from yankao.org import permissions


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "site_name": settings.YANKAO_SITE_NAME,
        "is_staff_member": permissions.is_staff_member(user),
        "is_commission": permissions.is_commission(user),
        "public_nav": nav_for(user, "public"),
        "office_nav": nav_for(user, "office") if permissions.is_staff_member(user) else [],
    }
