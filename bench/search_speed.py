"""Speed of the cross-agency search at scale:
    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/search_speed.py [PAGES] [BATCH]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_search_bench ...  (PostgreSQL; the database must exist)

1. indexes PAGES synthetic pages (default 20,000) through `pages_index` with the configured
   model's vectors (SEARCH_EMBED_MODEL, default static), BATCH pages per transaction (default
   50, as the crawler does) → indexing pages/s with embeddings;
2. times the 62 judged queries of the relevance set (1-, 2-character, mixed and natural
   questions) in full-text, vector and hybrid mode over the whole index, twice (the first pass
   fills the per-process caches of term frequencies) → p50 / p95; then the same queries through
   the JSON API (Django's test client, in process). `search_speed.py 0` measures the queries only,
   over the index a previous run left; `search_speed.py +5000` adds 5,000 pages to it first
   (the indexing rate of a large index).
Synthetic pages are 6–16 sentences of the test corpus recombined with district names and numbers.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/yankao-bench-search-speed.sqlite3")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from yankao.core.audit import audit_context  # noqa: E402
from yankao.search import embeddings, selectors, services  # noqa: E402
from yankao.search.models import Page, Source  # noqa: E402
from yankao.search.tests.corpus import PAGES, QUERIES  # noqa: E402
from yankao.search.text import Extracted  # noqa: E402

DISTRICTS = [
    "鹽埕",
    "鼓山",
    "左營",
    "楠梓",
    "三民",
    "新興",
    "前金",
    "苓雅",
    "前鎮",
    "旗津",
    "小港",
    "鳳山",
    "林園",
    "大寮",
    "大樹",
    "大社",
    "仁武",
    "鳥松",
    "岡山",
    "橋頭",
    "燕巢",
    "田寮",
    "阿蓮",
    "路竹",
    "湖內",
    "茄萣",
    "永安",
    "彌陀",
    "梓官",
    "旗山",
    "美濃",
    "六龜",
    "甲仙",
    "杉林",
    "內門",
    "茂林",
    "桃源",
    "那瑪夏",
]
SENTENCES = [s + "。" for _, _, _, _, body in PAGES for s in body.split("。") if s.strip()]
TITLES = [title for _, _, title, _, _ in PAGES]


def synthetic(rng: random.Random, n: int) -> Extracted:
    district = rng.choice(DISTRICTS)
    text = f"{district}區公所公告第{n}號。" + "".join(rng.sample(SENTENCES, rng.randint(6, 16)))
    return Extracted(title=f"{district}區{rng.choice(TITLES)}（{n}）", text=text)


def main(total: int, batch: int, append: bool = False) -> None:
    if total == 0:  # queries only, over the index a previous run built
        measure_queries()
        return
    if connection.vendor == "sqlite" and not append:
        path = os.environ["DATABASE_URL"].removeprefix("sqlite:///")
        if os.path.exists(path):
            os.remove(path)
    call_command("migrate", verbosity=0)
    rng = random.Random(10 + append * Page.objects.count())
    load_before = os.getloadavg()
    with audit_context(channel="cli", label="bench"):
        if append:
            source = Source.objects.get(base_url="http://bench.test/")
            first = Page.objects.count()
        else:
            source = services.source_create(actor=None, base_url="http://bench.test/")
            first = 0
        services.page_index(source=source, url="http://bench.test/warm", doc=synthetic(rng, 0))  # loads the model
        start = time.perf_counter()
        done = 0
        while done < total:
            size = min(batch, total - done)
            items = [
                services.PageInput(url=f"http://bench.test/p{i}", doc=synthetic(rng, i))
                for i in range(first + done, first + done + size)
            ]
            services.pages_index(source=source, items=items, avg_length=400)
            done += size
            if done % 5000 < batch:
                rate = done / (time.perf_counter() - start)
                print(f"  {done:,} pages, {rate:.1f} pages/s", file=sys.stderr, flush=True)
        indexing = total / (time.perf_counter() - start)
    load_after = os.getloadavg()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_posting")
            cursor.execute("VACUUM ANALYZE search_page")
    what = f"{total:,} pages added to {first:,}" if append else f"{total:,} pages"
    print(
        f"| indexing with {embeddings.model_name()} vectors ({what}, {batch} per transaction) | {indexing:.1f} pages/s |"
    )
    print(f"load average while indexing: {load_before[0]:.1f} → {load_after[0]:.1f}")
    measure_queries()


def measure_queries() -> None:
    stats = selectors.index_stats()
    queries = [q for q, _ in QUERIES]
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, db={connection.vendor}, python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, model {embeddings.model_name()}"
    )
    print(f"load average before the queries: {os.getloadavg()[0]:.1f}")
    print(f"index: {stats['pages']:,} pages, {stats['postings']:,} postings")
    for mode in ("fulltext", "vector", "hybrid"):
        selectors.search(query="路燈", mode=mode)  # loads the vector matrix
        for label in ("first pass", "second pass"):
            times = []
            for q in queries:
                t = time.perf_counter()
                selectors.search(query=q, mode=mode, limit=10)
                times.append(time.perf_counter() - t)
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            print(
                f"| query {mode}, {len(times)} queries, {label} | p50 {statistics.median(times) * 1000:.0f} ms, "
                f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms |"
            )
    times = []
    start = time.monotonic()
    while time.monotonic() - start < 30:  # sustained: the per-process checks every 10 s included
        for q in queries:
            t = time.perf_counter()
            selectors.search(query=q, mode="hybrid", limit=10)
            times.append(time.perf_counter() - t)
    times.sort()
    print(
        f"| query hybrid, sustained 30 s ({len(times):,} queries) | p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.0f} ms, p99 {times[int(0.99 * (len(times) - 1))] * 1000:.0f} ms, "
        f"max {times[-1] * 1000:.0f} ms |"
    )
    client = Client()
    times = []
    for q in queries:
        t = time.perf_counter()
        response = client.get("/search/api/", {"q": q})
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, response.status_code
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"| GET /search/api/?q=… (hybrid, JSON, in process), {len(times)} queries | p50 "
        f"{statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms |"
    )
    print(f"load average after queries: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    arg = sys.argv[1] if len(sys.argv) > 1 else "20000"
    main(int(arg.lstrip("+")), int(sys.argv[2]) if len(sys.argv) > 2 else 50, append=arg.startswith("+"))
