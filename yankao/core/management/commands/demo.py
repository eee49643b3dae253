from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yankao.core.demo import DemoContext, run_demo


class Command(BaseCommand):
    help = "Fill the configured database with the demo city (idempotent: re-running resumes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1 = a few hundred records per app")
        parser.add_argument("--seed", type=int, default=113)

    def handle(self, *args: Any, **options: Any) -> None:
        ctx = DemoContext(scale=options["scale"], seed=options["seed"], progress=lambda m: self.stdout.write(m))
        run_demo(ctx)
        self.stdout.write(self.style.SUCCESS("示範資料已就緒。"))
