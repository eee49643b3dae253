"""Demo: yankao's own public records in the search index (proposals and responses, final
reports, the 1999 categories). Agency websites are not crawled by the demo: it must run offline;
add one with `yankao search source add URL --agency NAME` and `yankao search index`."""

from __future__ import annotations

from yankao.core.demo import DemoContext
from yankao.search.records import index_records


def populate(ctx: DemoContext) -> None:
    # text only, so the demo stays quick; `yankao search index` (or the hourly job) adds the vectors
    summary = index_records(vectors=False)  # idempotent: unchanged records are not indexed again
    ctx.progress(f"搜尋索引：本系統公開資料 {summary['records']} 筆（新索引 {summary['indexed']} 筆）")
