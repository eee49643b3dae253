"""Background jobs of the search app: crawling sources and indexing yankao's own records."""

from __future__ import annotations

from typing import Any

from crontask import cron
from django.tasks import task

from yankao.core.audit import audit_context


@task
def search_crawl_source(source_id: int) -> dict[str, Any]:
    """Crawl one agency website and index what changed."""
    from yankao.search.crawler import crawl_source
    from yankao.search.models import Source

    source = Source.objects.get(pk=source_id)
    with audit_context(channel="task", label="搜尋索引"):
        report = crawl_source(source=source)
    return report.as_dict() | {"failed": len(report.failed)}


@task
def search_index_records() -> dict[str, int]:
    """Index yankao's public records (proposals and responses, final reports, 1999 categories)."""
    from yankao.search.records import index_records

    with audit_context(channel="task", label="搜尋索引"):
        return index_records()


@task
def search_vectors_refresh() -> dict[str, int]:
    """Vectors for pages that have none or another model's (after SEARCH_EMBED_MODEL changed)."""
    from yankao.search.services import vectors_refresh

    return {"vectors": vectors_refresh()}


@cron("17 * * * *")  # hourly: each source has its own interval; only due ones are crawled
@task
def search_crawl_due() -> list[int]:
    from yankao.search.selectors import records_indexing_active, sources_due

    ids = list(sources_due().values_list("pk", flat=True))
    for pk in ids:
        search_crawl_source.enqueue(pk)
    if records_indexing_active():
        search_index_records.enqueue()
    return ids
