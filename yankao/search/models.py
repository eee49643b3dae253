"""Search: the sources the commission configures, the pages indexed from them, and the index.

`Source` is a domain record (audited). `Page` and `Posting` are derived data rebuilt from the
sources at any time, so they are plain models: an audit event per indexed page would only
repeat the crawl.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from yankao.core.models import AuditedModel


class Source(AuditedModel):
    """一個機關網站（或 yankao 自己的公開資料）: what to crawl, how politely and how often."""

    class Kind(models.TextChoices):
        WEBSITE = "website", "機關網站"
        RECORDS = "records", "本系統公開資料"

    name = models.CharField("名稱", max_length=100)
    kind = models.CharField("種類", max_length=10, choices=Kind.choices, default=Kind.WEBSITE)
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="機關"
    )
    base_url = models.URLField("網站網址", max_length=500, blank=True)
    sitemap_url = models.URLField("網站地圖（sitemap）", max_length=500, blank=True)
    feed_url = models.URLField("RSS 網址", max_length=500, blank=True)
    include_patterns = models.TextField("納入規則（每行一個正規表示式）", blank=True)
    exclude_patterns = models.TextField("排除規則（每行一個正規表示式）", blank=True)
    # multi-agency portals: `REGEX => 機關` a line; a page takes the first matching rule's agency
    agency_rules = models.TextField("機關對應規則（每行「正規表示式 => 機關名稱」）", blank=True)
    interval_hours = models.PositiveIntegerField("更新間隔（小時）", default=24)
    delay_seconds = models.FloatField("同一網站兩次請求間隔（秒）", default=1.0)
    max_pages = models.PositiveIntegerField("每次最多頁數", default=2000)
    is_active = models.BooleanField("啟用", default=True)
    next_crawl_at = models.DateTimeField("下次更新", default=timezone.now)
    last_crawled_at = models.DateTimeField("上次更新", null=True, blank=True)
    last_report = models.JSONField("上次更新結果", default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["base_url"], condition=~models.Q(base_url=""), name="search_source_url_uniq"
            ),
            models.CheckConstraint(condition=models.Q(delay_seconds__gte=0), name="search_source_delay_ge0"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_due(self, now: dt.datetime | None = None) -> bool:
        return self.is_active and self.next_crawl_at <= (now or timezone.now())


class Page(models.Model):
    """One indexed document: a web page, an attachment (PDF/ODT) or a public record of yankao."""

    class Type(models.TextChoices):
        PAGE = "page", "網頁"
        PDF = "pdf", "PDF 附件"
        ODT = "odt", "ODT 附件"
        PROPOSAL = "proposal", "公民提議與機關回應"
        REPORT = "report", "施政報告"
        CATEGORY = "category", "1999 服務項目"
        FAQ = "faq", "常見問答"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="pages")
    url = models.CharField("網址", max_length=1000, unique=True)
    type = models.CharField("類型", max_length=10, choices=Type.choices, default=Type.PAGE, db_index=True)
    agency = models.ForeignKey("org.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField("標題", max_length=300)
    text = models.TextField("內文")
    language = models.CharField("語言", max_length=10, default="zh-Hant")
    published_on = models.DateField("日期", null=True, blank=True, db_index=True)
    length = models.PositiveIntegerField("詞數", default=0)
    content_hash = models.CharField(max_length=64, blank=True)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    links = models.JSONField("頁內連結", default=list, blank=True)
    embedding = models.BinaryField("語意向量（float32）", null=True, blank=True)
    fetched_at = models.DateTimeField("抓取時間", default=timezone.now)
    indexed_at = models.DateTimeField("索引時間", default=timezone.now, db_index=True)  # vector refresh

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title


class Posting(models.Model):
    """Inverted index: a term (a folded CJK character or bigram, or a Latin word) in a page.

    `weight` is the BM25 term-frequency part, saturated and length-normalised when the page is
    indexed; the query multiplies it by the term's idf (counted at query time).
    """

    term = models.CharField(max_length=40)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="postings")
    weight = models.FloatField()

    class Meta:
        # a query reads each term's best postings in weight order (impact-ordered, index only);
        # a page's postings are written once per indexing (from a Counter), so no unique check
        # (the foreign key's own index serves deleting a page's postings)
        indexes = [models.Index(fields=["term", "weight", "page"], name="search_posting_impact")]

    def __str__(self) -> str:
        return f"{self.term}@{self.page_id}"
