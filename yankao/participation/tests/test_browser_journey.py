"""The "Done when" journey in headless Chromium: a verified citizen proposes, the commission
screens, endorsements (threshold set low) establish the proposal at the moment the last one
arrives, and the agency's response reaches every endorser; pages pass axe-core."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from conftest import login_as
from yankao.participation import services
from yankao.participation.models import CitizenVerification, Proposal
from yankao.portal.tests.browser import PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def signed_in(new_context: Callable[..., BrowserContext], live_server: Any, user: Any, **kw: Any) -> Page:
    """A browser context carrying a session of `user` (staff past their second factor)."""
    client = login_as(Client(), user)
    context = new_context(**kw)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


@pytest.fixture
def long_sessions(settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 30 * 86400  # the journey moves the clock on by a day


def test_proposal_journey(new_context, live_server, people, proposer, make_citizen, long_sessions):
    services.proposal_rules_publish(
        actor=people["commission"], effective_from=timezone.localdate(), endorsement_threshold=2
    )
    first, second = make_citizen("0933111222"), make_citizen("0933333444")
    twin = make_citizen("0933111222")  # the first endorser's second account
    with time_machine.travel(timezone.now(), tick=True) as clock:
        # a verified citizen submits a proposal
        page = signed_in(new_context, live_server, proposer)
        page.goto("/participation/proposals/new/")
        expect(page.locator("h1")).to_have_text("我要提議")
        assert_accessible(page)
        page.get_by_label("提議標題").fill("學校周邊增設人行道")
        page.get_by_label("提議內容").fill("學生上下學沒有人行道，與車爭道。")
        page.get_by_label("預期效益").fill("通學安全。")
        page.get_by_label("建議主管機關（最多 3 個）").select_option(label="高雄市政府工務局")
        page.get_by_role("button", name="送出提議").click()
        expect(page.locator("#proposal-state")).to_have_text("待檢核")
        proposal = Proposal.objects.get(title="學校周邊增設人行道")

        # the commission screens it
        office = signed_in(new_context, live_server, people["commission"])
        office.goto(f"/office/participation/proposals/{proposal.pk}/")
        office.get_by_role("radio", name="通過", exact=True).check()
        office.get_by_role("button", name="送出檢核結果").click()
        expect(office.locator("#proposal-state")).to_have_text("附議中")
        assert_accessible(office)

        # endorsement opens the next day
        clock.shift(dt.timedelta(days=1))
        mail.outbox.clear()
        endorser = signed_in(new_context, live_server, first)
        endorser.goto(f"/participation/proposals/{proposal.pk}/")
        expect(endorser.locator(".pp-progress p")).to_have_text("0 / 2，剩 45 天")
        endorser.get_by_role("button", name="我要附議").click()
        expect(endorser.locator(".messages")).to_contain_text("感謝您的附議")
        expect(endorser.locator(".pp-progress p")).to_have_text("1 / 2，剩 45 天")

        # the same person from a second account is refused, and nothing is counted twice
        other_account = signed_in(new_context, live_server, twin)
        other_account.goto(f"/participation/proposals/{proposal.pk}/")
        expect(other_account.locator("#endorsed-note")).to_have_text("您已附議此提議。")
        assert Client().get("/").status_code == 200  # (the server is still fine)
        proposal.refresh_from_db()
        assert proposal.endorsement_count == 1

        # the second person's endorsement reaches the threshold: established at that moment
        page2 = signed_in(new_context, live_server, second, viewport=PHONE)
        page2.goto(f"/participation/proposals/{proposal.pk}/")
        page2.get_by_role("button", name="我要附議").click()
        expect(page2.locator("#proposal-state")).to_have_text("已成案（待回應）")
        scroll_width, inner_width = page2.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner_width
        assert_accessible(page2)
        proposal.refresh_from_db()
        assert proposal.state == Proposal.State.ESTABLISHED and proposal.endorsement_count == 2

        # the agency responds; the response reaches every endorser
        agency = signed_in(new_context, live_server, people["own_staff"])
        agency.goto(f"/office/participation/proposals/{proposal.pk}/")
        agency.get_by_role("radio", name="參採", exact=True).check()
        agency.locator("#id_reasons").fill("已納入通學步道計畫。")
        agency.locator("#id_planned_actions").fill("114 年施作。")
        agency.get_by_role("button", name="公布回應").click()
        expect(agency.locator("#proposal-state")).to_have_text("已回應")

    page.goto(f"/participation/proposals/{proposal.pk}/")
    expect(page.locator("#response-decision")).to_have_text("參採")
    assert_accessible(page)
    endorser_emails = {CitizenVerification.objects.get(user=u).email for u in (first, second)}
    reached = {m.to[0] for m in mail.outbox if m.subject.endswith("您附議的提議已獲回應")}
    assert reached == endorser_emails
    assert any(re.search("已納入通學步道計畫", m.body) for m in mail.outbox)


def test_public_and_office_pages_pass_axe(new_context, live_server, people, proposer, own_agency, make_citizen):
    proposal = services.proposal_submit(
        actor=proposer, title="公園增設遮蔭", content="內容", expected_benefit="效益", agencies=[own_agency]
    )
    services.proposal_screen(actor=people["commission"], proposal=proposal, passed=True)
    anonymous = new_context().new_page()
    for url in [
        "/participation/",
        "/participation/proposals/",
        f"/participation/proposals/{proposal.pk}/",
        "/participation/stats/",
        "/participation/budgets/",
        "/participation/consultations/",
        "/participation/subsidies/",
    ]:
        anonymous.goto(url)
        expect(anonymous.locator("h1")).to_be_visible()
        assert_accessible(anonymous)
    citizen = signed_in(new_context, live_server, make_citizen(verified=False), viewport=PHONE)
    citizen.goto("/participation/verify/")
    assert_accessible(citizen)
    office = signed_in(new_context, live_server, people["commission"])
    for url in [
        "/office/participation/",
        "/office/participation/proposals/",
        f"/office/participation/proposals/{proposal.pk}/",
        "/office/participation/subsidies/",
        "/office/participation/budgets/",
        "/office/participation/consultations/",
        "/office/participation/rules/",
        "/office/participation/endorsements/flagged/",
        "/office/participation/comments/",
    ]:
        office.goto(url)
        expect(office.locator("h1")).to_be_visible()
        assert_accessible(office)
