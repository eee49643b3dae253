"""The permission matrix of every Open311 page and API over the six personas."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import PERSONAS
from yankao.open311.models import ApiClient, ExternalCategory
from yankao.open311.services import api_client_create
from yankao.open311.tests.conftest import BASE

pytestmark = pytest.mark.django_db

COMMISSION = {"commission", "admin"}

# (url, who gets 200; the others: anonymous → sign-in page, signed-in → 403)
OFFICE_PAGES = ["/office/open311/clients/", "/office/open311/external-categories/"]
PUBLIC = [
    "/opendata/cases/",
    "/opendata/cases/fields.csv",
    f"{BASE}/discovery.json",
    f"{BASE}/services.json",
    f"{BASE}/services/D03.xml",
    f"{BASE}/requests.json",
    f"{BASE}/servicerequestupdates.json",
    f"{BASE}/openapi.json",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", OFFICE_PAGES)
def test_office_pages_are_the_commissions(client_for: Any, persona: str, url: str) -> None:
    response = client_for(persona).get(url)
    if persona in COMMISSION:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_and_api_answer_everyone(client_for: Any, persona: str, url: str) -> None:
    assert client_for(persona).get(url).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_issuing_a_key(client_for: Any, persona: str) -> None:
    response = client_for(persona).post("/office/open311/clients/", {"name": "區公所 App", "per_minute": "60"})
    if persona in COMMISSION:
        assert response.status_code == 200
        client = ApiClient.objects.get(name="區公所 App")
        key = response.context["new_key"]
        assert key.startswith(client.key_prefix) and len(key) > 30
        assert client.per_minute == 60 and client.created_by.username.startswith("rdec-")
    else:
        assert response.status_code in (302, 403)
        assert not ApiClient.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_revoking_a_key(client_for: Any, persona: str, city: Any) -> None:
    client, _ = api_client_create(actor=None, name="舊 App")
    response = client_for(persona).post(f"/office/open311/clients/{client.pk}/revoke/")
    client.refresh_from_db()
    if persona in COMMISSION:
        assert response.status_code == 302 and client.is_active is False and client.revoked_at is not None
    else:
        assert response.status_code in (302, 403)
        assert client.is_active is True and client.revoked_at is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_reviewing_an_external_item(client_for: Any, persona: str, city: Any) -> None:
    item = ExternalCategory.objects.get(source="taipei-1999", name="路樹處理")
    response = client_for(persona).post("/office/open311/external-categories/", {"item": item.pk, "category": "D06"})
    item.refresh_from_db()
    if persona in COMMISSION:
        assert response.status_code == 302 and item.category.service_code == "D06"
    else:
        assert response.status_code in (302, 403)
        assert item.category.service_code == "D02"


def test_key_list_exports_without_the_key(client_for: Any, city: Any) -> None:
    _, raw = api_client_create(actor=None, name="匯出測試", contact="王小明")
    response = client_for("commission").get("/office/open311/clients/?format=csv")
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "匯出測試" in body
    assert raw not in body and raw[12:] not in body
    page = client_for("commission").get("/office/open311/clients/").content.decode()
    assert "王小明" not in page and "王○○" in page


def test_a_post_needs_a_key_whoever_is_signed_in(client_for: Any) -> None:
    response = client_for("admin").post(
        f"{BASE}/requests.json", {"service_code": "D03", "lat": "22.6206", "long": "120.3126"}
    )
    assert response.status_code == 403
