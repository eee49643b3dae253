from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo staff accounts (demo only)."

    def handle(self, *args: Any, **options: Any) -> None:
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        from yankao.org.demo import DEMO_TOTP_SECRET

        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30)))
