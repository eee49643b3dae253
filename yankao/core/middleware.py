from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
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


# Machine-to-machine API paths: a client there signs with its API key, never with a session, so
# the session, sign-in and messages layers have nothing to do for it (a POST to Open311
# paid for them on every request). Security headers, locale and the audit context still apply.
API_PREFIXES = ("/open311/v2/",)


class _SkipsApi:
    """Mixed into a Django middleware: an API request goes straight past it."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIXES):
            return self.get_response(request)  # type: ignore[attr-defined,no-any-return]
        return super().__call__(request)  # type: ignore[misc]


class SessionMiddlewareExceptApi(_SkipsApi, SessionMiddleware):
    pass


class AuthenticationMiddlewareExceptApi(_SkipsApi, AuthenticationMiddleware):
    pass


class MessageMiddlewareExceptApi(_SkipsApi, MessageMiddleware):
    pass
