"""Editing and 停用/啟用 a source (研考會), and the validation of its 機關對應規則."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yankao.core.models import AuditEvent
from yankao.search import selectors, services
from yankao.search.models import Source

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "citizen", "other_staff", "own_staff", "commission", "admin"]
MANAGERS = {"commission", "admin"}


@pytest.fixture
def source(own_agency) -> Source:
    return services.source_create(
        actor=None, base_url="https://pwb.example.tw/", name="工務局網站", agency=own_agency, delay_seconds=0.5
    )


def form_data(source: Source, **changes) -> dict:
    data = {
        "base_url": source.base_url,
        "name": source.name,
        "agency": source.agency_id or "",
        "sitemap_url": source.sitemap_url,
        "feed_url": source.feed_url,
        "include_patterns": source.include_patterns,
        "exclude_patterns": source.exclude_patterns,
        "agency_rules": source.agency_rules,
        "interval_hours": source.interval_hours,
        "delay_seconds": source.delay_seconds,
        "max_pages": source.max_pages,
        "is_active": "on" if source.is_active else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def saved(source: Source) -> dict:
    return {
        key: value
        for key, value in Source.objects.filter(pk=source.pk).values().get().items()
        if key not in ("updated_at",)
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_edit_permission_matrix(client_for, persona, source):
    client = client_for(persona)
    url = reverse("search:source_edit", args=[source.pk])
    before = saved(source)

    get = client.get(url)
    post = client.post(
        url, form_data(source, name="工務局入口網", is_active="", max_pages=50, agency_rules="/cab/ => 民政局")
    )

    if persona in MANAGERS:
        assert get.status_code == 200
        assert 'value="https://pwb.example.tw/"' in get.content.decode()
        assert (post.status_code, post["Location"]) == (302, reverse("search:sources"))
        source.refresh_from_db()
        assert (source.name, source.is_active, source.max_pages, source.agency_rules) == (
            "工務局入口網",
            False,
            50,
            "/cab/ => 民政局",
        )
        assert source.base_url == "https://pwb.example.tw/" and source.delay_seconds == 0.5
    else:
        assert (get.status_code, post.status_code) == ((302, 302) if persona == "anonymous" else (403, 403))
        if persona == "anonymous":
            assert get["Location"].startswith("/accounts/login/")
        assert saved(source) == before


def test_the_sources_page_links_each_source_to_its_edit_page(client_for, source):
    records = services.records_source()
    page = client_for("commission").get(reverse("search:sources")).content.decode()
    for each in (source, records):
        assert f'href="{reverse("search:source_edit", args=[each.pk])}"' in page
    assert "停用" not in page
    services.source_update(actor=None, source=source, is_active=False)
    assert "<td>停用</td>" in client_for("commission").get(reverse("search:sources")).content.decode()


def test_an_edit_is_audited_with_who_and_what(client_for, people, source):
    client_for("commission").post(reverse("search:source_edit", args=[source.pk]), form_data(source, interval_hours=48))
    event = AuditEvent.objects.filter(record_type="search.source", record_id=str(source.pk), action="update").get()
    assert (event.actor_id, event.channel) == (people["commission"].pk, AuditEvent.Channel.WEB)
    assert event.changes["interval_hours"] == {"before": 24, "after": 48}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"include_patterns": "/news/\n([a-z"}, "納入規則「([a-z」不是有效的正規表示式"),
        ({"exclude_patterns": "*.pdf"}, "排除規則「*.pdf」不是有效的正規表示式"),
        (
            {"agency_rules": "/cab/ => 民政局\n/tax/ => 不存在局"},
            "機關對應規則第 2 行「/tax/ => 不存在局」：找不到機關「不存在局」",
        ),
        ({"agency_rules": "/cab/ 民政局"}, "機關對應規則第 1 行「/cab/ 民政局」：格式應為「正規表示式 => 機關名稱」"),
        ({"agency_rules": "(/cab/ => 民政局"}, "機關對應規則第 1 行「(/cab/ => 民政局」：不是有效的正規表示式"),
        ({"base_url": "https://other.example.tw/"}, "此網站已在搜尋來源中"),
        ({"base_url": "ftp://pwb.example.tw/"}, "網站網址須以 http:// 或 https:// 開頭"),
        ({"interval_hours": 0}, "請確認此數值是否大於或等於 1"),
        ({"max_pages": 0}, "請確認此數值是否大於或等於 1"),
        ({"delay_seconds": -1}, "請確認此數值是否大於或等於 0"),
    ],
)
def test_invalid_input_gives_the_form_again_and_saves_nothing(client_for, source, changes, message):
    services.source_create(actor=None, base_url="https://other.example.tw/")
    before = saved(source)

    response = client_for("commission").post(
        reverse("search:source_edit", args=[source.pk]), form_data(source, name="改過的名稱", **changes)
    )

    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert saved(source) == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"base_url": "ftp://pwb.example.tw/"}, "網站網址須以 http:// 或 https:// 開頭"),
        ({"base_url": "https://other.example.tw/"}, "此網站已在搜尋來源中"),
        ({"include_patterns": "([a-z"}, "納入規則「([a-z」不是有效的正規表示式"),
        ({"agency_rules": "/x/ => 不存在局"}, "機關對應規則第 1 行「/x/ => 不存在局」：找不到機關「不存在局」"),
        ({"interval_hours": 0}, "更新間隔至少 1 小時"),
        ({"delay_seconds": -0.5}, "請求間隔不可為負"),
        ({"max_pages": 0}, "頁數至少 1"),
        ({"kind": Source.Kind.RECORDS}, "無法修改的欄位：kind"),
    ],
)
def test_source_update_validates_as_source_create(people, source, fields, message):
    services.source_create(actor=None, base_url="https://other.example.tw/")
    before = saved(source)
    with pytest.raises(ValidationError) as exc:
        services.source_update(actor=people["commission"], source=source, **fields)
    assert message in exc.value.messages[0]
    assert saved(source) == before


def test_source_update_keeps_its_own_url_and_moves_the_next_crawl(people, source):
    crawled = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    services.source_mark_crawled(source, report={}, now=crawled)

    services.source_update(actor=people["commission"], source=source, base_url=source.base_url, interval_hours=6)

    source.refresh_from_db()
    assert source.next_crawl_at == crawled + dt.timedelta(hours=6)


@pytest.mark.parametrize("persona", ["citizen", "other_staff", "own_staff"])
def test_source_update_refuses_a_non_commission_actor(people, source, persona):
    before = saved(source)
    with pytest.raises(PermissionDenied):
        services.source_update(actor=people[persona], source=source, is_active=False)
    assert saved(source) == before


def test_a_deactivated_source_is_not_crawled_until_activated(people, source):
    later = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    assert list(selectors.sources_due(later)) == [source]

    services.source_update(actor=people["commission"], source=source, is_active=False)
    assert list(selectors.sources_due(later)) == []

    services.source_update(actor=people["commission"], source=source, is_active=True)
    assert list(selectors.sources_due(later)) == [source]


@pytest.mark.parametrize(
    ("rules", "agency_code"),
    [("/pwb/ => 工務局", "PWB"), ("/pwb/ => 高雄市政府工務局", "PWB"), ("/cab/ => CAB", "CAB")],
)
def test_agency_rules_name_an_agency_by_name_short_name_or_code(people, source, rules, agency_code):
    services.source_update(actor=people["commission"], source=source, agency_rules=rules)
    [(pattern, agency)] = services.agency_rules_parse(source.agency_rules)
    assert agency.code == agency_code and pattern.pattern == rules.split(" => ")[0]


def test_source_create_validates_agency_rules(people):
    with pytest.raises(ValidationError, match="機關對應規則第 1 行「/x/ => 沒有這個局」：找不到機關「沒有這個局」"):
        services.source_create(
            actor=people["commission"], base_url="https://x.example.tw/", agency_rules="/x/ => 沒有這個局"
        )
    assert not Source.objects.exists()
    created = services.source_create(
        actor=people["commission"], base_url="https://x.example.tw/", agency_rules="/x/ => 民政局"
    )
    assert created.agency_rules == "/x/ => 民政局"


def test_the_records_source_has_no_url_to_edit(client_for, people):
    records = services.records_source()
    url = reverse("search:source_edit", args=[records.pk])
    client = client_for("commission")

    page = client.get(url).content.decode()
    assert 'name="base_url"' not in page and 'name="agency_rules"' not in page
    assert "沒有網址或抓取規則可編輯" in page
    # a URL posted anyway is not a field of this form: ignored; the rest is saved
    response = client.post(url, {"name": "本市公開資料", "base_url": "https://evil.example/"})
    assert response.status_code == 302
    records.refresh_from_db()
    assert (records.name, records.is_active, records.base_url) == ("本市公開資料", False, "")
    assert not selectors.records_indexing_active()
    # the service refuses a URL for it
    with pytest.raises(ValidationError, match="本系統公開資料不是網站"):
        services.source_update(actor=people["commission"], source=records, base_url="https://evil.example/")
    records.refresh_from_db()
    assert records.base_url == ""
    services.source_update(actor=people["commission"], source=records, is_active=True)
    assert selectors.records_indexing_active()


def test_an_unknown_source_is_not_found(client_for):
    assert client_for("commission").get(reverse("search:source_edit", args=[999999])).status_code == 404
