"""常見問答: the public page (everyone), the upkeep pages (the commission, the agency's manager),
the rules of the service, and the cross-agency search indexing the published answers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import make_staff
from yankao.org.models import Role
from yankao.search import records, selectors
from yankao.search.models import Page
from yankao.service.models import Category, Faq
from yankao.service.services.faq import faq_save

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "citizen", "other_staff", "own_staff", "commission", "admin"]


@pytest.fixture
def faqs(own_agency, other_agency):
    category = Category.objects.get(service_code="D11")
    shown = faq_save(
        actor=None,
        question="舊沙發要怎麼丟？",
        answer="請預約清潔隊收運大型家具。",
        agency=own_agency,
        category=category,
    )
    hidden = faq_save(
        actor=None, question="內部草稿問題", answer="尚未公開的回答。", agency=other_agency, is_published=False
    )
    return shown, hidden


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_page_shows_published_answers_to_everyone(client_for, persona, faqs):
    page = client_for(persona).get(reverse("service:faq"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "舊沙發要怎麼丟？" in html and "內部草稿問題" not in html
    csv = client_for(persona).get(reverse("service:faq"), {"format": "csv"})
    assert csv.status_code == 200 and "舊沙發要怎麼丟？" in csv.content.decode("utf-8-sig")


@pytest.mark.parametrize("persona", PERSONAS)
def test_upkeep_pages_permission_matrix(client_for, persona, faqs, own_agency):
    client = client_for(persona)
    shown, _ = faqs
    office, edit = reverse("service:faq_office"), reverse("service:faq_edit", args=[shown.pk])
    data = {
        "question": "新問題？",
        "answer": "新回答。",
        "agency": own_agency.pk,
        "sort_order": 0,
        "is_published": "on",
    }
    responses = [client.get(office), client.post(office, data), client.get(edit)]
    if persona in ("commission", "admin"):
        assert [r.status_code for r in responses] == [200, 302, 200]
        assert Faq.objects.filter(question="新問題？", agency=own_agency).exists()
    else:
        expected = 302 if persona == "anonymous" else 403
        assert [r.status_code for r in responses] == [expected] * 3
        assert not Faq.objects.filter(question="新問題？").exists()


def test_an_agency_manager_keeps_only_their_agency_answers(client, faqs, own_agency, other_agency):
    from conftest import login_as

    shown, hidden = faqs
    manager = make_staff("own-manager", own_agency, Role.AGENCY_MANAGER)
    login_as(client, manager)
    page = client.get(reverse("service:faq_office"))
    assert page.status_code == 200
    assert "舊沙發要怎麼丟？" in page.content.decode() and "內部草稿問題" not in page.content.decode()
    # another agency is not a choice of the form: refused, nothing saved
    data = {"question": "別機關的？", "answer": "回答。", "agency": other_agency.pk, "sort_order": 0}
    assert client.post(reverse("service:faq_office"), data).status_code == 400
    assert not Faq.objects.filter(question="別機關的？").exists()
    assert client.get(reverse("service:faq_edit", args=[hidden.pk])).status_code == 403
    changed = {
        "question": "舊沙發、床墊要怎麼丟？",
        "answer": "請預約清潔隊。",
        "agency": own_agency.pk,
        "sort_order": 1,
    }
    assert client.post(reverse("service:faq_edit", args=[shown.pk]), changed).status_code == 302
    shown.refresh_from_db()
    assert (shown.question, shown.is_published, shown.sort_order) == ("舊沙發、床墊要怎麼丟？", False, 1)
    with pytest.raises(PermissionDenied):
        faq_save(actor=manager, faq=hidden, question="改", answer="改", agency=own_agency)


def test_personal_data_and_empty_answers_are_refused_with_chinese_messages(client_for, faqs, own_agency):
    shown, _ = faqs
    client = client_for("commission")
    bad = {"question": "問題", "answer": "請打 0912-345-678 找王先生", "agency": own_agency.pk, "sort_order": 0}
    response = client.post(reverse("service:faq_edit", args=[shown.pk]), bad)
    assert response.status_code == 400 and "請勿填寫身分證字號、電話或電子郵件" in response.content.decode()
    shown.refresh_from_db()
    assert shown.answer == "請預約清潔隊收運大型家具。"
    with pytest.raises(ValidationError) as caught:
        faq_save(actor=None, question=" ", answer="", agency=None)
    assert set(caught.value.message_dict) == {"question", "answer", "agency"}


def test_published_answers_are_in_the_cross_agency_search(faqs, own_agency, settings):
    settings.SEARCH_EMBEDDINGS = False
    shown, _ = faqs
    records.index_records(vectors=False)
    faq_pages = Page.objects.filter(type=Page.Type.FAQ)
    assert list(faq_pages.values_list("url", "agency")) == [(f"{reverse('service:faq')}#faq-{shown.pk}", own_agency.pk)]
    hits = selectors.search(query="舊沙發", mode="fulltext").hits
    assert hits and hits[0].page.type == Page.Type.FAQ
    # unpublished: dropped from the index at the next run
    faq_save(actor=None, faq=shown, question=shown.question, answer=shown.answer, agency=own_agency, is_published=False)
    records.index_records(vectors=False)
    assert not Page.objects.filter(type=Page.Type.FAQ).exists()
