"""`yankao import KIND FILE…`: one command for every app's importers.

An app registers its importers on its AppConfig:

    importers = {"cases": "yankao.service.importers.import_cases_command"}

Each entry is a dotted path to either
- a file importer `(data: bytes, *, filename: str) -> result` with `result.created` and
  `result.skipped`, raising `yankao.core.tabular.ImportFailed` (every bad row with its line
  number; nothing imported) — the command reads FILE and reports; or
- a command importer `(argv: list[str], stdout, stderr) -> int` (its first parameter named
  `argv`) that parses its own arguments, for imports of folders, resumable jobs and the like.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from yankao.core.audit import audit_context
from yankao.core.tabular import ImportFailed


def registered_importers() -> dict[str, str]:
    found: dict[str, str] = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "importers", {}))
    return found


class Command(BaseCommand):
    help = "Import data: yankao import KIND FILE… (KIND: see `yankao import --list`)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", nargs="?")
        parser.add_argument("rest", nargs="*", metavar="ARG")
        parser.add_argument("--list", action="store_true", help="list the kinds of import")

    def run_from_argv(self, argv: list[str]) -> None:
        # everything after the kind belongs to the importer's own parser
        if len(argv) > 2 and not argv[2].startswith("-"):
            self._passthrough = argv[3:]
            argv = argv[:3]
        super().run_from_argv(argv)

    def handle(self, *args: Any, **options: Any) -> None:
        importers = registered_importers()
        if options["list"] or not options["kind"]:
            for kind in sorted(importers):
                self.stdout.write(kind)
            return
        kind = options["kind"]
        if kind not in importers:
            raise CommandError(f"沒有「{kind}」匯入；可用：{', '.join(sorted(importers)) or '（無）'}")
        argv = getattr(self, "_passthrough", None)
        if argv is None:
            argv = list(options["rest"])
        target = import_string(importers[kind])
        if next(iter(inspect.signature(target).parameters), "") == "argv":
            status = target(argv, self.stdout, self.stderr)
            if status:
                sys.exit(status)
            return
        self._import_file(kind, target, argv)

    def _import_file(self, kind: str, target: Any, argv: list[str]) -> None:
        if len(argv) != 1:
            raise CommandError(f"用法：yankao import {kind} FILE")
        path = Path(argv[0])
        if not path.is_file():
            raise CommandError(f"找不到檔案：{path}")
        with audit_context(channel="import", label=f"yankao import {kind} {path.name}"):
            try:
                result = target(path.read_bytes(), filename=path.name)
            except ImportFailed as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"匯入 {result.created} 筆，略過已存在的 {result.skipped} 筆。"))
