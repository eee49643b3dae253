"""`yankao open311 key create NAME [--contact …] [--per-minute N]` prints a new API key;
`yankao open311 key list`, `yankao open311 key revoke NAME`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yankao.core.audit import audit_context
from yankao.open311 import selectors, services
from yankao.open311.models import ApiClient


class Command(BaseCommand):
    help = "Open311 API 金鑰：key create NAME｜key list｜key revoke NAME"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        key = sub.add_parser("key", help="API 金鑰")
        actions = key.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="發給新金鑰（只顯示一次）")
        create.add_argument("name")
        create.add_argument("--contact", default="")
        create.add_argument("--per-minute", type=int, default=None)
        actions.add_parser("list", help="列出金鑰")
        revoke = actions.add_parser("revoke", help="撤銷金鑰")
        revoke.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        with audit_context(channel="cli", label="yankao open311"):
            if action == "create":
                try:
                    client, raw = services.api_client_create(
                        actor=None, name=options["name"], contact=options["contact"], per_minute=options["per_minute"]
                    )
                except ValidationError as exc:
                    raise CommandError("；".join(exc.messages)) from None
                self.stderr.write(
                    f"已發給「{client.name}」新金鑰（每分鐘 {client.per_minute} 次）；請妥善保存，不會再顯示："
                )
                self.stdout.write(raw)
            elif action == "list":
                for c in selectors.client_list():
                    state = "有效" if c.is_active else "已撤銷"
                    self.stdout.write(f"{c.name}\t{c.key_prefix}…\t{c.per_minute}/分\t{state}")
            else:
                found = ApiClient.objects.filter(name=options["name"]).first()
                if found is None:
                    raise CommandError(f"沒有名為「{options['name']}」的應用程式")
                try:
                    client = services.api_client_revoke(actor=None, client=found)
                except ValidationError as exc:
                    raise CommandError("；".join(exc.messages)) from None
                self.stdout.write(f"已撤銷「{client.name}」")
