from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from yankao.core.audit import audit_context
from yankao.core.models import AuditEvent


class AuditContextMiddleware:
    """Attribute every change made while serving a request to its user and channel."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith("/admin/"):
            channel = AuditEvent.Channel.ADMIN
        elif path.startswith(("/api/", "/open311/")):
            channel = AuditEvent.Channel.API
        else:
            channel = AuditEvent.Channel.WEB
        with audit_context(user=getattr(request, "user", None), channel=channel):
            return self.get_response(request)
