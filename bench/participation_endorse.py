"""Benchmark: 想提議 endorsements, the periodic state job, and the public pages under load.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/participation_endorse.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_bench_participation ... (same script)

A throw-away database (SQLite under /tmp by default). Verified endorsers are made in bulk; the
timed parts go through the real services (each endorsement: identity check, fraud signals,
unique insert, count update, two audit events).
"""

from __future__ import annotations

import datetime as dt
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/yankao-bench-participation.sqlite3")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from yankao.core.audit import audit_context  # noqa: E402
from yankao.org.models import Agency, Role  # noqa: E402
from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file, user_create_staff  # noqa: E402
from yankao.participation import services  # noqa: E402
from yankao.participation.demo import _bulk_identities  # noqa: E402
from yankao.participation.models import Proposal  # noqa: E402

ENDORSEMENTS = 2_000
PROPOSALS = 1_000


def _reset() -> None:
    if connection.vendor == "sqlite":
        path = connection.settings_dict["NAME"]
        connection.close()
        if os.path.exists(path):
            os.remove(path)
    else:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def main() -> None:
    _reset()
    city = org_load_city_file(path=KAOHSIUNG_FILE).city
    pwb = Agency.objects.get(city=city, code="PWB")
    rdec_agency = Agency.objects.get(city=city, kind=Agency.Kind.COMMISSION)
    rdec = user_create_staff(username="bench-rdec", password=None, agency=rdec_agency, roles=[Role.COMMISSION_OFFICER])
    now = timezone.now()
    with audit_context(channel="cli", label="bench"):
        people = [
            v.user
            for v in _bulk_identities(ENDORSEMENTS + PROPOSALS, prefix="bench-", when=now - dt.timedelta(days=90))
        ]
        proposer = people[0]
        services.proposal_rules_publish(  # a threshold out of reach, so every endorsement is timed the same way
            actor=rdec, effective_from=(now - dt.timedelta(days=90)).date(), endorsement_threshold=1_000_000
        )
        target = services.proposal_submit(
            actor=proposer,
            title="bench",
            content="c",
            expected_benefit="b",
            agencies=[pwb],
            now=now - dt.timedelta(days=2),
        )
        services.proposal_screen(actor=rdec, proposal=target, passed=True, now=now - dt.timedelta(days=1))
        start = time.perf_counter()
        for i, user in enumerate(people[:ENDORSEMENTS]):
            services.proposal_endorse(
                actor=user, proposal=target, ip=f"10.0.{i % 250}.{i % 7}", now=now + dt.timedelta(seconds=i)
            )
        endorse = time.perf_counter() - start
        target.refresh_from_db()

        start = time.perf_counter()
        for i in range(PROPOSALS):
            p = services.proposal_submit(
                actor=people[ENDORSEMENTS + i],
                title=f"提議 {i}",
                content="c",
                expected_benefit="b",
                agencies=[pwb],
                now=now - dt.timedelta(days=60),
            )
            services.proposal_screen(actor=rdec, proposal=p, passed=True, now=now - dt.timedelta(days=59))
        make = time.perf_counter() - start
        start = time.perf_counter()
        result = services.proposal_advance_all(now=now)
        advance = time.perf_counter() - start
        start = time.perf_counter()
        quiet = services.proposal_advance_all(now=now)
        idle = time.perf_counter() - start

    client = Client()
    timings = {}
    for url in [
        "/participation/proposals/",
        f"/participation/proposals/{target.pk}/",
        "/participation/open-data/proposals.json",
        "/participation/stats/",
    ]:
        client.get(url)
        start = time.perf_counter()
        for _ in range(20):
            assert client.get(url).status_code == 200
        timings[url] = (time.perf_counter() - start) / 20

    print(f"database: {connection.vendor}")
    print(
        f"proposal_endorse: {ENDORSEMENTS:,} endorsements in {endorse:.2f} s ({endorse / ENDORSEMENTS * 1000:.2f} ms each); "
        f"state {target.state}, count {target.endorsement_count}"
    )
    print(f"submit+screen: {PROPOSALS:,} proposals in {make:.2f} s")
    print(
        f"proposal_advance_all: {len(result.lapsed):,} lapsed in {advance:.2f} s; idle run {idle * 1000:.1f} ms ({len(quiet.lapsed)} changes)"
    )
    print(f"{Proposal.objects.count():,} proposals in the database")
    for url, seconds in timings.items():
        print(f"GET {url}: {seconds * 1000:.1f} ms (mean of 20)")


if __name__ == "__main__":
    main()
