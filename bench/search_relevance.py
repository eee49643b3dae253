"""Relevance of the cross-agency search on the judged test corpus:
    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/search_relevance.py

Builds a throw-away SQLite database under /tmp, indexes the corpus of yankao/search/tests/corpus.py
(55 agency-like pages plus 2 test pages, with e5 vectors), runs every judged query (QUERIES) in
three modes — full text alone (BM25 over character bigrams), vectors alone (multilingual-e5-small)
and hybrid (reciprocal rank fusion) — and prints recall@10 and MRR for each, then the queries a
mode missed (no relevant page in the first 10).
"""

from __future__ import annotations

import os
import platform
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/yankao-bench-search-relevance.sqlite3")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.core.management import call_command  # noqa: E402

from yankao.core.audit import audit_context  # noqa: E402
from yankao.search import selectors  # noqa: E402
from yankao.search.tests.corpus import QUERIES, index_corpus  # noqa: E402

BASE = "http://corpus.test/"
MODES = ("fulltext", "vector", "hybrid")


def evaluate(mode: str) -> tuple[float, float, list[str], float]:
    recalls, reciprocal, missed, times = [], [], [], []
    for query, relevant in QUERIES:
        start = time.perf_counter()
        hits = selectors.search(query=query, mode=mode, limit=10).hits
        times.append(time.perf_counter() - start)
        ranked = [h.page.url.removeprefix(BASE) for h in hits]
        found = [p for p in relevant if p in ranked]
        recalls.append(len(found) / len(relevant))
        first = next((i for i, url in enumerate(ranked, start=1) if url in relevant), None)
        reciprocal.append(1 / first if first else 0.0)
        if not found:
            missed.append(query)
    n = len(QUERIES)
    return sum(recalls) / n, sum(reciprocal) / n, missed, sorted(times)[int(0.95 * (n - 1))]


def main() -> None:
    path = os.environ["DATABASE_URL"].removeprefix("sqlite:///")
    if os.path.exists(path):
        os.remove(path)
    call_command("migrate", verbosity=0)
    with audit_context(channel="cli", label="bench"):
        start = time.perf_counter()
        index_corpus(base_url=BASE)
        took = time.perf_counter() - start
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, python {platform.python_version()}, {os.cpu_count()} CPUs,"
    )
    print(f"load average {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} / {os.getloadavg()[2]:.1f}")
    print(f"indexed the corpus with vectors in {took:.1f} s; {len(QUERIES)} judged queries")
    print("| mode | recall@10 | MRR | query p95 |")
    print("| --- | --- | --- | --- |")
    misses = {}
    for mode in MODES:
        recall, mrr, missed, p95 = evaluate(mode)
        misses[mode] = missed
        print(f"| {mode} | {recall:.3f} | {mrr:.3f} | {p95 * 1000:.0f} ms |")
    for mode in MODES:
        print(f"missed by {mode}: {', '.join(misses[mode]) or '—'}")


if __name__ == "__main__":
    main()
