"""The crawler against a real site served on 127.0.0.1: robots.txt, 304s, retries, failures."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from yankao.core.models import JobRun
from yankao.search import selectors, services
from yankao.search.crawler import crawl_source
from yankao.search.models import Page, Posting, Source
from yankao.search.tests.corpus import PAGES, SPECIAL

pytestmark = pytest.mark.django_db

CORPUS = len(PAGES) + len(SPECIAL)


def add_source(site, agency=None, **kw) -> Source:
    return services.source_create(actor=None, base_url=site.url, agency=agency, delay_seconds=0, **kw)


def test_crawl_indexes_the_site_politely(test_site, fast_crawl, own_agency):
    source = add_source(test_site, own_agency, sitemap_url=test_site.url + "sitemap.xml")

    report = crawl_source(source=source)

    # every corpus page, the start page, the flaky page, and the PDF and ODT attachments
    assert report.indexed == CORPUS + 1 + 1 + 2
    assert Page.objects.filter(source=source).count() == CORPUS + 4
    # robots.txt: /private/ is never requested
    assert test_site.count("/private/secret.html") == 0
    assert report.skipped_robots == 1
    assert not Page.objects.filter(url__contains="/private/").exists()
    # a page that failed twice was retried and indexed; one that always fails is reported
    assert test_site.count("/flaky.html") == 3
    assert Page.objects.get(url=test_site.url + "flaky.html").title == "颱風停班停課公告"
    assert test_site.count("/broken.html") == 3
    assert report.failed == [f"{test_site.url}broken.html：HTTP 500（嘗試 3 次）"]
    assert not Page.objects.filter(url__endswith="broken.html").exists()
    job = JobRun.objects.get(kind="search.crawl", key=str(source.pk))
    assert job.status == JobRun.Status.DONE and job.errors == report.failed
    # text, dates and types
    light = Page.objects.get(url=test_site.url + "pwb/streetlight.html")
    assert light.title == "路燈故障報修｜高雄市政府工務局"
    assert light.published_on == dt.date(2024, 3, 5)
    assert light.agency == own_agency
    assert "網站導覽" not in light.text  # header/nav/footer left out
    assert Page.objects.get(url__endswith="report.pdf").type == Page.Type.PDF
    odt = Page.objects.get(url__endswith="guide.odt")
    assert (odt.type, odt.title) == (Page.Type.ODT, "防颱準備手冊")
    source.refresh_from_db()
    assert source.last_report["indexed"] == CORPUS + 4
    assert source.next_crawl_at > source.last_crawled_at


def test_unchanged_pages_are_not_fetched_again(test_site, fast_crawl):
    source = add_source(test_site)
    crawl_source(source=source)
    light = Page.objects.get(url=test_site.url + "pwb/streetlight.html")
    before = (light.indexed_at, Posting.objects.filter(page=light).count())

    report = crawl_source(source=source)

    assert report.indexed == 0
    # every page with an ETag answered 304 Not Modified; the flaky page has none: fetched, same text
    assert (report.not_modified, report.unchanged) == (CORPUS + 3, 1)
    # links of unchanged pages are remembered: the failing page is tried and reported again
    assert report.failed == [f"{test_site.url}broken.html：HTTP 500（嘗試 3 次）"]
    assert test_site.count("/private/secret.html") == 0
    assert test_site.count("/pwb/streetlight.html", 200) == 1
    assert test_site.count("/pwb/streetlight.html", 304) == 1
    light.refresh_from_db()
    assert (light.indexed_at, Posting.objects.filter(page=light).count()) == before


def test_changed_page_is_reindexed_and_removed_page_dropped(test_site, fast_crawl):
    source = add_source(test_site)
    crawl_source(source=source)
    test_site.overrides["pwb/park.html"] = (
        '<html><head><meta charset="utf-8"><title>共融遊戲場</title></head><body><main>新設共融遊戲場。</main></body></html>'
    ).encode()
    (test_site.root / "epb").exists()
    test_site.overrides["index.html"] = (
        (test_site.root / "index.html").read_bytes().replace(b"/epb/dengue.html", b"/gone.html")
    )

    report = crawl_source(source=source)

    assert report.indexed == 1  # the changed page; the start page's text is the same (its links are kept)
    assert [h.page.url for h in selectors.search(query="共融", mode="fulltext").hits] == [
        test_site.url + "pwb/park.html"
    ]
    assert report.removed == 0  # dengue.html is still known and still served: kept
    assert f"{test_site.url}gone.html：HTTP 404" in report.failed


def test_a_broken_attachment_never_half_indexes(test_site, fast_crawl):
    source = add_source(test_site)
    crawl_source(source=source)
    pdf = Page.objects.get(url__endswith="report.pdf")
    before = (pdf.title, pdf.text, Posting.objects.filter(page=pdf).count())
    test_site.overrides["files/report.pdf"] = b"%PDF-1.4 truncated"

    report = crawl_source(source=source)

    assert f"{test_site.url}files/report.pdf：無法讀取內容" in report.failed[-1] or any(
        "report.pdf：無法讀取內容" in f for f in report.failed
    )
    pdf.refresh_from_db()
    assert (pdf.title, pdf.text, Posting.objects.filter(page=pdf).count()) == before


def test_include_and_exclude_rules(test_site, fast_crawl):
    source = add_source(test_site, include_patterns=r"/(sb|cab)/", exclude_patterns=r"marriage")
    crawl_source(source=source)
    urls = set(Page.objects.filter(source=source).values_list("url", flat=True))
    assert test_site.url + "sb/childcare-allowance.html" in urls
    assert test_site.url + "cab/marriage.html" not in urls
    assert not any("/pwb/" in u or "/epb/" in u for u in urls)


def test_commands_add_index_and_query(test_site, fast_crawl, own_agency):
    out = StringIO()
    call_command("search", "source", "add", test_site.url, "--agency", own_agency.name, "--delay", "0", stdout=out)
    assert "已新增搜尋來源" in out.getvalue()
    out = StringIO()
    call_command("search", "index", stdout=out)  # tasks run inline under the test settings
    assert '"indexed": 61' in out.getvalue()  # the website, then yankao's own public records
    assert Page.objects.filter(type=Page.Type.CATEGORY).count() == int(
        out.getvalue().split('"records": ')[1].split(",")[0]
    )
    out = StringIO()
    call_command("search", "query", "路燈", "--format", "json", stdout=out)
    hits = json.loads(out.getvalue())["hits"]
    # the agency's page and yankao's own 1999 category for street lights
    assert {h["url"] for h in hits[:2]} == {test_site.url + "pwb/streetlight.html", "/service/new/?category=D03"}
    page = next(h for h in hits if h["url"].endswith("streetlight.html"))
    assert (page["title"], page["agency"], page["date"], page["type"]) == (
        "路燈故障報修｜高雄市政府工務局",
        own_agency.name,
        "2024-03-05",
        "page",
    )
    assert "<mark>路燈</mark>" in page["snippet"]
    assert set(page) == {"url", "title", "agency", "date", "type", "score", "snippet"}


def test_source_rules_are_validated(test_site):
    add_source(test_site)
    with pytest.raises(Exception, match="此網站已在搜尋來源中"):
        add_source(test_site)
    with pytest.raises(Exception, match="正規表示式"):
        services.source_create(actor=None, base_url="https://example.org/", include_patterns="([")
    with pytest.raises(Exception, match="http"):
        services.source_create(actor=None, base_url="ftp://example.org/")
    assert Source.objects.count() == 1


def cab_urls(site) -> set[str]:
    return {
        site.url + f"cab/{name}.html"
        for name in ("birth", "doorplate", "household-register", "household-transcript", "id-card", "marriage")
    }


def test_agency_rules_give_pages_of_a_portal_their_own_agency(test_site, fast_crawl, own_agency, other_agency):
    # a portal of 工務局 whose /cab/ pages belong to 民政局 (named by its short name); the second
    # rule also matches /cab/ pages but the first matching rule wins; /cab/ never matches "/pwb/"
    source = add_source(test_site, own_agency, agency_rules="/cab/ => 民政局\ncab|tax => PWB\n\n")

    crawl_source(source=source)

    assert set(Page.objects.filter(agency=other_agency).values_list("url", flat=True)) == cab_urls(test_site)
    others = Page.objects.filter(source=source).exclude(url__in=cab_urls(test_site))
    assert others.count() == CORPUS + 4 - 6
    assert set(others.values_list("agency_id", flat=True)) == {own_agency.pk}
    # the search's agency filter finds them
    cab = selectors.search(query="戶政事務所", filters=selectors.Filters(agency_id=other_agency.pk), mode="fulltext")
    assert {hit.page.url for hit in cab.hits} == cab_urls(test_site)
    pwb = selectors.search(query="戶政事務所", filters=selectors.Filters(agency_id=own_agency.pk), mode="fulltext")
    assert not {hit.page.url for hit in pwb.hits} & cab_urls(test_site)


def test_changed_agency_rules_apply_to_unchanged_pages(test_site, fast_crawl, people, own_agency, other_agency):
    source = add_source(test_site, own_agency)
    crawl_source(source=source)
    assert not Page.objects.filter(agency=other_agency).exists()

    services.source_update(actor=people["commission"], source=source, agency_rules="/cab/ => 高雄市政府民政局")
    report = crawl_source(source=source)

    # the pages answered 304 Not Modified and were not re-indexed, but their agency follows the rule
    assert report.indexed == 0
    assert set(Page.objects.filter(agency=other_agency).values_list("url", flat=True)) == cab_urls(test_site)

    services.source_update(actor=people["commission"], source=source, agency_rules="")
    crawl_source(source=source)
    assert set(Page.objects.filter(source=source).values_list("agency_id", flat=True)) == {own_agency.pk}
