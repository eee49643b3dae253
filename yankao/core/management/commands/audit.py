from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yankao.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools: `yankao audit verify` checks the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"稽核軌跡完整：共驗證 {result.checked} 筆事件。"))
            return
        raise CommandError(
            f"稽核軌跡遭竄改：{result.reason}（已驗證 {result.checked} 筆，第一個問題在事件 #{result.first_bad_seq}）"
        )
