"""`yankao stats <name> --from DATE --to DATE --format json|csv`.

Each app offers its statistics by naming a function in its AppConfig `stats` dict
(`stats = {"service": "yankao.service.stats.stats_command_payload"}`), so this one command serves
every app that adds one.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string


def providers() -> dict[str, str]:
    found: dict[str, str] = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "stats", {}) or {})
    return found


class Command(BaseCommand):
    help = "Print an app's statistics for a period (dates ISO 2024-01-01 or ROC 113/01/01)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help=f"one of: {', '.join(sorted(providers()))}")
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--to", dest="end", required=True)
        parser.add_argument("--format", dest="fmt", default="json", choices=["json", "csv"])

    def handle(self, *args: Any, **options: Any) -> None:
        target = providers().get(options["name"])
        if target is None:
            raise CommandError(f"沒有「{options['name']}」統計；可用：{', '.join(sorted(providers()))}")
        try:
            text = import_string(target)(start=options["start"], end=options["end"], fmt=options["fmt"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(text)
