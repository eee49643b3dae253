"""Background jobs of `core`, run by the django.tasks worker; periodic ones via crontask."""

from __future__ import annotations

import logging

from crontask import cron
from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task

from yankao.core.audit import audit_seal, verify_chain

logger = logging.getLogger(__name__)


@cron("* * * * *")  # every minute
@task
def audit_seal_pending() -> dict[str, int]:
    """Link the audit events written since the last seal into the hash chain."""
    return {"sealed": audit_seal()}


@cron("17 2 * * *")  # every night at 02:17 Asia/Taipei
@task
def audit_verify_nightly() -> dict[str, object]:
    """Verify the audit hash chain; mail the security contacts if it is broken."""
    result = verify_chain()
    if not result.ok:
        logger.error("audit chain broken: %s", result.reason)
        if settings.YANKAO_SECURITY_EMAILS:
            send_mail(
                "【yankao】稽核軌跡驗證失敗",
                f"{result.reason}\n已驗證 {result.checked} 筆；第一個問題在事件 #{result.first_bad_seq}。",
                None,
                settings.YANKAO_SECURITY_EMAILS,
            )
    return {"ok": result.ok, "checked": result.checked, "first_bad_seq": result.first_bad_seq}
