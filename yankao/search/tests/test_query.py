"""Queries of 1 and 2 characters, Simplified input, 臺/台, mixed scripts, phrases, filters and
natural questions over the corpus (with vectors from the bundled e5 model)."""

from __future__ import annotations

import datetime as dt

import pytest

from yankao.search import selectors
from yankao.search.models import Page, Posting
from yankao.search.tests.corpus import index_corpus

pytestmark = pytest.mark.django_db
BASE = "http://corpus.test/"


@pytest.fixture
def corpus(own_agency):
    return index_corpus(base_url=BASE, agency=own_agency)


def top(query: str, n: int = 3, mode: str = "hybrid", **filters) -> list[str]:
    results = selectors.search(query=query, mode=mode, filters=selectors.Filters(**filters), limit=10)
    return [h.page.url.removeprefix(BASE) for h in results.hits[:n]]


def test_one_and_two_character_queries(corpus):
    assert top("路燈", 1) == ["pwb/streetlight.html"]
    assert top("路燈", 2, mode="fulltext") == ["pwb/streetlight.html", "pwb/streetlight-led.html"]
    assert set(top("稅", 3, mode="fulltext")) == {
        "tax/house-tax.html",
        "tax/license-tax.html",
        "tax/land-value-tax.html",
    }
    assert top("燈", 1, mode="fulltext") == ["pwb/streetlight.html"]
    assert set(top("停車", 3, mode="fulltext")) == {
        "tb/parking-fee.html",
        "tb/parking-lots.html",
        "tb/illegal-parking.html",
    }
    assert top("公車", 1) == ["tb/bus.html"]


def test_simplified_input_and_tai_folding(corpus):
    assert top("路灯", 1) == ["pwb/streetlight.html"]
    assert top("户籍誊本", 1) == ["cab/household-transcript.html"]
    assert top("垃圾车时间", 1) == ["epb/garbage.html"]
    # the page writes 新臺幣; the query 新台幣 finds it (and the other way round)
    assert top("新台幣 50 元", 1, mode="fulltext") == ["cab/id-card.html"]


def test_mixed_scripts(corpus):
    assert top("LINE 報修", 1) == ["rdec/line.html"]
    assert top("iTaiwan", 1) == ["rdec/itaiwan.html"]
    assert top("ITAIWAN", 1, mode="fulltext") == ["rdec/itaiwan.html"]  # case folded
    assert top("YouBike 租借", 1) == ["tb/youbike.html"]
    assert top("ＡＱＩ", 1, mode="fulltext") == ["epb/air-quality.html"]  # full-width folded


def test_natural_questions(corpus):
    assert "pwb/streetlight.html" in top("路燈壞了要找誰修？")
    assert "sb/elderly-nhi.html" in top("爸爸七十歲健保費可以補助嗎")
    assert "sb/childcare-allowance.html" in top("育兒津貼怎麼申請")
    assert "epb/bulky-waste.html" in top("舊沙發要怎麼丟")
    assert "cab/household-transcript.html" in top("我要申請戶籍謄本要帶什麼？")


def test_phrase_query_requires_the_exact_words(corpus):
    hits = selectors.search(query="「垃圾車」", limit=10).hits
    assert hits
    assert all("垃圾車" in h.page.title + h.page.text for h in hits)
    assert {h.page.url.removeprefix(BASE) for h in hits} >= {"epb/garbage.html", "epb/recycling.html"}
    # the words apart, but not as a phrase
    assert selectors.search(query='"回收垃圾"', limit=10).hits == []


def test_filters_by_type_and_date(corpus):
    Page.objects.filter(url=BASE + "tb/bus.html").update(type=Page.Type.PDF)
    assert top("公車", 5, type=Page.Type.PDF) == ["tb/bus.html"]
    after = dt.date(2024, 6, 1)
    hits = selectors.search(query="補助", filters=selectors.Filters(date_from=after), limit=10).hits
    assert hits and all(h.page.published_on >= after for h in hits)
    assert "sb/elderly-nhi.html" not in [h.page.url.removeprefix(BASE) for h in hits]


def test_snippets_highlight_the_query_on_the_original_text(corpus):
    hit = selectors.search(query="路灯", limit=1).hits[0]
    assert "<mark>路燈</mark>" in hit.snippet
    assert "<script" not in selectors.snippet("<script>x</script>路燈", ["路灯"])


def test_personal_data_is_never_indexed(corpus):
    contact = Page.objects.get(url=BASE + "notes/contact.html")
    for secret in ("0912-345-678", "A123456789", "volunteer.wang@example.com"):
        assert secret not in contact.text
    assert not Posting.objects.filter(
        term__in=["0912", "345", "678", "a123456789", "volunteer.wang", "example.com"]
    ).exists()
    assert selectors.search(query="A123456789", mode="fulltext").hits == []


def test_common_terms_are_left_out_only_on_a_large_index():
    df = {"高雄": 900, "路灯": 12}
    assert selectors.prune_common_terms(df, 100) == df  # small index: everything counts
    assert selectors.prune_common_terms(df, 2000) == {"路灯": 12}
    assert selectors.prune_common_terms({"高雄": 900}, 2000) == {"高雄": 900}  # nothing rarer: keep it
