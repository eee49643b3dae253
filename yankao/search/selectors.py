"""Reads of the search app: full-text (BM25 over the character-bigram index), vectors, hybrid."""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from yankao.search import embeddings
from yankao.search.models import Page, Posting, Source
from yankao.search.text import fold, query_terms, split_phrases

CANDIDATES = 100
RRF_K = 60
# folded characters of question words: a bigram made only of these says nothing about the topic
_QUESTION_CHARS = frozenset(fold("怎麼如何請問哪裡個什麼嗎呢該要找誰是否可以有沒多少辦能會我的了想去到在哪幾時候"))


@dataclass
class Filters:
    agency_id: int | None = None
    type: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def apply(self, qs: QuerySet[Page], prefix: str = "") -> QuerySet[Page]:
        lookups: dict[str, Any] = {}
        if self.agency_id:
            lookups[f"{prefix}agency_id"] = self.agency_id
        if self.type:
            lookups[f"{prefix}type"] = self.type
        if self.date_from:
            lookups[f"{prefix}published_on__gte"] = self.date_from
        if self.date_to:
            lookups[f"{prefix}published_on__lte"] = self.date_to
        return qs.filter(**lookups)

    @property
    def active(self) -> bool:
        return bool(self.agency_id or self.type or self.date_from or self.date_to)


@dataclass
class Hit:
    page: Page
    score: float
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))
    fulltext_rank: int | None = None
    vector_rank: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "url": self.page.url,
            "title": self.page.title,
            "agency": self.page.agency.name if self.page.agency else "",
            "date": self.page.published_on.isoformat() if self.page.published_on else None,
            "type": self.page.type,
            "score": round(self.score, 6),
            "snippet": str(self.snippet),
        }


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    mode: str = "hybrid"


def meaningful_terms(query: str) -> list[str]:
    terms = query_terms(query)
    kept = [t for t in terms if not all(ch in _QUESTION_CHARS for ch in t)]
    return kept or terms


COMMON_SHARE = 0.25  # a term on more than a quarter of the pages adds little and costs a long posting list
COMMON_MIN_PAGES = 1000


def prune_common_terms(df: dict[str, int], total: int) -> dict[str, int]:
    """On a large index, leave out terms found on more than COMMON_SHARE of the pages when the
    query has rarer terms too (their idf is near zero; scanning their postings is most of the cost)."""
    if total < COMMON_MIN_PAGES:
        return df
    rare = {t: n for t, n in df.items() if n <= total * COMMON_SHARE}
    return rare or df


class _IndexStats:
    """Pages in the index and each term's document frequency, remembered per process for
    SEARCH_TERM_STATS_SECONDS (5 minutes; an index change in this process forgets them at once):
    idf moves slowly as pages are added, and counting a term's pages costs up to a few
    milliseconds a term.

    A term's count stops at a quarter of the index (+1): beyond that it is a common term, whose
    exact frequency changes nothing but would cost a scan of its whole posting list."""

    def __init__(self) -> None:
        self.version = -1
        self.at = 0.0
        self.total = 0
        self.df: dict[str, int] = {}
        self.lock = threading.Lock()

    def fresh(self) -> None:
        interval = float(getattr(settings, "SEARCH_TERM_STATS_SECONDS", 300))
        if self.version != _VectorCache.version or time.monotonic() - self.at >= interval:
            self.total = Page.objects.count()
            self.df = {}
            self.version, self.at = _VectorCache.version, time.monotonic()

    def frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        with self.lock:
            self.fresh()
            cap = int(self.total * COMMON_SHARE) + 1 if self.total >= COMMON_MIN_PAGES else None
            table = connection.ops.quote_name(Posting._meta.db_table)
            with connection.cursor() as cursor:
                for term in terms:
                    if term in self.df:
                        continue
                    if cap is None:
                        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE term = %s", [term])  # noqa: S608
                    else:
                        cursor.execute(
                            f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE term = %s LIMIT %s) AS t",  # noqa: S608
                            [term, cap],
                        )
                    found = cursor.fetchone()[0]
                    if found:  # a term not (yet) in the index is asked again next time
                        self.df[term] = found
            return self.total, {t: self.df[t] for t in terms if t in self.df}


index_stats_cache = _IndexStats()


def fulltext_ranking(query: str, filters: Filters | None = None, limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """(page id, BM25 score), best first. Phrases in quotes must appear as written (folded).

    Each term contributes its SEARCH_TERM_POSTINGS highest-weighted postings (impact-ordered, from
    the index on term and weight), so a query reads a bounded number of rows however large the
    index grows; a page that is not among any term's best postings is not a candidate."""
    _, phrases = split_phrases(query)
    terms = meaningful_terms(query)
    if not terms:
        return []
    total, df = index_stats_cache.frequencies(terms)
    if not df:
        return []
    df = prune_common_terms(df, total)
    idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in df.items()}
    per_term = int(getattr(settings, "SEARCH_TERM_POSTINGS", 5000))
    table = connection.ops.quote_name(Posting._meta.db_table)
    where_filter, filter_params = "", []
    if filters is not None and filters.active:
        page_sql, page_params = filters.apply(Page.objects.all()).values("pk").query.sql_with_params()
        where_filter, filter_params = f" AND page_id IN ({page_sql})", list(page_params)
    parts: list[str] = []
    params: list[Any] = []
    for n, (term, weight) in enumerate(idf.items()):
        parts.append(
            f"SELECT * FROM (SELECT page_id, weight * %s AS s FROM {table} "  # noqa: S608
            f"WHERE term = %s{where_filter} ORDER BY weight DESC LIMIT %s) AS t{n}"
        )
        params += [weight, term, *filter_params, per_term]
    fetch = limit * 5 if phrases else limit
    sql = (
        f"SELECT page_id, SUM(s) AS score FROM ({' UNION ALL '.join(parts)}) AS candidates "  # noqa: S608
        f"GROUP BY page_id ORDER BY score DESC, page_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, fetch])
        ranked = [(int(pk), float(score)) for pk, score in cursor.fetchall()]
    if not phrases:
        return ranked
    folded_phrases = [fold(p) for p in phrases]
    texts = {
        pk: (title, text)
        for pk, title, text in Page.objects.filter(pk__in=[r[0] for r in ranked]).values_list("pk", "title", "text")
    }
    return [
        (pk, score)
        for pk, score in ranked
        if pk in texts and all(p in fold(f"{texts[pk][0]}\n{texts[pk][1]}") for p in folded_phrases)
    ][:limit]


class _VectorCache:
    """All page vectors as one matrix per process, kept up to date with the index.

    A page indexed in this process bumps `version` at once; pages indexed by other processes (the
    task worker) are noticed by a cheap check (pages counted, latest `indexed_at` and id, from
    indexes) at most every SEARCH_VECTOR_CHECK_SECONDS. Only the pages indexed since the last
    load are read (with a minute of overlap for transactions that committed late); if the pages
    known then disagree with the count (pages removed), everything is read again. Vectors of
    another model's size are left out (docs/search.md, changing the model).
    """

    version = 0
    OVERLAP = dt.timedelta(minutes=1)

    def __init__(self) -> None:
        self.key: tuple[Any, ...] | None = None
        self.seen_version = -1
        self.checked_at = 0.0
        self.since: dt.datetime | None = None
        self.dim = 0
        self.known = np.zeros(0, dtype=np.int64)  # every page id read, with a vector or not
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.lock = threading.Lock()

    def _read(self, qs: QuerySet[Page]) -> tuple[np.ndarray, np.ndarray, np.ndarray, dt.datetime | None]:
        """(ids, vectors) of the pages in `qs` with a vector of the model's size, every page id
        read, and the latest `indexed_at` read."""
        size = self.dim * 4
        ids: list[int] = []
        seen: list[int] = []
        chunks: list[bytes] = []
        latest: dt.datetime | None = None
        for pk, vector, indexed_at in qs.values_list("pk", "embedding", "indexed_at"):
            seen.append(pk)
            latest = indexed_at if latest is None or indexed_at > latest else latest
            if vector is not None and len(vector) == size:
                ids.append(pk)
                chunks.append(bytes(vector))
        matrix = np.frombuffer(b"".join(chunks), dtype="<f4").reshape(len(ids), self.dim)
        return np.array(ids, dtype=np.int64), matrix, np.array(seen, dtype=np.int64), latest

    def get(self) -> tuple[np.ndarray, np.ndarray]:
        interval = float(getattr(settings, "SEARCH_VECTOR_CHECK_SECONDS", 10))
        with self.lock:
            now = time.monotonic()
            if self.seen_version == _VectorCache.version and now - self.checked_at < interval:
                return self.ids, self.matrix
            # three queries, each from an index (in one, PostgreSQL scans the table: 60 ms at 100 k pages)
            stamp = {
                "n": Page.objects.count(),
                "last": Page.objects.aggregate(last=Max("indexed_at"))["last"],
                "top": Page.objects.aggregate(top=Max("id"))["top"],
            }
            key = (stamp["n"], stamp["last"], stamp["top"], embeddings.model_name())
            self.checked_at, self.seen_version = now, _VectorCache.version
            if key == self.key:
                return self.ids, self.matrix
            if self.key is not None and self.since is not None and key[3] == self.key[3]:
                ids, matrix, seen, latest = self._read(Page.objects.filter(indexed_at__gte=self.since - self.OVERLAP))
                known = np.union1d(self.known, seen)
                if len(known) == stamp["n"]:
                    keep = ~np.isin(self.ids, seen)
                    self.ids = np.concatenate([self.ids[keep], ids])
                    self.matrix = np.vstack([self.matrix[keep], matrix])
                    self.known = known
                    self.since = max(self.since, latest) if latest else self.since
                    self.key = key
                    return self.ids, self.matrix
            self.dim = embeddings.dim()
            self.ids, self.matrix, self.known, self.since = self._read(Page.objects.all())
            self.key = key
            return self.ids, self.matrix


def index_changed() -> None:
    """Called by the services after a page is indexed or removed."""
    _VectorCache.version += 1


vector_cache = _VectorCache()


def vector_ranking(query: str, filters: Filters | None = None, limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """(page id, cosine similarity), best first."""
    if not query.strip() or not embeddings.enabled():
        return []
    ids, matrix = vector_cache.get()
    if not len(ids):
        return []
    scores = matrix @ embeddings.embed_query(query)
    if filters is not None and filters.active:
        allowed = np.fromiter(filters.apply(Page.objects.all()).values_list("pk", flat=True), dtype=np.int64)
        scores = np.where(np.isin(ids, allowed), scores, -np.inf)
    if len(scores) > limit:  # the best `limit` without sorting them all
        best = np.argpartition(-scores, limit)[:limit]
        top = best[np.argsort(-scores[best], kind="stable")]
    else:
        top = np.argsort(-scores, kind="stable")
    return [(int(ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]


def search(
    *, query: str, filters: Filters | None = None, mode: str = "hybrid", limit: int = 10, offset: int = 0
) -> Results:
    """Search the index. `mode`: fulltext, vector or hybrid (reciprocal rank fusion of both)."""
    query = query.strip()[:200]
    results = Results(query=query, terms=meaningful_terms(query), mode=mode)
    if not query:
        return results
    _, phrases = split_phrases(query)
    fulltext = fulltext_ranking(query, filters) if mode in ("fulltext", "hybrid") else []
    # a phrase query is exact by definition: vectors would bring pages without the phrase
    vector = vector_ranking(query, filters) if mode in ("vector", "hybrid") and not phrases else []
    fused: dict[int, float] = {}
    ranks: dict[int, list[int | None]] = {}
    for which, ranking in enumerate((fulltext, vector)):
        for rank, (pk, score) in enumerate(ranking, start=1):
            ranks.setdefault(pk, [None, None])[which] = rank
            if mode == "hybrid":
                fused[pk] = fused.get(pk, 0.0) + 1.0 / (RRF_K + rank)
            else:
                fused[pk] = score
    ordered = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[offset : offset + limit]
    pages = Page.objects.select_related("agency").defer("embedding", "links").in_bulk([pk for pk, _ in ordered])
    for pk, score in ordered:
        page = pages.get(pk)
        if page is None:
            continue
        hit = Hit(page=page, score=score, fulltext_rank=ranks[pk][0], vector_rank=ranks[pk][1])
        hit.snippet = snippet(page.text, results.terms + [fold(p) for p in phrases])
        results.hits.append(hit)
    return results


def snippet(text: str, terms: list[str], width: int = 120) -> SafeString:
    """The window of `text` with the most query terms, terms in <mark> (positions via folding)."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        start = folded.find(term)
        while start != -1 and len(spans) < 500:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    if not spans:
        return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))  # noqa: S308
    spans.sort()
    best_start, best_count = spans[0][0], 0
    for i, (s, _) in enumerate(spans):
        count = len({folded[a:b] for a, b in spans[i:] if a < s + width})
        if count > best_count:
            best_start, best_count = s, count
    begin = max(0, best_start - 20)
    end = min(len(text), begin + width)
    merged: list[list[int]] = []
    for a, b in spans:
        if b <= begin or a >= end:
            continue
        a, b = max(a, begin), min(b, end)
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out: list[str] = []
    pos = begin
    for a, b in merged:
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out).replace("\n", " ") + suffix)  # noqa: S308


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("agency").annotate(page_count=Count("pages")).order_by("kind", "name")


def sources_due(now: dt.datetime | None = None) -> QuerySet[Source]:
    from django.utils import timezone

    return Source.objects.filter(is_active=True, kind=Source.Kind.WEBSITE, next_crawl_at__lte=now or timezone.now())


def records_indexing_active() -> bool:
    """yankao's own records are indexed hourly unless the commission 停用 their source."""
    return not Source.objects.filter(kind=Source.Kind.RECORDS, is_active=False).exists()


def index_stats() -> dict[str, int]:
    return {"pages": Page.objects.count(), "postings": Posting.objects.count(), "sources": Source.objects.count()}
