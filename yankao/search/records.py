"""yankao's own public records in the index: proposals with the agencies' responses, final
reports, the 1999 service categories and the published 常見問答. Only public fields: never a
proposer, a phone number or anything else personal (and `core.privacy.scrub_personal` runs over
the text as well).

Records are read through the other apps' public selectors.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from yankao.core.jobs import job_finish, job_progress, job_start
from yankao.core.privacy import scrub_personal
from yankao.participation.selectors import proposal_public_list
from yankao.reports.selectors import final_version, report_public_list
from yankao.search import embeddings, services
from yankao.search.models import Page
from yankao.search.text import Extracted
from yankao.service.selectors.public import category_public_list, faq_public_list

RecordDoc = tuple[str, str, Any, Extracted]


def _proposal_docs() -> list[RecordDoc]:
    docs: list[RecordDoc] = []
    for p in proposal_public_list():
        parts = [f"提議內容：{p.content}", f"預期效益：{p.expected_benefit}"]
        response = getattr(p, "response", None)
        if response is not None:
            parts += [
                f"機關回應（{response.get_decision_display()}）：{response.reasons}",
                f"後續辦理方式：{response.planned_actions}" if response.planned_actions else "",
            ]
        date = (response.published_at if response is not None else p.screened_at) or p.submitted_at
        doc = Extracted(title=f"公民提議：{p.title}", text="\n".join(x for x in parts if x), published_on=date.date())
        docs.append(
            (reverse("participation:proposal_detail", args=[p.pk]), Page.Type.PROPOSAL, p.responsible_agency, doc)
        )
    return docs


def _report_docs() -> list[RecordDoc]:
    docs: list[RecordDoc] = []
    for report in report_public_list():
        version = final_version(report)
        items = version.content.get("items", []) if version is not None else []
        text = "\n".join(f"{i.get('number', '')} {i.get('title', '')}\n{i.get('text', '')}" for i in items)
        date = report.finalised_at.date() if report.finalised_at else None
        doc = Extracted(title=report.title, text=text, published_on=date)
        docs.append((reverse("reports:report", args=[report.pk]), Page.Type.REPORT, report.agency, doc))
    return docs


def _category_docs() -> list[RecordDoc]:
    docs: list[RecordDoc] = []
    url = reverse("service:file_case")
    for c in category_public_list():
        text = f"1999 市民服務項目：{c.name}（{c.group}）\n{c.description}\n線上報案：選擇「{c.name}」"
        doc = Extracted(title=f"1999 報案：{c.name}", text=text)
        docs.append((f"{url}?category={c.service_code}", Page.Type.CATEGORY, None, doc))
    return docs


def _faq_docs() -> list[RecordDoc]:
    docs: list[RecordDoc] = []
    url = reverse("service:faq")
    for f in faq_public_list():
        topic = f"（{f.category.name}）" if f.category else ""
        doc = Extracted(
            title=f"常見問答：{f.question}", text=f"{f.question}{topic}\n{f.answer}\n權責機關：{f.agency.name}"
        )
        doc.published_on = timezone.localdate(f.updated_at)
        docs.append((f"{url}#faq-{f.pk}", Page.Type.FAQ, f.agency, doc))
    return docs


def index_records(*, user: Any = None, vectors: bool = True) -> dict[str, int]:
    """Bring the index of yankao's public records up to date; drop records no longer public.

    `vectors=False` indexes the text only (the demo, which must be quick); a later run with
    vectors embeds the records that have none."""
    source = services.records_source()
    job = job_start(kind="search.records", key="records", label="搜尋索引：本系統公開資料", user=user)
    docs = _proposal_docs() + _report_docs() + _category_docs() + _faq_docs()
    known = {p.url: p for p in Page.objects.filter(source=source).only("url", "content_hash")}
    use_vectors = vectors and embeddings.enabled()
    no_vector = (
        set(Page.objects.filter(source=source, embedding__isnull=True).values_list("url", flat=True))
        if use_vectors
        else set()
    )
    changed = [
        d for d in docs if known.get(d[0]) is None or known[d[0]].content_hash != _hash(d[3]) or d[0] in no_vector
    ]
    avg = services.average_length()
    batch = int(getattr(settings, "SEARCH_INDEX_BATCH", 200))
    for start in range(0, len(changed), batch):
        items = [
            services.PageInput(url=url, doc=doc, type=kind, agency=agency)
            for url, kind, agency, doc in changed[start : start + batch]
        ]
        services.pages_index(source=source, items=items, avg_length=avg, embed=use_vectors)
        job_progress(job, done=start + len(items))
    current = {d[0] for d in docs}
    removed = sum(services.page_remove(url=url) for url in known if url not in current)
    summary = {"records": len(docs), "indexed": len(changed), "removed": removed}
    services.source_mark_crawled(source, report=summary)
    job_finish(job, ok=True, summary=summary, message=f"索引 {len(changed)} 筆，移除 {removed} 筆")
    return summary


def _hash(doc: Extracted) -> str:
    return services.content_hash(scrub_personal(doc.title.strip())[:300], scrub_personal(doc.text.strip()))
