"""The demo reproduces the reference figures of 壹、五 exactly, through the selectors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from yankao.core.audit import verify_chain
from yankao.core.demo import DemoContext
from yankao.participation import selectors
from yankao.participation.models import BudgetProcess, Proposal, ProposalResponse


@pytest.mark.django_db
def test_demo_reproduces_the_113_figures_and_every_state():
    from yankao.org import demo as org_demo
    from yankao.participation import demo

    ctx = DemoContext(scale=0.05, progress=lambda _m: None)
    org_demo.populate(ctx)
    demo.populate(ctx)
    assert selectors.subsidy_application_count(year=2024) == 30
    assert selectors.subsidy_approved_count(year=2024) == 15
    assert selectors.subsidy_approved_amount(year=2024) == 2_616_400
    assert selectors.subsidy_approved_amount_wan(year=2024) == Decimal("261.64")
    assert [d for d, _ in selectors.school_commute_sites(year=2024)] == ["鳳山區", "仁武區"]
    rules = selectors.proposal_rules_in_force(on=dt.date(2024, 12, 31))
    assert (rules.endorsement_days, rules.endorsement_threshold) == (45, 1500)
    assert set(Proposal.objects.values_list("state", flat=True)) == set(Proposal.State.values)
    responded = Proposal.objects.get(state=Proposal.State.RESPONDED)
    assert responded.endorsement_count >= 1500 and responded.response.decision == ProposalResponse.Decision.PARTIAL
    process = BudgetProcess.objects.get()
    assert process.phase == BudgetProcess.Phase.IMPLEMENTATION and process.results_published_at is not None
    assert selectors.endorsements_flagged().count() == 3
    assert verify_chain().ok
    before = (Proposal.objects.count(), selectors.subsidy_application_count(year=2024))
    demo.populate(ctx)  # idempotent
    assert (Proposal.objects.count(), selectors.subsidy_application_count(year=2024)) == before
