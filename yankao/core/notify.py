"""Notifications: email through Django's mail; SMS and LINE through pluggable senders.

A sender is any class with `send(to: str, message: str) -> None`; settings name one with
YANKAO_SMS_BACKEND / YANKAO_LINE_BACKEND. Messages go out after the transaction commits.
"""

from __future__ import annotations

import logging
from typing import ClassVar, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class Sender(Protocol):
    def send(self, to: str, message: str) -> None: ...


class ConsoleSender:
    def send(self, to: str, message: str) -> None:
        logger.info("notify to=%s: %s", to, message)


class MemorySender:
    """For tests: keeps what was sent."""

    outbox: ClassVar[list[tuple[str, str]]] = []

    def send(self, to: str, message: str) -> None:
        MemorySender.outbox.append((to, message))


class HttpSmsSender:
    """A generic HTTP SMS gateway (POST to SMS_API_URL with SMS_API_KEY)."""

    def send(self, to: str, message: str) -> None:
        import json
        import urllib.request

        body = json.dumps({"to": to, "message": message}).encode()
        request = urllib.request.Request(  # noqa: S310 - the configured gateway URL
            settings.YANKAO_SMS_API_URL,
            data=body,
            headers={"Authorization": f"Bearer {settings.YANKAO_SMS_API_KEY}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10):  # noqa: S310
            pass


def _sender(setting: str) -> Sender:
    return import_string(getattr(settings, setting))()


def notify(*, channel: str, to: str, subject: str, message: str) -> None:
    """Send after the current transaction commits (nothing goes out for a rolled-back change)."""

    def _send() -> None:
        if not to:
            return
        if channel == "email":
            send_mail(subject, message, None, [to])
        elif channel == "sms":
            _sender("YANKAO_SMS_BACKEND").send(to, message)
        elif channel == "line":
            _sender("YANKAO_LINE_BACKEND").send(to, message)
        else:
            raise ValueError(f"unknown notification channel {channel!r}")

    transaction.on_commit(_send)
