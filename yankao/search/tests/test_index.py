"""Indexing in batches, the static embedding model, the bounded full-text query and the
per-process vector matrix kept up to date."""

from __future__ import annotations

import numpy as np
import pytest
from django.utils import timezone

from yankao.search import embeddings, selectors, services
from yankao.search.models import Page, Posting
from yankao.search.static_model import model as static_model
from yankao.search.text import Extracted

pytestmark = pytest.mark.django_db
BASE = "http://batch.test/"


@pytest.fixture
def source():
    return services.source_create(actor=None, base_url=BASE, delay_seconds=0)


def item(path: str, title: str, text: str) -> services.PageInput:
    return services.PageInput(url=BASE + path, doc=Extracted(title=title, text=text))


def test_a_batch_is_indexed_whole_or_not_at_all(source, monkeypatch):
    services.pages_index(source=source, items=[item("a", "路燈報修", "路燈不亮請撥 1999。")], avg_length=50)
    before = list(Posting.objects.order_by("term").values_list("term", "weight"))

    def broken(rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "postings_write", broken)
    with pytest.raises(RuntimeError):
        services.pages_index(
            source=source,
            items=[item("a", "路燈報修（新版）", "路燈不亮請線上通報。"), item("b", "垃圾清運", "垃圾車時刻表。")],
            avg_length=50,
        )
    assert list(Page.objects.values_list("url", "title")) == [(BASE + "a", "路燈報修")]
    assert list(Posting.objects.order_by("term").values_list("term", "weight")) == before


def test_reindexing_replaces_postings_and_keeps_the_page(source):
    first = services.pages_index(source=source, items=[item("a", "路燈", "路燈不亮。")], avg_length=50)[0]
    again = services.pages_index(
        source=source, items=[item("a", "垃圾", "垃圾車。"), item("a", "垃圾清運", "垃圾車時刻。")], avg_length=50
    )
    assert len(again) == 1 and again[0].pk == first.pk  # the same URL once, as last given
    page = Page.objects.get()
    assert page.title == "垃圾清運"
    terms = set(Posting.objects.filter(page=page).values_list("term", flat=True))
    assert "垃圾" in terms and "路灯" not in terms
    assert Posting.objects.filter(page=page).count() == len(terms)  # no posting twice
    assert len(embeddings.from_bytes(page.embedding)) == embeddings.dim() == 256


def test_static_model_cuts_chinese_into_e5_pieces_and_groups_meanings():
    m = static_model()
    pieces = [next(body for body, (row, _) in m.rows.items() if row == r) for r in m.pieces("高雄市路燈 LED 1999")]
    assert "".join(pieces) == "高雄市路燈led1999"  # folded to lower case; nothing lost
    assert all(len(p) >= 1 for p in pieces) and len(pieces) < len("高雄市路燈led1999")  # words, not letters
    v = m.embed(["路燈故障報修", "路灯坏了怎么修", "幼兒園入學登記", ""])
    assert v.shape == (4, 256) and np.allclose(np.linalg.norm(v[:3], axis=1), 1, atol=1e-5)
    assert not v[3].any()  # nothing to embed: a zero vector, never NaN
    assert v[0] @ v[1] > v[0] @ v[2]  # Simplified paraphrase nearer than another topic


def test_each_term_reads_only_its_best_postings(source, settings):
    # page "strong" mentions 路燈 often; "weak" once in a long text
    services.pages_index(
        source=source,
        items=[
            item("strong", "路燈", "路燈 路燈 路燈 路燈。"),
            item("weak", "公告", "本處公告事項很多很多很多很多，其中路燈一項。"),
        ],
        avg_length=20,
    )
    assert [pk for pk, _ in selectors.fulltext_ranking("路燈")] == list(
        Page.objects.filter(url__in=[BASE + "strong", BASE + "weak"]).order_by("url").values_list("pk", flat=True)
    )
    settings.SEARCH_TERM_POSTINGS = 1
    assert [pk for pk, _ in selectors.fulltext_ranking("路燈")] == [Page.objects.get(url=BASE + "strong").pk]
    # a filter is applied before the cut, so the filtered page is still found
    weak = Page.objects.get(url=BASE + "weak")
    Page.objects.filter(pk=weak.pk).update(type=Page.Type.PDF)
    assert [pk for pk, _ in selectors.fulltext_ranking("路燈", selectors.Filters(type="pdf"))] == [weak.pk]


def test_vector_matrix_follows_the_index_incrementally(source, settings):
    settings.SEARCH_VECTOR_CHECK_SECONDS = 3600  # only an index change in this process refreshes
    cache = selectors._VectorCache()
    services.pages_index(source=source, items=[item("a", "路燈", "路燈不亮。")], avg_length=50)
    ids, matrix = cache.get()
    assert len(ids) == 1 and matrix.shape == (1, 256)
    services.pages_index(
        source=source, items=[item("b", "垃圾", "垃圾車。"), item("a", "路燈", "改了。")], avg_length=50
    )
    ids, matrix = cache.get()
    by_url = dict(Page.objects.values_list("url", "pk"))
    assert sorted(ids.tolist()) == sorted(by_url.values()) and matrix.shape == (2, 256)
    row = ids.tolist().index(by_url[BASE + "a"])
    stored = embeddings.from_bytes(Page.objects.get(url=BASE + "a").embedding)
    assert np.array_equal(matrix[row], stored)  # the re-indexed page's new vector, not the old one
    services.page_remove(url=BASE + "b")
    ids, _ = cache.get()
    assert ids.tolist() == [by_url[BASE + "a"]]
    # a vector of another model's size (before `search index --all`) is left out
    Page.objects.filter(url=BASE + "a").update(
        embedding=np.zeros(384, dtype="<f4").tobytes(), indexed_at=timezone.now()
    )
    selectors.index_changed()
    ids, _ = cache.get()
    assert ids.tolist() == []


def test_vectors_of_another_model_are_recomputed(source, settings):
    settings.SEARCH_EMBEDDINGS = False
    services.pages_index(
        source=source, items=[item("a", "路燈", "路燈不亮。"), item("b", "垃圾", "垃圾車。")], avg_length=50
    )
    settings.SEARCH_EMBEDDINGS = True
    Page.objects.filter(url=BASE + "b").update(embedding=np.ones(384, dtype="<f4").tobytes())
    assert services.vectors_refresh() == 2
    for page in Page.objects.all():
        expected = embeddings.embed_passages([embeddings.passage_text(page.title, page.text)])[0]
        assert np.array_equal(embeddings.from_bytes(page.embedding), expected)
    assert services.vectors_refresh() == 0  # nothing left to do


def test_a_term_new_to_the_index_is_found_at_once_by_a_process_that_asked_before(source):
    services.pages_index(source=source, items=[item("a", "路燈", "路燈不亮。")], avg_length=50)
    assert selectors.fulltext_ranking("垃圾") == []
    # indexed by another process: this one's version is not bumped
    version = selectors._VectorCache.version
    services.pages_index(source=source, items=[item("b", "垃圾", "垃圾車。")], avg_length=50)
    selectors._VectorCache.version = version
    assert [pk for pk, _ in selectors.fulltext_ranking("垃圾")] == [Page.objects.get(url=BASE + "b").pk]
