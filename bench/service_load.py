"""Benchmark of the service app on PostgreSQL: 1 M cases and 3 M calls, then the three targets.

    .venv/bin/python bench/service_load.py            # load (if not loaded yet) and measure
    .venv/bin/python bench/service_load.py --reload   # drop the bench database first
    .venv/bin/python bench/service_load.py --load-only     # load, measure later (on a quiet machine)
    .venv/bin/python bench/service_load.py --measure-only  # measure what is loaded

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/yk_bench_service. The volumes are
written through the bulk path the demo and the importers use (`cases_bulk_create`,
`calls_bulk_create`: one audit event per batch), spread over 2022–2024. Then:

1. case creation through the service layer (`case_create`, one audit event per case), cases/s;
2. the agency inbox, first page, filtered: the selector's page + count, and the whole view;
3. the statistics JSON for one year (2024), the selector and the API view.

Timings are medians of repeated runs on a warm database; nothing here is asserted.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/yk_bench_service")
os.environ.setdefault("YANKAO_VAR_DIR", "/tmp/yankao-bench-var")  # noqa: S108 - a throw-away benchmark

N_CASES = int(os.environ.get("BENCH_CASES", "1000000"))
N_CALLS = int(os.environ.get("BENCH_CALLS", "3000000"))
N_CREATE = int(os.environ.get("BENCH_CREATE", "2000"))  # per process
CREATE_PROCS = [int(n) for n in os.environ.get("BENCH_CREATE_PROCS", "1,2,4").split(",")]
YEARS = (2022, 2023, 2024)


def ensure_database(reload: bool) -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reload:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def timed(label: str, fn, repeat: int = 1):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"{label}: median {median * 1000:.1f} ms over {repeat} (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})"
    )
    return result, median


def load() -> None:
    import datetime as dt

    from django.db import connection

    from yankao.core.audit import audit_context
    from yankao.core.workdays import TAIPEI
    from yankao.service.demo import _Lookups
    from yankao.service.models import Call, Case
    from yankao.service.services import calls_bulk_create, cases_bulk_create, format_case_number

    if Case.objects.count() >= N_CASES and Call.objects.count() >= N_CALLS:
        print(f"already loaded: {Case.objects.count():,} cases, {Call.objects.count():,} calls")
        return
    rng = random.Random(113)
    look = _Lookups()
    first = dt.datetime(YEARS[0], 1, 1, tzinfo=TAIPEI)
    span = int((dt.datetime(YEARS[-1] + 1, 1, 1, tzinfo=TAIPEI) - first).total_seconds())
    statuses = ["assigned", "accepted", "in_progress", "replied", "received"]
    start = time.perf_counter()
    batch = 20_000
    seq: dict[dt.date, int] = {}
    case_ids: list[int] = []
    with audit_context(channel="cli", label="bench/service_load.py"):
        for offset in range(0, N_CASES, batch):
            cases = []
            for _ in range(min(batch, N_CASES - offset)):
                kind = "dispatch" if rng.random() < 0.3 else "petition"
                if kind == "dispatch":
                    category = rng.choice(look.urgent) if rng.random() < 0.7 else rng.choice(look.dispatch)
                else:
                    category = rng.choice(look.petition)
                district = rng.choice(look.districts)
                received = first + dt.timedelta(seconds=rng.randrange(span))
                day = received.date()
                seq[day] = seq.get(day, 0) + 1
                rule = look.rules[category.deadline_rule_code]
                case = Case(
                    number=format_case_number(day, seq[day]),
                    channel=rng.choice(["phone"] * 8 + ["mayor_mailbox", "digital_citizen", "counter"]),
                    type=kind,
                    category_id=category.pk,
                    description=f"{category.name}（基準測試）",
                    district_id=district.pk,
                    agency_id=look.agency_id(category, district) or look.agency_id(look.petition[0], district),
                    is_urgent=category.is_urgent_hazard,
                    received_at=received,
                    assigned_at=received,
                    deadline_rule_code=rule.code,
                    deadline_amount=rule.amount,
                    deadline_unit=rule.unit,
                    deadline_at=look.deadline(rule.code, received),
                    verification_code="BENCH000",
                )
                if rng.random() < 0.95:
                    case.status = "closed"
                    case.closed_at = case.replied_at = received + dt.timedelta(hours=rng.uniform(0.5, 300))
                else:
                    case.status = rng.choice(statuses)
                    if case.status == "received":
                        case.agency_id = None
                cases.append(case)
            cases_bulk_create(cases, label="bench")
            case_ids.extend(c.pk for c in cases if c.channel == "phone")
            print(f"  cases {offset + len(cases):,} ({time.perf_counter() - start:.0f} s)", flush=True)
        types = ["consultation"] * 32 + ["case"] * 41 + ["other"] * 27
        batch = 50_000
        for offset in range(0, N_CALLS, batch):
            calls = []
            for i in range(min(batch, N_CALLS - offset)):
                kind = rng.choice(types)
                started = first + dt.timedelta(seconds=rng.randrange(span))
                calls.append(
                    Call(
                        call_id=f"B{offset + i:09d}",
                        started_at=started,
                        ended_at=started + dt.timedelta(seconds=rng.randint(45, 900)),
                        type=kind,
                        resolved_on_line=(rng.random() < 0.999) if kind == "consultation" else None,
                        case_id=rng.choice(case_ids) if kind == "case" else None,
                        satisfied=(rng.random() < 0.985) if rng.random() < 0.02 else None,
                        operator_code=f"OP{rng.randint(1, 54):02d}",
                    )
                )
            calls_bulk_create(calls, label="bench")
            print(f"  calls {offset + len(calls):,} ({time.perf_counter() - start:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")  # as autovacuum would after a bulk load: index-only counts
    print(f"loaded in {time.perf_counter() - start:.0f} s")


def staff(username: str, agency_code: str, role: str):
    from yankao.org.models import Agency, User
    from yankao.org.services import user_create_staff

    found = User.objects.filter(username=username).first()
    return found or user_create_staff(
        username=username, password="bench-password-1", agency=Agency.objects.get(code=agency_code), roles=[role]
    )


def _create_worker(args: tuple[int, list[int], object, object]) -> None:
    from yankao.core.audit import audit_context
    from yankao.service.models import Category
    from yankao.service.services import case_create

    seed, category_ids, ready, go = args
    rng = random.Random(seed)
    categories = list(Category.objects.filter(pk__in=category_ids))
    places = [(22.6206, 120.3126), (22.6273, 120.3571), (22.7270, 120.3190)]
    case_create(actor=None, channel="phone", category=categories[0], description="warm-up", lat=22.6206, lng=120.3126)
    ready.put(seed)  # type: ignore[attr-defined]
    go.wait()  # type: ignore[attr-defined]
    with audit_context(channel="cli", label="bench"):
        for i in range(N_CREATE):
            lat, lng = rng.choice(places)
            case_create(
                actor=None,
                channel="phone",
                category=rng.choice(categories),
                description=f"基準測試案件 {seed}-{i}",
                lat=lat,
                lng=lng,
                contact_name="測試",
                contact_phone="0912000000",
                reply_channel="sms",
            )


def create_in_processes(procs: int, category_ids: list[int]) -> float:
    """Wall time for `procs` processes each filing N_CREATE cases, started together."""
    import multiprocessing

    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    ready, go = ctx.Queue(), ctx.Event()
    workers = [ctx.Process(target=_create_worker, args=((n, category_ids, ready, go),)) for n in range(procs)]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get()
    start = time.perf_counter()
    go.set()
    for worker in workers:
        worker.join()
        assert worker.exitcode == 0, worker.exitcode
    return time.perf_counter() - start


def measure() -> None:
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.paginator import Paginator
    from django.test import Client

    from yankao.org.middleware import MFA_FRESH_SESSION_KEY
    from yankao.service.models import Call, Case, Category
    from yankao.service.selectors import InboxFilter, case_inbox, period_parse, service_statistics
    from yankao.service.services import case_create

    print(f"table sizes: {Case.objects.count():,} cases, {Call.objects.count():,} calls")

    # 1. case creation through the service layer: one process, then several at once (as web and
    #    task workers file cases side by side); every case its own transaction and audit event
    categories = list(Category.objects.filter(service_code__in=["P11", "D01", "P02", "D03"]))
    case_create(actor=None, channel="phone", category=categories[0], description="warm-up", lat=22.6206, lng=120.3126)
    for procs in CREATE_PROCS:
        seconds = create_in_processes(procs, [c.pk for c in categories])
        total = N_CREATE * procs
        print(f"case_create × {total} in {procs} process(es): {seconds:.2f} s → {total / seconds:.0f} cases/s")

    # 2. the agency inbox: 養護工程處 (the largest agency) and 工務局
    for code in ("PWB-MAINT", "PWB"):
        user = staff(f"bench-{code.lower()}", code, "case_officer")
        own = Case.objects.filter(agency__code=code).count()
        for label, filters in [
            ("no filter", InboxFilter()),
            ("status=in_progress", InboxFilter(status="in_progress")),
            ("overdue", InboxFilter(overdue=True)),
            ("category+district", InboxFilter(category=categories[0].pk, district=Case.objects.first().district_id)),  # type: ignore[union-attr]
        ]:

            def first_page(filters=filters, user=user):
                page = Paginator(case_inbox(user=user, filters=filters), 50).get_page(1)
                return len(list(page)), page.paginator.count

            timed(f"inbox selector {code} ({own:,} cases) {label}: page 1 + count", first_page, repeat=20)
        client = Client()
        client.force_login(user)
        if not user.authenticator_set.exists():
            TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        session = client.session
        session[MFA_FRESH_SESSION_KEY] = True
        session.save()
        for url in ("/office/service/", "/office/service/?status=in_progress", "/office/service/?overdue=on"):

            def view(url=url, client=client):
                response = client.get(url)
                assert response.status_code == 200, response.status_code
                return response

            timed(f"inbox view {code} GET {url} (rendered HTML)", view, repeat=20)

    # 3. statistics for one year
    period = period_parse("113")
    figures, _ = timed("service_statistics(2024)", lambda: service_statistics(period), repeat=5)
    print(f"  2024: {figures['calls']['total']:,} calls, {figures['cases']['total']:,} cases")
    whole = period_parse("2022")
    timed("service_statistics(2022)", lambda: service_statistics(whole), repeat=5)
    centre = staff("bench-centre", "RDEC", "commission_officer")
    client = Client()
    client.force_login(centre)
    if not centre.authenticator_set.exists():
        TOTP.activate(centre, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    session = client.session
    session[MFA_FRESH_SESSION_KEY] = True
    session.save()
    timed("GET /api/service/stats/?period=113", lambda: client.get("/api/service/stats/?period=113"), repeat=5)


def main() -> None:
    ensure_database(reload="--reload" in sys.argv)
    django.setup()
    from django.core.management import call_command

    from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file

    call_command("migrate", verbosity=0)
    org_load_city_file(path=KAOHSIUNG_FILE)
    if "--measure-only" not in sys.argv:
        load()
    if "--load-only" not in sys.argv:
        measure()


if __name__ == "__main__":
    main()
