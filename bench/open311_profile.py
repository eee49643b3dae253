"""Where the time of one Open311 API request goes, in-process (no HTTP, no other clients): the
CPU of this Python process per request and the top functions of a cProfile, for the GET
scenarios of bench/open311_api.py (cached and not) and a POST.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_open311_bench REDIS_URL=redis://127.0.0.1:6379/11 \
      .venv/bin/python bench/open311_profile.py --repeat 20

CPU per request is what a loaded machine cannot hide: with the whole machine, N cores serve
at most N / (Python CPU + database CPU) requests per second.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def backend_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--scenarios", default="", help="comma separated names (default: all)")
    parser.add_argument("--sort", default="tottime", help="cProfile order: tottime or cumulative")
    args = parser.parse_args()
    from open311_api import issue_key

    key = issue_key("bench-open311-profile")
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    post_n = [0]

    def post() -> object:
        post_n[0] += 1
        form = {"api_key": key, "service_code": "D12", "lat": "22.6206", "long": "120.3126",
                "description": f"profile {post_n[0]}: 電線桿上的違規小廣告"}  # fmt: skip
        return client.post("/open311/v2/requests.json", form, HTTP_IDEMPOTENCY_KEY=f"p-{key[-6:]}-{post_n[0]}")

    scenarios = {
        "get_default (cached)": lambda: client.get(f"/open311/v2/requests.json?api_key={key}"),
        "get_default (uncached)": lambda: client.get(f"/open311/v2/requests.json?api_key={key}"),
        "get_filtered (uncached)": lambda: client.get(
            f"/open311/v2/requests.json?api_key={key}&service_code=D16&status=open"
        ),
        "post": post,
    }
    results = {}
    wanted = set(args.scenarios.split(",")) if args.scenarios else set(scenarios)
    for name, call in scenarios.items():
        if name not in wanted:
            continue
        settings.OPEN311_RESPONSE_CACHE_SECONDS = 60 if "(cached)" in name else 0
        call()  # warm
        walls, cpus, dbs = [], [], []
        profile = cProfile.Profile()
        for _ in range(args.repeat):
            w0, c0, d0 = time.perf_counter(), time.process_time(), backend_cpu(backend)
            profile.enable()
            response = call()
            profile.disable()
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
            dbs.append(backend_cpu(backend) - d0)
            assert response.status_code in (200, 201), response.content[:200]  # type: ignore[attr-defined]
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
        results[name] = {
            "bytes": len(response.content),  # type: ignore[attr-defined]
            "wall_ms_median": round(statistics.median(walls) * 1000, 1),
            "python_cpu_ms_median": round(statistics.median(cpus) * 1000, 1),
            "postgres_cpu_ms_mean": round(statistics.fmean(dbs) * 1000, 1),
        }
        print(name, json.dumps(results[name]), flush=True)
        print("\n".join(out.getvalue().splitlines()[: args.top + 12]), flush=True)
    print(json.dumps({"load_average": os.getloadavg(), "results": results}))


if __name__ == "__main__":
    main()
