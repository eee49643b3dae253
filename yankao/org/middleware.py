"""Staff must sign in with a second factor (TOTP): until one is set up and used, the back
office sends them to set it up."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from yankao.org.permissions import is_staff_member

SECOND_FACTOR_EXEMPT = ("/accounts/", "/static/", "/i18n/", "/healthz", "/media/")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if is_staff_member(user) and not request.path.startswith(SECOND_FACTOR_EXEMPT):
            from allauth.mfa.utils import is_mfa_enabled

            if not is_mfa_enabled(user):
                return redirect("mfa_activate_totp")
            if not _session_used_mfa(request):
                # signed in before MFA was set up (or by a path that skipped it): sign in again
                from django.contrib.auth import logout

                logout(request)
                return redirect(f"/accounts/login/?next={request.path}")
        return self.get_response(request)


def _session_used_mfa(request: HttpRequest) -> bool:
    from allauth.account.internal.flows.login import get_authentication_records

    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(r.get("method") == "mfa" for r in records) or bool(request.session.get(MFA_FRESH_SESSION_KEY))


MFA_FRESH_SESSION_KEY = "yankao_mfa_activated_in_session"


def mark_mfa_activated(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """Setting up TOTP proves the second factor for the session it was set up in."""
    if request is not None and hasattr(request, "session"):
        request.session[MFA_FRESH_SESSION_KEY] = True
