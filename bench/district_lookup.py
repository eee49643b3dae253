"""Benchmark: district_for_point and district_for_address on 10,000 random inputs.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/district_lookup.py

Loads the Kaohsiung city into a throw-away SQLite database under /tmp, then times the lookups
(the first call, which builds the in-process index, is timed separately).
"""

from __future__ import annotations

import os
import random
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/yankao-bench-districts.sqlite3")
django.setup()

from django.core.management import call_command  # noqa: E402

from yankao.org.selectors import district_for_address, district_for_point  # noqa: E402
from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file  # noqa: E402

N = 10_000


def main() -> None:
    call_command("migrate", verbosity=0)
    org_load_city_file(path=KAOHSIUNG_FILE)
    rng = random.Random(113)
    # the bounding box of Kaohsiung's land districts (about 40 % of the points fall inside the city)
    points = [(rng.uniform(22.45, 23.47), rng.uniform(120.17, 121.05)) for _ in range(N)]
    names = [d.name for d in org_load_city_file(path=KAOHSIUNG_FILE).city.districts.all()]
    addresses = [f"高雄市{rng.choice(names)}中正路{rng.randint(1, 999)}號" for _ in range(N)]

    start = time.perf_counter()
    district_for_point(city_code="KHH", lat=22.6206, lng=120.3126)
    build = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(district_for_point(city_code="KHH", lat=lat, lng=lng) is not None for lat, lng in points)
    by_point = time.perf_counter() - start
    start = time.perf_counter()
    named = sum(district_for_address(city_code="KHH", address=a) is not None for a in addresses)
    by_address = time.perf_counter() - start
    print(f"index build (first call): {build * 1000:.1f} ms")
    print(f"district_for_point: {N:,} points in {by_point:.3f} s ({by_point / N * 1e6:.1f} µs each), {found:,} inside")
    each = by_address / N * 1e6
    print(f"district_for_address: {N:,} addresses in {by_address:.3f} s ({each:.1f} µs each), {named:,} found")


if __name__ == "__main__":
    main()
