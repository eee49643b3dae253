"""Benchmark: the commission dashboard and the monthly analysis (page and PDF) for 2,000
programmes a year × 10 years of monthly reports (20,000 programme-years, 240,000 reports).

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/programmes_dashboard.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_bench_programmes ... (PostgreSQL)

The workload is written through the bulk paths the importer uses (programmes and plan months
with one audit event per batch, reports through `reports_bulk_load`, which checks every row).
Timings are of full requests through Django's test client (middleware, templates), median of 5
after one warm-up; the target is page ≤ 300 ms, PDF ≤ 10 s. Set BENCH_KEEP=1 to reuse the data.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/yankao-bench-programmes.sqlite3")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from yankao.core.audit import audit_context, record_event  # noqa: E402
from yankao.org.models import Agency, Role, User  # noqa: E402
from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file, user_create_staff  # noqa: E402
from yankao.programmes.models import DelayReason, ImportBatch, PlanMonth, Programme  # noqa: E402
from yankao.programmes.services.reports import ReportFigures, ReportRow, reports_bulk_load  # noqa: E402

PER_YEAR = int(os.environ.get("BENCH_PROGRAMMES", "2000"))
YEARS = list(range(105, 115))  # 10 ROC years: 2016–2025
D = Decimal


def build(officer: User) -> None:
    rng = random.Random(113)
    agencies = list(Agency.objects.filter(kind=Agency.Kind.FIRST_LEVEL))
    reason = DelayReason.objects.get(code="01")
    for roc in YEARS:
        year = roc + 1911
        start = time.perf_counter()
        with transaction.atomic():
            programmes = Programme.objects.bulk_create(
                [
                    Programme(
                        code=f"B{roc}-{i:05d}",
                        name=f"基準測試計畫 {roc}-{i}",
                        year=roc,
                        lead_agency=rng.choice(agencies),
                        start_date=dt.date(year, 1, 1),
                        end_date=dt.date(year, 12, 31),
                        report_due_day=10,
                        total_public=D(120_000_000),
                        year_public=D(120_000_000),
                    )
                    for i in range(PER_YEAR)
                ],
                batch_size=1000,
            )
            if connection.vendor == "sqlite":  # bulk_create returns no pks on older paths; reload
                programmes = list(Programme.objects.filter(year=roc).order_by("pk"))
            PlanMonth.objects.bulk_create(
                [
                    PlanMonth(programme=p, month=dt.date(year, m, 1), planned_pct=D(m * 100) / 12)
                    for p in programmes
                    for m in range(1, 13)
                ],
                batch_size=5000,
            )
            batch = ImportBatch(
                kind="bench_programmes", filename=f"bench {roc}", rows=len(programmes), imported_by=officer
            )
            batch.save()
            record_event(batch, note=f"基準測試：批次建立 {len(programmes)} 個列管計畫與預定進度")
        rows = []
        for p in programmes:
            lag, previous = (rng.choice([0, 0, 0, 0, 0, 0, 0, 6, 12]), D(0))
            for m in range(1, 13):
                planned = (D(m * 100) / 12).quantize(D("0.01"))
                actual = max(previous, planned - lag - rng.randint(0, 3)).quantize(D("0.01"))
                previous = actual
                figures = ReportFigures(
                    actual_pct=max(actual, D(0)),
                    budget_allocated=D(10_000_000 * m),
                    budget_spent=D(rng.randint(5, 10) * 1_000_000 * m),
                )
                if planned - figures.actual_pct >= 5:
                    figures.delay_reason, figures.countermeasure = reason, "趕工"
                rows.append(ReportRow(p, dt.date(year, m, 1), figures))
        reports_bulk_load(actor=officer, rows=rows, label=f"bench {roc}", check_permission=False)
        print(
            f"  {roc}: {len(programmes):,} programmes, {len(rows):,} reports in {time.perf_counter() - start:.1f} s",
            flush=True,
        )


def timed(client: Client, url: str, runs: int = 5) -> tuple[float, int]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(samples), len(response.content)


def main() -> None:
    call_command("migrate", verbosity=0)
    with audit_context(channel="cli", label="bench"):
        org_load_city_file(path=KAOHSIUNG_FILE)
        officer = User.objects.filter(username="bench-officer").first()
        if officer is None:
            rdec = Agency.objects.get(kind=Agency.Kind.COMMISSION)
            officer = user_create_staff(
                username="bench-officer", password="pw-bench-12345", agency=rdec, roles=[Role.COMMISSION_OFFICER]
            )
        if not (os.environ.get("BENCH_KEEP") and Programme.objects.filter(code__startswith="B").exists()):
            Programme.objects.filter(code__startswith="B").delete() if Programme.objects.exists() else None
            start = time.perf_counter()
            build(officer)
            print(f"workload built in {time.perf_counter() - start:.1f} s")
    from conftest import login_as

    client = login_as(Client(), officer)
    from yankao.programmes.models import MonthlyReport

    print(
        f"database: {connection.vendor}; programmes {Programme.objects.count():,}; reports {MonthlyReport.objects.count():,}"
    )
    for label, url, runs in [
        ("dashboard page (114/06)", "/office/programmes/dashboard/?month=114-06", 5),
        ("monthly analysis page (114/06)", "/office/programmes/analysis/2025-06/", 5),
        ("monthly analysis PDF (114/06)", "/office/programmes/analysis/2025-06/?format=pdf", 3),
        ("monthly analysis ODT (114/06)", "/office/programmes/analysis/2025-06/?format=odt", 3),
        ("programme list page", "/office/programmes/?year=114", 5),
    ]:
        seconds, size = timed(client, url, runs)
        print(f"{label}: {seconds * 1000:,.0f} ms median of {runs} ({size:,} bytes)")


if __name__ == "__main__":
    main()
