from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yankao.core.audit import audit_context
from yankao.org.services import KAOHSIUNG_FILE, OrgDataError, org_load_city_file


class Command(BaseCommand):
    help = "Organisation data: `yankao org load [FILE]` loads a city (default: Kaohsiung)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument("file", nargs="?", default=str(KAOHSIUNG_FILE))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with audit_context(channel="import", label="yankao org load"):
                result = org_load_city_file(path=Path(options["file"]))
        except OrgDataError as exc:
            raise CommandError("組織資料有誤，未匯入任何資料：\n" + "\n".join(exc.errors)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已載入 {result.city.name}：{result.districts} 個行政區、{result.agencies} 個機關、{result.units} 個單位"
            )
        )
