"""Benchmark: the registers' demo at scale 1 (per register), the big imports, the figures.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/registers_demo.py

Migrates a throw-away SQLite database under /tmp (or DATABASE_URL), loads the org demo, then
times each register's `populate` at scale 1, a re-import of the council's 1,273-row list and of
the document statistics (no-ops), `register_figures` and the risk-map page.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import django

DB = Path("/tmp/yankao-bench-registers.sqlite3")  # noqa: S108 - a throw-away benchmark database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB}")
if os.environ["DATABASE_URL"].endswith(str(DB)) and DB.exists():
    DB.unlink()
django.setup()

import importlib  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from yankao.core.audit import audit_context  # noqa: E402
from yankao.core.demo import DemoContext  # noqa: E402
from yankao.registers import REGISTER_APPS  # noqa: E402


def timed(label: str, fn, results: list[tuple[str, float]]):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    results.append((label, time.perf_counter() - start))
    return value


def main() -> None:
    results: list[tuple[str, float]] = []
    call_command("migrate", verbosity=0)
    ctx = DemoContext(scale=1, progress=lambda _: None)
    with audit_context(channel="demo", label="bench"):
        timed("org demo (prerequisite)", lambda: importlib.import_module("yankao.org.demo").populate(ctx), results)
        total = 0.0
        for app in REGISTER_APPS[1:]:
            module = importlib.import_module(f"{app}.demo")
            timed(f"populate {app.rsplit('.', 1)[1]}", lambda m=module: m.populate(ctx), results)
            total += results[-1][1]
        results.append(("registers populate, total", total))

        from yankao.org.models import Agency
        from yankao.registers.council import demo as council_demo
        from yankao.registers.council import services as council
        from yankao.registers.council.models import CouncilSession
        from yankao.registers.demo_support import commission_officer
        from yankao.registers.doctime import demo as doctime_demo
        from yankao.registers.doctime import services as doctime

        officer = commission_officer()
        session = CouncilSession.objects.get(term=4, number=3)
        data = council_demo._csv(ctx)
        timed(
            "council import 1,273 rows (all unchanged)",
            lambda: council.proposal_import(actor=officer, session=session, data=data, filename="x.csv"),
            results,
        )
        agencies = list(Agency.objects.exclude(kind=Agency.Kind.ENTERPRISE))
        stats = doctime_demo._file(ctx, agencies)
        rows = stats.count(b"\n") - 1
        timed(
            f"document statistics import {rows:,} rows (new values, updates)",
            lambda: doctime.stats_import(actor=officer, data=stats, filename="y.csv"),
            results,
        )

    from yankao.registers.figures import register_figures

    timed("register_figures(year=2024)", lambda: register_figures(year=2024), results)
    from conftest import login_as
    from yankao.registers.risks.models import AssessmentCycle

    client = login_as(Client(), officer)
    cycle = AssessmentCycle.objects.get(year=2024)
    client.get(f"/office/registers/risks/cycles/{cycle.pk}/")  # warm templates
    timed(
        "risk map page (2 SVG grids + tables)",
        lambda: client.get(f"/office/registers/risks/cycles/{cycle.pk}/"),
        results,
    )
    timed("risk summary PDF", lambda: client.get(f"/office/registers/risks/cycles/{cycle.pk}/summary.pdf"), results)
    for label, seconds in results:
        print(f"{label:55s} {seconds:8.3f} s")


if __name__ == "__main__":
    main()
