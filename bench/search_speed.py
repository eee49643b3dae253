"""Speed of the cross-agency search at scale:
    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/search_speed.py [PAGES] [EMBEDDED]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_search_bench ...  (PostgreSQL; the database must exist)

1. indexes EMBEDDED synthetic pages (default 200) through `page_index` with real e5 vectors,
   one page at a time as the crawler does → indexing pages/s with embeddings;
2. fills the index up to PAGES pages (default 20,000) the same way but with random unit vectors
   (embedding them all would take hours here) → indexing pages/s without the model;
3. times 40 queries (1-, 2-character, mixed and natural questions) in full-text and hybrid mode
   over the whole index → p50 / p95.
Synthetic pages are sentences of the test corpus recombined with district names and numbers.
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

import numpy as np  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from yankao.core.audit import audit_context  # noqa: E402
from yankao.search import selectors, services  # noqa: E402
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
    text = f"{district}區公所公告第{n}號。" + "".join(rng.sample(SENTENCES, rng.randint(4, 8)))
    return Extracted(title=f"{district}區{rng.choice(TITLES)}（{n}）", text=text)


def main(total: int, embedded: int) -> None:
    if connection.vendor == "sqlite":
        path = os.environ["DATABASE_URL"].removeprefix("sqlite:///")
        if os.path.exists(path):
            os.remove(path)
    call_command("migrate", verbosity=0)
    rng = random.Random(10)
    with audit_context(channel="cli", label="bench"):
        source = services.source_create(actor=None, base_url="http://bench.test/")
        services.page_index(source=source, url="http://bench.test/warm", doc=synthetic(rng, 0))  # loads the model
        start = time.perf_counter()
        for i in range(1, embedded + 1):
            services.page_index(source=source, url=f"http://bench.test/e{i}", doc=synthetic(rng, i), avg_length=400)
        with_vectors = embedded / (time.perf_counter() - start)
        start = time.perf_counter()
        fill = total - embedded - 1
        for i in range(fill):
            vector = rng_vector(rng)
            services.page_index(
                source=source, url=f"http://bench.test/p{i}", doc=synthetic(rng, i), avg_length=400, vector=vector
            )
        without = fill / (time.perf_counter() - start) if fill > 0 else 0.0
    stats = selectors.index_stats()
    queries = [q for q, _ in QUERIES][:40]
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, db={connection.vendor}, python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print(f"load average {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} / {os.getloadavg()[2]:.1f}")
    print(f"index: {stats['pages']:,} pages, {stats['postings']:,} postings")
    print(f"| indexing with e5 vectors ({embedded} pages, one at a time) | {with_vectors:.1f} pages/s |")
    print(f"| indexing without the model ({fill:,} pages) | {without:.1f} pages/s |")
    for mode in ("fulltext", "hybrid"):
        selectors.search(query="路燈", mode=mode)  # warm the vector matrix
        times = []
        for q in queries:
            t = time.perf_counter()
            selectors.search(query=q, mode=mode, limit=10)
            times.append(time.perf_counter() - t)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(
            f"| query {mode}, {len(times)} queries | p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms |"
        )


def rng_vector(rng: random.Random) -> np.ndarray:
    v = np.array([rng.gauss(0, 1) for _ in range(384)], dtype=np.float32)
    return v / np.linalg.norm(v)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000, int(sys.argv[2]) if len(sys.argv) > 2 else 200)
