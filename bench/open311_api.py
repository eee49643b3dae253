"""Open311 API load: GET requests.json (default window; service_code + status) and POST requests.json
against the production server (gunicorn), with N concurrent clients.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_open311_bench \
      .venv/bin/python bench/open311_api.py --workers 4 --clients 16 --seconds 30 [--no-cache]

The database should already hold the cases (e.g. the Taipei import: bench/open311_import.py).
The script issues a bench API key (high limit), starts gunicorn with the production settings and
Redis as the cache, runs each scenario, prints throughput and latency percentiles, stops gunicorn.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def server_env(port: int, cache_seconds: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=env.get("BENCH_SECRET_KEY", secrets.token_urlsafe(60)),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        EMAIL_HOST=env.get("EMAIL_HOST", "localhost"),
        SECURE_SSL_REDIRECT="false",
        REDIS_URL=env.get("REDIS_URL", "redis://127.0.0.1:6379/7"),
        OPEN311_RESPONSE_CACHE_SECONDS=str(cache_seconds),
        CONN_MAX_AGE="600",
        LOG_LEVEL="WARNING",
    )
    return env


def collect_static() -> None:
    """As a deployment does (docs/deployment.md): the production settings' pages (a 404 outside the
    API) need the static files' manifest."""
    if not (ROOT / "var" / "static" / "staticfiles.json").exists():
        subprocess.run(  # noqa: S603
            [str(ROOT / ".venv/bin/yankao"), "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT, env=server_env(0, 0), check=True,
        )  # fmt: skip


def start_server(port: int, workers: int, threads: int, cache_seconds: int) -> subprocess.Popen[bytes]:
    collect_static()
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "config.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread" if threads > 1 else "sync",
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(port, cache_seconds), start_new_session=True)  # noqa: S603
    wait_ready(port)
    return process


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/open311/v2/discovery.json")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def issue_key(name: str) -> str:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from yankao.open311.models import ApiClient
    from yankao.open311.services import api_client_create
    from yankao.org.models import District
    from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file

    if not District.objects.filter(city__code="KHH").exists():  # a freshly migrated database
        org_load_city_file(path=KAOHSIUNG_FILE)
    ApiClient.objects.filter(name=name).update(name=f"{name}-{secrets.token_hex(4)}")
    _, raw = api_client_create(actor=None, name=name, per_minute=1_000_000)
    return raw


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(server: subprocess.Popen[bytes]) -> tuple[float, float]:
    """CPU seconds so far of gunicorn (master and workers) and of this database's backends (the
    workers keep theirs open: CONN_MAX_AGE), to divide by the requests served between two reads."""
    workers = [server.pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == server.pid:
                workers.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        backends = [row[0] for row in cursor.fetchall()]
    return sum(map(_cpu, workers)), sum(map(_cpu, backends))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(port: int, clients: int, seconds: float, make_request) -> dict[str, float]:  # type: ignore[no-untyped-def]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = 0
        while time.monotonic() < stop:
            method, path, body, headers = make_request(index, n)
            n += 1
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    return {
        "requests": len(latencies),
        "per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
        "statuses": statuses,  # type: ignore[dict-item]
    }


def run_wrk(port: int, clients: int, seconds: float, request: tuple | None, key: str = "") -> dict[str, float]:  # type: ignore[type-arg]
    """The same GET (or, request None, POSTs from bench/wrk_post.lua) from wrk: 2 threads, `clients`
    connections; its summary from the script's `done`."""
    script = "wrk_report.lua" if request is not None else "wrk_post.lua"
    command = ["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "-s", str(ROOT / "bench" / script)]
    path = "/open311/v2/requests.json"
    if request is not None:
        _method, path, _, headers = request
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603
        [*command, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BENCH_API_KEY": key, "BENCH_WRK_REPORT": str(ROOT / "bench" / "wrk_report.lua")},
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK "))
    return json.loads(line[4:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8311)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--no-cache", action="store_true", help="answer every GET from the database")
    parser.add_argument("--scenarios", default="get_default,get_filtered,post")
    parser.add_argument("--service-code", default="D16", help="the filtered GET's service_code")
    parser.add_argument(
        "--client",
        choices=["python", "wrk"],
        default="python",
        help="GET load from Python threads in this process, or from wrk (C; takes far less of the CPU the server shares)",
    )
    parser.add_argument("--gzip", action="store_true", help="GETs send Accept-Encoding: gzip, as HTTP clients do")
    args = parser.parse_args()
    key = issue_key("bench-open311")
    server = start_server(args.port, args.workers, args.threads, 0 if args.no_cache else 60)
    scenarios = {
        "get_default": lambda i, n: ("GET", f"/open311/v2/requests.json?api_key={key}", None, {}),
        "get_filtered": lambda i, n: (
            "GET",
            f"/open311/v2/requests.json?api_key={key}&service_code={args.service_code}&status=open",
            None,
            {},
        ),
        "post": lambda i, n: (
            "POST",
            "/open311/v2/requests.json",
            urllib.parse.urlencode(
                {
                    "api_key": key,
                    "service_code": "D12",
                    "lat": f"{22.62 + (i % 10) / 1000:.4f}",
                    "long": f"{120.31 + (n % 10) / 1000:.4f}",
                    "description": f"bench {i}-{n}: 電線桿上的違規小廣告",
                }
            ),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Idempotency-Key": f"bench-{key[-6:]}-{time.monotonic_ns()}-{i}-{n}",
            },
        ),
    }
    results = {}
    try:
        for name in args.scenarios.split(","):
            if args.gzip and name.startswith("get"):
                plain = scenarios[name]
                scenarios[name] = lambda i, n, plain=plain: (*plain(i, n)[:3], {"Accept-Encoding": "gzip"})
            run(args.port, args.clients, 3, scenarios[name])  # warm-up
            cpu_before = server_cpu(server)
            if args.client == "wrk" and name.startswith("get"):
                results[name] = run_wrk(args.port, args.clients, args.seconds, scenarios[name](0, 0))
            elif args.client == "wrk" and name == "post":
                results[name] = run_wrk(args.port, args.clients, args.seconds, None, key=key)
            else:
                results[name] = run(args.port, args.clients, args.seconds, scenarios[name])
            cpu_after = server_cpu(server)
            served = max(1, int(results[name]["requests"]))
            results[name]["server_cpu_ms_per_request"] = {  # type: ignore[assignment]
                "gunicorn": round((cpu_after[0] - cpu_before[0]) * 1000 / served, 2),
                "postgres": round((cpu_after[1] - cpu_before[1]) * 1000 / served, 2),
            }
            print(name, json.dumps(results[name]), flush=True)
    finally:
        stop_server(server)
    print(
        json.dumps(
            {
                "workers": args.workers,
                "threads": args.threads,
                "clients": args.clients,
                "cache": not args.no_cache,
                "client": args.client,
                "gzip": args.gzip,
                "load_average": os.getloadavg(),
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
