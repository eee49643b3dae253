"""Recent Kaohsiung cases for the Open311 GET benchmark (PostgreSQL, COPY).

The Taipei open data ends in 2026-05, so GeoReport's default window (the last 90 days) would
be empty on a database holding only it. This adds N dispatch cases received over the last
`--days` days in the published categories, a third of them closed, located in Kaohsiung, so
that `GET requests.json` answers its full 1,000 rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_open311_bench \
      .venv/bin/python bench/open311_seed.py --cases 400000 --days 365
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> None:
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from yankao.core.audit import audit_context, record_event
    from yankao.org.models import Agency, District
    from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file
    from yankao.service.models import Case, Category

    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=400_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if not District.objects.filter(city__code="KHH").exists():  # e.g. a database holding only the Taipei import
        org_load_city_file(path=KAOHSIUNG_FILE)
    categories = list(Category.objects.filter(service_code__startswith="D").values_list("pk", "service_code"))
    districts = list(District.objects.filter(city__code="KHH").values_list("pk", "name"))
    agencies = list(Agency.objects.filter(city__code="KHH").values_list("pk", flat=True))
    fields = [f for f in Case._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    start = Case.objects.filter(number__startswith="BENCH").count()
    with audit_context(channel="cli", label="bench/open311_seed.py"), transaction.atomic():
        with connection.cursor() as cursor:
            columns = ", ".join(f.column for f in fields)
            with cursor.copy(f"COPY {Case._meta.db_table} ({columns}) FROM STDIN") as copy:
                for n in range(start, start + args.cases):
                    received = now - dt.timedelta(seconds=rng.uniform(0, args.days * 86400))
                    category_id, code = rng.choice(categories)
                    district_id, district = rng.choice(districts)
                    closed = rng.random() < 0.33
                    values = {
                        "number": f"BENCH{n:010d}",
                        "channel": rng.choice(["phone", "digital_citizen", "mayor_mailbox"]),
                        "type": "dispatch",
                        "category": category_id,
                        "description": f"{code} 測試案件 {n}",
                        "address": f"高雄市{district}測試路{n % 500}號",
                        "lat": round(22.55 + rng.random() * 0.25, 6),
                        "lng": round(120.25 + rng.random() * 0.2, 6),
                        "district": district_id,
                        "agency": rng.choice(agencies),
                        "status": "closed" if closed else rng.choice(["assigned", "accepted", "in_progress"]),
                        "received_at": received,
                        "assigned_at": received,
                        "closed_at": received + dt.timedelta(hours=rng.uniform(1, 72)) if closed else None,
                        "deadline_at": received + dt.timedelta(days=3),
                        "deadline_rule_code": "dispatch",
                        "deadline_amount": 3,
                        "deadline_unit": "working_days",
                        "created_at": received,
                        "updated_at": received,
                    }
                    row = []
                    for f in fields:
                        if f.name in values:
                            row.append(values[f.name])
                        else:
                            row.append(f.get_default())
                    copy.write_row(row)
        first = Case.objects.filter(number=f"BENCH{start:010d}").first()
        if first is not None:
            record_event(first, note=f"bench/open311_seed.py: {args.cases} 件測試案件", changes={"count": args.cases})
    print(f"added {args.cases} cases; table now {Case.objects.count():,}")


if __name__ == "__main__":
    main()
