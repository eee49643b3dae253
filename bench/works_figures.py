"""Benchmark of the works app on the demo city of 113:

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/works_figures.py

Builds a throw-away SQLite database under /tmp, runs the org and works demo (timed), then times
the reads the commission's overview and the annual report make, the inspection planning ranking,
the back-office list pages through the test client, and a PCC tender-system import of 5,000 rows
(all new, then the same file again: nothing changes).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/yankao-bench-works.sqlite3")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from yankao.core.audit import audit_context  # noqa: E402
from yankao.core.demo import DemoContext  # noqa: E402


def timed(label: str, fn: Callable[[], object], repeat: int = 5) -> None:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    print(f"| {label} | median {statistics.median(runs) * 1000:.0f} ms (min {min(runs) * 1000:.0f}, n={repeat}) |")


def main() -> None:
    path = os.environ["DATABASE_URL"].removeprefix("sqlite:///")
    if os.path.exists(path):
        os.remove(path)
    call_command("migrate", verbosity=0)
    from yankao.org import demo as org_demo
    from yankao.works import demo as works_demo

    ctx = DemoContext(scale=1.0, progress=lambda m: None)
    with audit_context(channel="demo", label="bench"):
        org_demo.populate(ctx)
        start = time.perf_counter()
        works_demo.populate(ctx)
        print(f"| works demo populate, scale 1 (SQLite, test settings) | {time.perf_counter() - start:.1f} s |")

    from yankao.org.models import User
    from yankao.works.models import ProgressReport, Project
    from yankao.works.selectors.figures import works_figures
    from yankao.works.selectors.inspections import inspection_candidates
    from yankao.works.selectors.projects import filing_rate_by_month

    print(f"| records | {Project.objects.count()} projects, {ProgressReport.objects.count()} monthly filings |")
    timed("`works_figures(year=113)` (every figure of section 肆)", lambda: works_figures(year=113))
    timed("`filing_rate_by_month(year=113)`", lambda: filing_rate_by_month(year=113))
    today = dt.date.today()
    print(
        f"| projects ranked by `inspection_candidates(on=today)` | {len(inspection_candidates(on=today, limit=1000))} |"
    )
    timed("`inspection_candidates(on=today)`", lambda: inspection_candidates(on=today))

    commission = User.objects.get(username="rdec-officer")
    client = Client()
    client.force_login(commission)
    from allauth.mfa.totp.internal.auth import TOTP

    from yankao.org.middleware import MFA_FRESH_SESSION_KEY

    if not commission.authenticator_set.exists():  # type: ignore[attr-defined]
        TOTP.activate(commission, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    session = client.session
    session[MFA_FRESH_SESSION_KEY] = True
    session.save()
    for url in [
        "/office/works/?year=113",
        "/office/works/?year=113&format=xlsx",
        "/office/works/?year=113&doc=pdf",
        "/office/works/projects/",
        "/office/works/inspections/?year=113",
        "/office/works/inspections/?year=113&format=xlsx",
        "/office/works/filing/?year=113&month=113/05",
    ]:

        def get(url: str = url) -> None:
            assert client.get(url).status_code == 200

        timed(f"GET `{url}`", get, repeat=3)

    from yankao.works.services import progress_import

    projects = list(Project.objects.filter(tender_number__startswith="NOW-").values_list("tender_number", flat=True))
    rows = ["標案案號,填報年月,預定進度,實際進度,填報日期"]
    extra = []
    for n in range(5000):
        number = f"BENCH-{n:05d}"
        extra.append(number)
        rows.append(f"{number},113/06,{n % 100},{n % 90},113/07/05")
    del projects
    from decimal import Decimal

    from yankao.org.models import Agency
    from yankao.works.services import project_create

    pwb = Agency.objects.get(code="PWB")
    with audit_context(channel="cli", label="bench"):
        for number in extra:
            project_create(
                actor=commission,
                tender_number=number,
                name=number,
                agency=pwb,
                contract_amount=Decimal(3_000_000),
                award_date=dt.date(2024, 1, 2),
                start_date=dt.date(2024, 1, 10),
            )
        data = ("\n".join(rows) + "\n").encode()
        start = time.perf_counter()
        first = progress_import(actor=commission, data=data, filename="pcc.csv")
        print(f"| PCC import, 5,000 new rows (CSV) | {time.perf_counter() - start:.2f} s — {first} |")
        start = time.perf_counter()
        again = progress_import(actor=commission, data=data, filename="pcc.csv")
        print(f"| the same file again | {time.perf_counter() - start:.2f} s — {again} |")


if __name__ == "__main__":
    main()
