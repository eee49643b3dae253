"""`yankao import <kind> FILE`: CSV (UTF-8, with or without BOM) or XLSX.

Each app offers importers by naming them in its AppConfig `importers` dict
(`importers = {"cases": "yankao.service.imports.import_cases"}`); an importer takes the file's
bytes and name and returns an object with `created` and `skipped`, or raises ImportFailed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from yankao.core.audit import audit_context
from yankao.core.tabular import ImportFailed


def importers() -> dict[str, str]:
    found: dict[str, str] = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "importers", {}) or {})
    return found


class Command(BaseCommand):
    help = "Import a CSV or XLSX file; a file with any bad row imports nothing and lists every bad row."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help=f"one of: {', '.join(sorted(importers()))}")
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        target = importers().get(options["kind"])
        if target is None:
            raise CommandError(f"沒有「{options['kind']}」匯入；可用：{', '.join(sorted(importers()))}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到檔案：{path}")
        with audit_context(channel="import", label=f"yankao import {options['kind']} {path.name}"):
            try:
                result = import_string(target)(path.read_bytes(), filename=path.name)
            except ImportFailed as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"匯入 {result.created} 筆，略過已存在的 {result.skipped} 筆。"))
