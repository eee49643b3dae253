"""The polite crawler: robots.txt, a pause between requests, conditional GET, retries.

Fetched pages are indexed in batches of `SEARCH_INDEX_BATCH` (200), each batch one transaction
(`services.pages_index`): a page is indexed whole or not at all; a page that
still fails after its retries is reported in the job and in the source's last report, and its
previous version (if any) stays in the index.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from protego import Protego
from selectolax.lexbor import LexborHTMLParser

from yankao.core.jobs import job_finish, job_progress, job_start
from yankao.core.privacy import scrub_personal
from yankao.search import services
from yankao.search.fetch import USER_AGENT, Fetched, fetch
from yankao.search.models import Page, Source
from yankao.search.text import Extracted, extract_html, extract_odt, extract_pdf

HTML_TYPES = {"text/html", "application/xhtml+xml"}
PDF_TYPES = {"application/pdf"}
ODT_TYPES = {"application/vnd.oasis.opendocument.text"}
SKIP_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".svg",
    ".zip",
    ".mp4",
    ".mp3",
    ".css",
    ".js",
    ".xls",
    ".xlsx",
    ".doc",
    ".docx",
)


@dataclass
class CrawlReport:
    fetched: int = 0
    indexed: int = 0
    unchanged: int = 0
    not_modified: int = 0
    removed: int = 0
    skipped_robots: int = 0
    retried: int = 0
    failed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "fetched": self.fetched,
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "not_modified": self.not_modified,
            "removed": self.removed,
            "skipped_robots": self.skipped_robots,
            "retried": self.retried,
            "failed": self.failed,
        }


class Crawler:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.host = urlsplit(source.base_url).netloc
        self.include = [re.compile(p.strip()) for p in source.include_patterns.splitlines() if p.strip()]
        self.exclude = [re.compile(p.strip()) for p in source.exclude_patterns.splitlines() if p.strip()]
        # agencies resolved once per crawl; a rule whose agency no longer exists is skipped
        self.agency_rules = services.agency_rules_parse(source.agency_rules, strict=False)
        self.robots: Protego | None = None
        self.delay = source.delay_seconds
        self._last_request = 0.0
        self.report = CrawlReport()
        self.pending: list[services.PageInput] = []

    # --- politeness ------------------------------------------------------------------------
    def _get(self, url: str, **conditional: str) -> Fetched:
        wait = self._last_request + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        result = fetch(url, **conditional)
        self._last_request = time.monotonic()
        self.report.retried += result.attempts - 1
        return result

    def load_robots(self) -> list[str]:
        """Read robots.txt; returns the sitemaps it names. No robots.txt means everything is allowed."""
        result = self._get(urljoin(self.source.base_url, "/robots.txt"))
        if result.status == 200:
            self.robots = Protego.parse(result.body.decode("utf-8", errors="replace"))
            crawl_delay = self.robots.crawl_delay(USER_AGENT)
            if crawl_delay:
                self.delay = max(self.delay, float(crawl_delay))
            return list(self.robots.sitemaps)
        return []

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return False
        if parts.path.lower().endswith(SKIP_SUFFIXES):
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return url.rstrip("/") == self.source.base_url.rstrip("/")  # the start page is always read for links
        return not any(p.search(url) for p in self.exclude)

    def agency_for(self, url: str) -> Any:
        """The agency of the first 機關對應規則 whose regex is found in the URL, else the source's."""
        for pattern, agency in self.agency_rules:
            if pattern.search(url):
                return agency
        return self.source.agency

    def robots_allow(self, url: str) -> bool:
        return self.robots is None or self.robots.can_fetch(url, USER_AGENT)

    # --- discovery -------------------------------------------------------------------------
    def sitemap_urls(self, url: str) -> list[str]:
        result = self._get(url)
        if result.status != 200:
            if result.error:
                self.report.failed.append(f"{url}：{result.error}")
            return []
        tree = LexborHTMLParser(result.body.decode("utf-8", errors="replace"))
        found = [node.text(strip=True) for node in tree.css("loc")]
        found += [node.text(strip=True) for node in tree.css("item > link, entry > link")]
        found += [node.attributes.get("href") or "" for node in tree.css("entry > link[href]")]
        # a sitemap index points at further sitemaps
        nested = [u for u in found if u.endswith(".xml") and "sitemap" in u]
        urls = [u for u in found if u and u not in nested]
        for sub in nested[:50]:
            urls += self.sitemap_urls(sub)
        return urls

    def seeds(self) -> list[str]:
        seeds = [self.source.base_url]
        sitemaps = self.load_robots()
        for url in [self.source.sitemap_url, self.source.feed_url, *sitemaps]:
            if url:
                seeds += self.sitemap_urls(url)
        # pages known from earlier crawls: re-checked with a conditional GET even if no longer linked
        seeds += list(Page.objects.filter(source=self.source).values_list("url", flat=True))
        return seeds

    # --- one page --------------------------------------------------------------------------
    def visit(self, url: str, avg_length: float) -> list[str]:
        """Fetch and index one page; returns the links found on it."""
        known = Page.objects.filter(url=url).first()
        result = self._get(url, etag=known.etag if known else "", last_modified=known.last_modified if known else "")
        self.report.fetched += 1
        if result.status == 304 and known is not None:
            services.page_touch(known, agency=self.agency_for(url))
            self.report.not_modified += 1
            return list(known.links)
        if result.status in (404, 410):
            if known is not None:
                self.report.removed += services.page_remove(url=url)
            else:
                self.report.failed.append(f"{url}：{result.error}")
            return []
        if result.status != 200:
            self.report.failed.append(f"{url}：{result.error or f'HTTP {result.status}'}（嘗試 {result.attempts} 次）")
            return []
        try:
            doc, page_type = self.extract(result)
        except Exception as exc:  # a broken attachment must not stop the crawl
            self.report.failed.append(f"{url}：無法讀取內容（{type(exc).__name__}）")
            return []
        if doc is None:
            return []
        etag, modified = result.headers.get("etag", ""), result.headers.get("last-modified", "")
        if doc.noindex:
            return doc.links
        if known is not None and known.content_hash == services.content_hash(
            scrub_personal(doc.title.strip())[:300] or url, scrub_personal(doc.text.strip())
        ):
            services.page_touch(known, etag=etag, last_modified=modified, links=doc.links, agency=self.agency_for(url))
            self.report.unchanged += 1
            return doc.links
        self.pending.append(
            services.PageInput(
                url=url, doc=doc, type=page_type, agency=self.agency_for(url), etag=etag, last_modified=modified
            )
        )
        if len(self.pending) >= int(getattr(settings, "SEARCH_INDEX_BATCH", 200)):
            self.flush(avg_length)
        return doc.links

    def flush(self, avg_length: float) -> None:
        """Index the pages fetched since the last flush, in one transaction."""
        if self.pending:
            services.pages_index(source=self.source, items=self.pending, avg_length=avg_length)
            self.report.indexed += len(self.pending)
            self.pending = []

    def extract(self, result: Fetched) -> tuple[Extracted | None, str]:
        kind, path = result.content_type, urlsplit(result.url).path.lower()
        if kind in PDF_TYPES or path.endswith(".pdf"):
            return extract_pdf(result.body, url=result.url), Page.Type.PDF
        if kind in ODT_TYPES or path.endswith(".odt"):
            return extract_odt(result.body, url=result.url), Page.Type.ODT
        if kind in HTML_TYPES or not kind:
            return extract_html(result.body, url=result.url), Page.Type.PAGE
        return None, ""

    # --- the whole site --------------------------------------------------------------------
    def run(self, job: Any = None) -> CrawlReport:
        queue: deque[str] = deque()
        seen: set[str] = set()

        def push(url: str) -> None:
            if url not in seen and self.allowed(url):
                seen.add(url)
                queue.append(url)

        for url in self.seeds():
            push(url)
        avg_length = services.average_length()
        done = 0
        try:
            while queue and done < self.source.max_pages:
                url = queue.popleft()
                if not self.robots_allow(url):
                    self.report.skipped_robots += 1
                    continue
                for link in self.visit(url, avg_length):
                    push(link)
                done += 1
                if job is not None:
                    job_progress(job, done=done, message=f"已處理 {done} 頁，待處理 {len(queue)} 頁")
        finally:
            self.flush(avg_length)  # what was fetched is indexed even if the crawl stops early
        return self.report


def crawl_source(*, source: Source, user: Any = None) -> CrawlReport:
    """Crawl one website source as a job with progress; mark it crawled."""
    job = job_start(kind="search.crawl", key=str(source.pk), label=f"搜尋索引：{source.name}", user=user)
    report = Crawler(source).run(job)
    services.source_mark_crawled(source, report=report.as_dict())
    job_finish(
        job,
        ok=True,
        summary=report.as_dict() | {"failed": len(report.failed)},
        errors=report.failed,
        message=f"索引 {report.indexed} 頁，未變更 {report.unchanged + report.not_modified} 頁，失敗 {len(report.failed)} 頁",
    )
    return report
