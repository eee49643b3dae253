"""`yankao import KIND FILE…`: one command for every app's importers.

An app registers its importers on its AppConfig:

    importers = {"cases": "yankao.service.importers.import_cases_command"}

Each entry is a dotted path to a function `(argv: list[str], stdout, stderr) -> int` that parses
its own arguments (argparse) and returns an exit status; atomic imports print every bad row with
its line number and import nothing.
"""

from __future__ import annotations

import sys
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string


def registered_importers() -> dict[str, str]:
    found: dict[str, str] = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "importers", {}))
    return found


class Command(BaseCommand):
    help = "Import data: yankao import KIND FILE… (KIND: see `yankao import --list`)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", nargs="?")
        parser.add_argument("args", nargs="*")
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
            raise CommandError(f"沒有「{kind}」這種匯入；可用：{', '.join(sorted(importers)) or '（無）'}")
        argv = getattr(self, "_passthrough", None)
        if argv is None:
            argv = list(options["args"])
        status = import_string(importers[kind])(argv, self.stdout, self.stderr)
        if status:
            sys.exit(status)
