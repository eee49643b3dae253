"""The risk map in a browser: two 3×3 grids, before and after the new countermeasures, each risk's
code in its cell and the cell coloured by its level (the issue's "Done when")."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.registers.risks import services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("register_defaults"),
]


@pytest.fixture
def rated_cycle(people, own_agency):
    actor = people["own_staff"]
    cycle = services.cycle_create(actor=actor, agency=own_agency, year=2024)
    for code, likelihood, impact in (("R01", 2, 2), ("R02", 1, 3), ("R03", 1, 1)):
        risk = services.risk_add(
            actor=actor,
            cycle=cycle,
            code=code,
            title=f"風險{code}",
            scenario="情境",
            existing_controls="對策",
            likelihood=likelihood,
            impact=impact,
        )
        if code != "R03":
            services.countermeasure_add(
                actor=actor, risk=risk, description="新增對策", owner="企劃科", due_on=dt.date(2024, 12, 31)
            )
            services.risk_rate_residual(actor=actor, risk=risk, likelihood=1, impact=2)
    return cycle


def cell(page, stage, likelihood, impact):
    return page.locator(
        f'svg.risk-map[data-stage="{stage}"] g.risk-cell[data-likelihood="{likelihood}"][data-impact="{impact}"]'
    )


def test_risk_map_before_and_after(page, sign_in_page, people, rated_cycle):
    sign_in_page(page, people["own_staff"])
    page.goto(f"/office/registers/risks/cycles/{rated_cycle.pk}/")
    expect(page.locator("h1")).to_contain_text("風險評估")
    maps = page.locator("svg.risk-map")
    expect(maps).to_have_count(2)
    expect(page.locator('svg.risk-map[data-stage="before"] g.risk-cell')).to_have_count(9)
    expect(page.locator('svg.risk-map[data-stage="after"] g.risk-cell')).to_have_count(9)
    # before: R01 in the medium cell (2,2), R02 in (1,3) also medium, R03 low (1,1)
    expect(cell(page, "before", 2, 2).locator("text")).to_have_text("R01")
    expect(cell(page, "before", 2, 2).locator("rect")).to_have_attribute("fill", "#fee08b")
    expect(cell(page, "before", 1, 3).locator("text")).to_have_text("R02")
    expect(cell(page, "before", 1, 1).locator("text")).to_have_text("R03")
    expect(cell(page, "before", 1, 1).locator("rect")).to_have_attribute("fill", "#1a9850")
    # after: both medium risks moved to the low cell (1,2); the medium cells are empty
    expect(cell(page, "after", 1, 2).locator("text")).to_have_text("R01、R02")
    expect(cell(page, "after", 2, 2).locator("text")).to_have_count(0)
    expect(cell(page, "after", 1, 3).locator("text")).to_have_count(0)
    # the same numbers in a table next to the maps
    expect(page.locator("#band-counts tbody tr").nth(0)).to_have_text("低度風險13")
    expect(page.locator("#band-counts tbody tr").nth(1)).to_have_text("中度風險20")
    assert_accessible(page)


def test_risk_map_fits_a_phone(new_context, sign_in_page, people, rated_cycle):
    page = new_context(viewport=PHONE).new_page()
    sign_in_page(page, people["own_staff"])
    page.goto(f"/office/registers/risks/cycles/{rated_cycle.pk}/")
    box = page.locator('svg.risk-map[data-stage="after"]').bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
