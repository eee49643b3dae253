"""How fast can records be written with their hash-chained audit events?

    DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python bench/audit_append.py [N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yankao_bench ... (PostgreSQL; the database must exist and be migrated)

Creates N City rows through the ORM (each save appends an AuditEvent under the chain-head lock),
then times `verify_chain()` over the whole trail. Rows it made are deleted afterwards.
"""

from __future__ import annotations

import os
import platform
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection, transaction  # noqa: E402

from yankao.core.audit import audit_context, verify_chain  # noqa: E402
from yankao.core.models import AuditEvent  # noqa: E402
from yankao.org.models import City  # noqa: E402


def main(n: int) -> None:
    with audit_context(channel="cli", label="bench"):
        start = time.perf_counter()
        for i in range(n):
            with transaction.atomic():
                City.objects.create(code=f"B{i:06d}", name=f"測試{i}")
        write = time.perf_counter() - start
    events = AuditEvent.objects.count()
    start = time.perf_counter()
    result = verify_chain()
    verify = time.perf_counter() - start
    print(f"db={connection.vendor} python={platform.python_version()} n={n}")
    print(f"create+audit: {n / write:,.0f} records/s ({write * 1000 / n:.2f} ms each, one transaction each)")
    print(f"verify_chain: {events:,} events in {verify:.2f} s ({events / verify:,.0f} events/s), ok={result.ok}")
    with audit_context(channel="cli", label="bench cleanup"):
        for city in City.objects.filter(code__startswith="B"):
            city.delete()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
