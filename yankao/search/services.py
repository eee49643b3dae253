"""Writes of the search app: sources, and indexing one page atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Avg, Q
from django.db.models.functions import Length
from django.utils import timezone

from yankao.core.privacy import scrub_personal
from yankao.org.models import Agency
from yankao.search import embeddings
from yankao.search.models import Page, Posting, Source
from yankao.search.permissions import can_manage_sources
from yankao.search.text import Extracted, document_terms


def index_changed() -> None:
    from yankao.search.selectors import index_changed as bump

    bump()


K1, B = 1.2, 0.75
TITLE_WEIGHT = 3  # a term in the title counts as three in the text
RECORDS_NAME = "yankao 公開資料"


def _check_patterns(value: str, label: str) -> None:
    for line in value.splitlines():
        if line.strip():
            try:
                re.compile(line.strip())
            except re.error as exc:
                raise ValidationError(f"{label}「{line.strip()}」不是有效的正規表示式：{exc}") from None


def agency_rules_parse(text: str, *, strict: bool = True) -> list[tuple[re.Pattern[str], Agency]]:
    """Read 機關對應規則, one `REGEX => 機關` a line: the agency by full name, short name
    (工務局) or code (PWB). A bad line raises a ValidationError naming it, or with
    `strict=False` (the crawler, if an agency was renamed since) is skipped."""
    rules: list[tuple[re.Pattern[str], Agency]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rules.append(_agency_rule(line))
        except ValidationError as exc:
            if strict:
                raise ValidationError(f"機關對應規則第 {number} 行「{line.strip()}」：{exc.messages[0]}") from None
    return rules


def _agency_rule(line: str) -> tuple[re.Pattern[str], Agency]:
    pattern, arrow, name = line.partition("=>")
    pattern, name = pattern.strip(), name.strip()
    if not arrow or not pattern or not name:
        raise ValidationError("格式應為「正規表示式 => 機關名稱」")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValidationError(f"不是有效的正規表示式：{exc}") from None
    for lookup in ("name", "code", "short_name"):
        matches = list(Agency.objects.filter(**{lookup: name})[:2])
        if len(matches) == 1:
            return compiled, matches[0]
        if matches:
            raise ValidationError(f"「{name}」符合不只一個機關，請寫機關全名或代碼")
    raise ValidationError(f"找不到機關「{name}」")


def _source_validate(
    *,
    base_url: str,
    include_patterns: str,
    exclude_patterns: str,
    agency_rules: str,
    interval_hours: int,
    delay_seconds: float,
    max_pages: int,
    exclude_pk: int | None = None,
) -> None:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError("網站網址須以 http:// 或 https:// 開頭")
    others = Source.objects.filter(base_url=base_url)
    if (others.exclude(pk=exclude_pk) if exclude_pk is not None else others).exists():
        raise ValidationError("此網站已在搜尋來源中")
    _check_patterns(include_patterns, "納入規則")
    _check_patterns(exclude_patterns, "排除規則")
    agency_rules_parse(agency_rules)
    if interval_hours < 1 or delay_seconds < 0 or max_pages < 1:
        raise ValidationError("更新間隔至少 1 小時，請求間隔不可為負，頁數至少 1")


def source_create(
    *,
    actor: Any,
    base_url: str,
    name: str = "",
    agency: Any = None,
    sitemap_url: str = "",
    feed_url: str = "",
    include_patterns: str = "",
    exclude_patterns: str = "",
    agency_rules: str = "",
    interval_hours: int = 24,
    delay_seconds: float = 1.0,
    max_pages: int = 2000,
) -> Source:
    """Add an agency website to the crawl (研考會 only; `actor=None` is the command line)."""
    if actor is not None and not can_manage_sources(actor):
        raise PermissionDenied("僅研考會可以設定搜尋來源")
    _source_validate(
        base_url=base_url,
        include_patterns=include_patterns,
        exclude_patterns=exclude_patterns,
        agency_rules=agency_rules,
        interval_hours=interval_hours,
        delay_seconds=delay_seconds,
        max_pages=max_pages,
    )
    with transaction.atomic():
        return Source.objects.create(
            name=name or (agency.name if agency else urlsplit(base_url).netloc),
            agency=agency,
            base_url=base_url,
            sitemap_url=sitemap_url,
            feed_url=feed_url,
            include_patterns=include_patterns,
            exclude_patterns=exclude_patterns,
            agency_rules=agency_rules,
            interval_hours=interval_hours,
            delay_seconds=delay_seconds,
            max_pages=max_pages,
        )


SOURCE_EDITABLE = frozenset(
    {
        "name",
        "agency",
        "base_url",
        "sitemap_url",
        "feed_url",
        "include_patterns",
        "exclude_patterns",
        "agency_rules",
        "interval_hours",
        "delay_seconds",
        "max_pages",
        "is_active",
    }
)
# yankao's own records are not crawled from a website: only these apply to them
RECORDS_EDITABLE = frozenset({"name", "is_active"})


def source_update(*, actor: Any, source: Source, **fields: Any) -> Source:
    """Change a source's settings, or 停用/啟用 it (`is_active`): 研考會 only (`actor=None` is the
    command line), validated as in `source_create`. A changed interval moves the next crawl to
    the last crawl + the new interval. The save is audited by `AuditedModel` (who: the
    request's audit context)."""
    if actor is not None and not can_manage_sources(actor):
        raise PermissionDenied("僅研考會可以設定搜尋來源")
    unknown = set(fields) - SOURCE_EDITABLE
    if unknown:
        raise ValidationError(f"無法修改的欄位：{'、'.join(sorted(unknown))}")
    if source.kind == Source.Kind.RECORDS:
        changed = {key for key, value in fields.items() if getattr(source, key) != value}
        if changed - RECORDS_EDITABLE:
            raise ValidationError("本系統公開資料不是網站，沒有網址或抓取規則可修改，只能改名稱與啟用")
    else:
        checked = (
            "base_url",
            "include_patterns",
            "exclude_patterns",
            "agency_rules",
            "interval_hours",
            "delay_seconds",
            "max_pages",
        )
        _source_validate(**{key: fields.get(key, getattr(source, key)) for key in checked}, exclude_pk=source.pk)
    if "name" in fields and not str(fields["name"]).strip():
        fields["name"] = source.name
    for key, value in fields.items():
        setattr(source, key, value)
    if "interval_hours" in fields and source.last_crawled_at is not None:
        source.next_crawl_at = source.last_crawled_at + dt.timedelta(hours=source.interval_hours)
    with transaction.atomic():
        source.save(update_fields=[*fields, "next_crawl_at", "updated_at"])
    return source


def records_source() -> Source:
    """The source that stands for yankao's own public records (created on first use)."""
    source = Source.objects.filter(kind=Source.Kind.RECORDS).first()
    if source is None:
        source = Source.objects.create(name=RECORDS_NAME, kind=Source.Kind.RECORDS, interval_hours=6, delay_seconds=0)
    return source


def average_length() -> float:
    return float(Page.objects.aggregate(avg=Avg("length"))["avg"] or 300.0)


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


@dataclass
class PageInput:
    """One document to index (see `pages_index`)."""

    url: str
    doc: Extracted
    type: str = Page.Type.PAGE
    agency: Any = None
    etag: str = ""
    last_modified: str = ""
    vector: Any = None


_PAGE_FIELDS = [
    "source",
    "type",
    "agency",
    "title",
    "text",
    "language",
    "published_on",
    "length",
    "content_hash",
    "etag",
    "last_modified",
    "links",
    "embedding",
    "fetched_at",
    "indexed_at",
]


def pages_index(
    *, source: Source, items: list[PageInput], avg_length: float | None = None, embed: bool = True
) -> list[Page]:
    """Index documents: their rows, postings and vectors change together in one transaction, or
    not at all (a page is never half-indexed). Vectors are computed before the transaction; a
    URL given twice is indexed once, as last given."""
    items = list({item.url: item for item in items}.values())
    if not items:
        return []
    titles = [scrub_personal(item.doc.title.strip())[:300] or item.url for item in items]
    texts = [scrub_personal(item.doc.text.strip()) for item in items]
    missing = [i for i, item in enumerate(items) if item.vector is None]
    vectors: list[Any] = [item.vector for item in items]
    if missing and embed and embeddings.enabled():
        computed = embeddings.embed_passages([embeddings.passage_text(titles[i], texts[i]) for i in missing])
        for i, vector in zip(missing, computed, strict=True):
            vectors[i] = vector
    avgdl = avg_length or average_length()
    now = timezone.now()
    pages: list[Page] = []
    weights: list[dict[str, float]] = []
    for item, title, text, vector in zip(items, titles, texts, vectors, strict=True):
        terms = document_terms(text)
        for term, count in document_terms(title).items():
            terms[term] += count * TITLE_WEIGHT
        length = max(sum(terms.values()), 1)
        norm = K1 * (1 - B + B * length / avgdl)
        weights.append({term: tf * (K1 + 1) / (tf + norm) for term, tf in terms.items()})
        pages.append(
            Page(
                source=source,
                url=item.url,
                type=item.type,
                agency=item.agency if item.agency is not None else source.agency,
                title=title,
                text=text,
                language=item.doc.language,
                published_on=item.doc.published_on,
                length=length,
                content_hash=content_hash(title, text),
                etag=item.etag[:200],
                last_modified=item.last_modified[:100],
                links=item.doc.links[:1000],
                embedding=embeddings.to_bytes(vector) if vector is not None else None,
                fetched_at=now,
                indexed_at=now,
            )
        )
    with transaction.atomic():
        known = dict(Page.objects.filter(url__in=[p.url for p in pages]).values_list("url", "pk"))
        old = [p for p in pages if p.url in known]
        new = [p for p in pages if p.url not in known]
        for page in old:
            page.pk = known[page.url]
        if old:
            Page.objects.bulk_update(old, _PAGE_FIELDS, batch_size=200)
            Posting.objects.filter(page_id__in=[p.pk for p in old]).delete()
        if new:
            Page.objects.bulk_create(new, batch_size=500)
        postings_write(
            [(term, page.pk, w) for page, terms in zip(pages, weights, strict=True) for term, w in terms.items()]
        )
        transaction.on_commit(index_changed)
    index_changed()
    return pages


def postings_write(rows: list[tuple[str, int, float]]) -> None:
    """Insert postings (term, page id, weight): COPY on PostgreSQL, executemany elsewhere.

    In the order of the (term, weight, page) index, so consecutive inserts land on neighbouring
    index pages instead of random ones."""
    rows = sorted(rows, key=lambda row: (row[0], row[2], row[1]))
    if connection.vendor == "postgresql":
        table = Posting._meta.db_table
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} (term, page_id, weight) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    table = connection.ops.quote_name(Posting._meta.db_table)
    with connection.cursor() as cursor:  # without model instances: 100 k postings a batch
        cursor.executemany(f"INSERT INTO {table} (term, page_id, weight) VALUES (%s, %s, %s)", rows)  # noqa: S608


def page_index(
    *,
    source: Source,
    url: str,
    doc: Extracted,
    type: str = Page.Type.PAGE,
    agency: Any = None,
    etag: str = "",
    last_modified: str = "",
    avg_length: float | None = None,
    vector: Any = None,
    embed: bool = True,
) -> Page:
    """Index one document (`pages_index` of one)."""
    item = PageInput(url=url, doc=doc, type=type, agency=agency, etag=etag, last_modified=last_modified, vector=vector)
    return pages_index(source=source, items=[item], avg_length=avg_length, embed=embed)[0]


def vectors_refresh(*, batch: int = 500) -> int:
    """Compute the vectors of pages that have none, or one of another model's size (after
    SEARCH_EMBED_MODEL changed), from their stored title and text; returns how many."""
    if not embeddings.enabled():
        return 0
    size = embeddings.dim() * 4
    todo = list(
        Page.objects.annotate(size=Length("embedding"))
        .filter(Q(embedding__isnull=True) | ~Q(size=size))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(todo), batch):
        pages = list(Page.objects.filter(pk__in=todo[start : start + batch]).only("pk", "title", "text"))
        vectors = embeddings.embed_passages([embeddings.passage_text(p.title, p.text) for p in pages])
        for page, vector in zip(pages, vectors, strict=True):
            page.embedding = embeddings.to_bytes(vector)
        with transaction.atomic():
            Page.objects.bulk_update(pages, ["embedding"], batch_size=200)
            transaction.on_commit(index_changed)
    return len(todo)


_KEEP: Any = object()


def page_touch(
    page: Page, *, etag: str = "", last_modified: str = "", links: list[str] | None = None, agency: Any = _KEEP
) -> None:
    """The page was checked and its text has not changed: remember the validators (and links),
    and its agency if the source's 機關對應規則 now give another one."""
    page.etag = etag[:200] or page.etag
    page.last_modified = last_modified[:100] or page.last_modified
    page.links = links[:1000] if links is not None else page.links
    page.fetched_at = timezone.now()
    fields = ["etag", "last_modified", "links", "fetched_at"]
    if agency is not _KEEP and page.agency_id != (agency.pk if agency is not None else None):
        page.agency = agency
        fields.append("agency")
    page.save(update_fields=fields)


def page_remove(*, url: str) -> int:
    removed = Page.objects.filter(url=url).delete()[0]
    index_changed()
    return removed


def source_mark_crawled(source: Source, *, report: dict[str, Any], now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    source.last_crawled_at = now
    source.next_crawl_at = now + dt.timedelta(hours=source.interval_hours)
    source.last_report = report
    source.save(update_fields=["last_crawled_at", "next_crawl_at", "last_report", "updated_at"])
