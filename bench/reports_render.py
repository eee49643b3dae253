"""How long does the annual report take to render in each format?

    DATABASE_URL=sqlite:////tmp/yk-bench.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.dev \
        .venv/bin/python bench/reports_render.py [--runs 3]

Needs a migrated database with the demo loaded (`yankao migrate && yankao demo --scale 1`): it
times `build_document` (figure evaluation) and each renderer for the commission's 113 report, the
median of `--runs` runs. A final report reads its frozen figures; `--live` (the default here as well
as the frozen run) also times computing all 104 figures and the year's charts from the records —
the issue's workload at scale 1 (≈ 400 k cases, ≈ 930 k calls, 132 programmes, 200 inspections).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.conf import settings  # noqa: E402

from yankao.org.selectors import commission_agency  # noqa: E402
from yankao.reports.figures import registry  # noqa: E402
from yankao.reports.rendering import build_document, render  # noqa: E402
from yankao.reports.selectors import annual_report  # noqa: E402


def timed(fn: object, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    report = annual_report(year=113, agency=commission_agency(settings.YANKAO_CITY_CODE))
    if report is None:
        sys.exit("no 113 annual report: run `yankao demo` first")
    print(f"{platform.python_version()} {settings.DATABASES['default']['ENGINE']} {os.cpu_count()} CPUs")
    print(f"figures registered {len(registry.all())}, pending {len(registry.pending())}; items {report.items.count()}")
    print(f"report status {report.status}; service calls {_calls():,}, cases {_cases():,}")
    live, _ = timed(lambda: build_document(report, live=True), runs)
    print(f"build_document live (104 figures + year charts from the records): {live:.3f} s")
    build, doc = timed(lambda: build_document(report), runs)
    print(f"build_document (figures {'frozen' if report.is_final else 'live'} + outline): {build:.3f} s")
    for fmt in ("html", "json", "odt", "docx", "pdf"):
        seconds, data = timed(lambda fmt=fmt: render(doc, fmt), runs)  # type: ignore[misc]
        print(f"{fmt:5} {seconds + build:7.3f} s end to end ({seconds:.3f} s render), {len(data):,} bytes")  # type: ignore[arg-type]


def _calls() -> int:
    from yankao.service.models import Call

    return Call.objects.count()


def _cases() -> int:
    from yankao.service.models import Case

    return Case.objects.count()


if __name__ == "__main__":
    main()
