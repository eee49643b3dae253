"""The public search page and API (everyone), the sources page (研考會), and yankao's own records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from yankao.participation import services as participation
from yankao.participation.tests.conftest import at
from yankao.search import records, selectors, services
from yankao.search.models import Page, Source
from yankao.search.text import Extracted

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "citizen", "other_staff", "own_staff", "commission", "admin"]
MANAGERS = {"commission", "admin"}


@pytest.fixture
def small_index(settings, own_agency):
    settings.SEARCH_EMBEDDINGS = False
    source = services.source_create(actor=None, base_url="http://site.test/", agency=own_agency)
    services.page_index(
        source=source,
        url="http://site.test/light.html",
        doc=Extracted(title="路燈故障報修", text="路燈不亮請撥 1999。", published_on=dt.date(2024, 3, 5)),
    )
    return source


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(client_for, persona, small_index):
    client = client_for(persona)
    # public search page and API: everyone
    page = client.get(reverse("search:search"), {"q": "路燈"})
    assert page.status_code == 200
    assert "路燈故障報修" in page.content.decode()
    api = client.get(reverse("search:api_search"), {"q": "路燈"})
    assert api.status_code == 200 and api.json()["hits"][0]["url"] == "http://site.test/light.html"
    assert client.get(reverse("search:api_answer"), {"q": "路燈"}).status_code == 200
    # sources: the commission only
    sources_url = reverse("search:sources")
    crawl_url = reverse("search:source_crawl", args=[small_index.pk])
    get = client.get(sources_url)
    post = client.post(sources_url, {"base_url": "https://new.example.org/", "interval_hours": 24, "delay_seconds": 1})
    if persona in MANAGERS:
        assert get.status_code == 200
        assert post.status_code == 302
        assert Source.objects.filter(base_url="https://new.example.org/").exists()
    else:
        expected = 302 if persona == "anonymous" else 403
        assert (get.status_code, post.status_code) == (expected, expected)
        assert not Source.objects.filter(base_url="https://new.example.org/").exists()
    crawl = client.post(crawl_url)
    assert crawl.status_code == (302 if persona in MANAGERS or persona == "anonymous" else 403)
    if persona == "anonymous":
        assert "/accounts/login/" in crawl["Location"]


def test_service_refuses_a_non_commission_actor(people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.source_create(actor=people["own_staff"], base_url="https://x.example.org/")
    assert not Source.objects.exists()


def test_api_rejects_an_unknown_mode(client, small_index):
    assert client.get(reverse("search:api_search"), {"q": "路燈", "mode": "magic"}).status_code == 400


def test_api_filters(client, small_index, other_agency):
    url = reverse("search:api_search")
    assert len(client.get(url, {"q": "路燈", "agency": small_index.agency_id}).json()["hits"]) == 1
    assert client.get(url, {"q": "路燈", "agency": other_agency.pk}).json()["hits"] == []
    assert client.get(url, {"q": "路燈", "date_from": "113/04/01"}).json()["hits"] == []
    assert len(client.get(url, {"q": "路燈", "date_to": "113/04/01", "type": "page"}).json()["hits"]) == 1


def test_public_records_are_indexed_without_personal_data(settings, people, proposer, own_agency):
    settings.SEARCH_EMBEDDINGS = False
    proposal = participation.proposal_submit(
        actor=proposer,
        title="增設路燈改善夜間照明",
        content="巷口路燈太暗，晚上很危險。聯絡我 0912-345-678。",
        expected_benefit="提升夜間安全。",
        agencies=[own_agency],
        now=at(2024, 1, 4),
    )
    participation.proposal_screen(actor=people["commission"], proposal=proposal, passed=True, now=at(2024, 1, 8))
    hidden = participation.proposal_submit(
        actor=proposer,
        title="尚未檢核的提議",
        content="內容",
        expected_benefit="效益",
        agencies=[own_agency],
        now=at(2024, 1, 5),
    )

    summary = records.index_records()

    assert summary["records"] >= 1
    page = Page.objects.get(url=reverse("participation:proposal_detail", args=[proposal.pk]))
    assert page.type == Page.Type.PROPOSAL and page.agency == own_agency
    assert "0912-345-678" not in page.text and proposer.username not in page.text + page.title
    assert not Page.objects.filter(url=reverse("participation:proposal_detail", args=[hidden.pk])).exists()
    hits = selectors.search(query="路燈太暗", mode="fulltext").hits
    assert hits[0].page == page
    # categories of the 1999 line are public records too
    assert Page.objects.filter(type=Page.Type.CATEGORY).exists()
    # re-indexing unchanged records changes nothing
    assert records.index_records()["indexed"] == 0
