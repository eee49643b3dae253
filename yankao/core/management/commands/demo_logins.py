from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Print the demo URL and the demo sign-ins of every role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **options: Any) -> None:
        from yankao.org.demo import DEMO_CITIZENS, DEMO_PASSWORD, DEMO_STAFF, DEMO_TOTP_SECRET
        from yankao.org.models import Role

        w = self.stdout.write
        w("")
        w(self.style.SUCCESS(f"yankao 已啟動：{options['url']}"))
        w(f"所有示範帳號的密碼：{DEMO_PASSWORD}")
        w(f"機關人員需兩步驟驗證（TOTP）；把此金鑰加入驗證器 App：{DEMO_TOTP_SECRET}")
        w("  或用命令取得目前的驗證碼：.venv/bin/yankao demo_totp")
        w("")
        w(f"{'帳號':<14}{'角色':<14}機關")
        for staff in DEMO_STAFF:
            roles = "、".join(Role(r).label for r in staff.roles)
            w(f"{staff.username:<16}{roles:<12}{staff.agency_name}")
        for username, name, _ in DEMO_CITIZENS:
            w(f"{username:<16}{'市民':<12}{name}（Email 登入）")
        w("")
