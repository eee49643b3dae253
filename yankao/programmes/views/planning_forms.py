"""The commission's forms on the planning page (work.planning), blank or as a failed write left them."""

from __future__ import annotations

from typing import Any

from yankao.programmes.forms import (
    AdminPlanCycleForm,
    BalanceForm,
    CallForm,
    CompileForm,
    CouncilForm,
    ProposalForm,
    SectionForm,
    TrainingForm,
)
from yankao.programmes.models import AdminPlanCycle, AdminPlanSection, PreReviewCall
from yankao.programmes.months import current_month
from yankao.programmes.permissions import can_act_for_agency, can_manage_programmes


def agency_forms(
    user: Any, call: PreReviewCall | None, cycle: AdminPlanCycle | None, bound: dict[str, Any]
) -> dict[str, Any]:
    """The agencies' own parts: a proposal to the open call, the agency's section of the plan."""
    forms: dict[str, Any] = {}
    commission = can_manage_programmes(user)
    acts_for_agency = user.agency_id is not None and can_act_for_agency(user, user.agency_id)
    if call is not None and call.balanced_on is None and (commission or acts_for_agency):
        forms["proposal_form"] = ProposalForm(for_any_agency=commission)
    if cycle is not None and cycle.compiled_on is None and acts_for_agency:
        held = AdminPlanSection.objects.filter(cycle=cycle, agency_id=user.agency_id).first()
        forms["section_form"] = SectionForm(initial={"content": held.content if held else ""})
    return forms | {k: v for k, v in bound.items() if k in ("proposal_form", "section_form")}


def planning_forms(call: PreReviewCall | None, cycle: AdminPlanCycle | None, bound: dict[str, Any]) -> dict[str, Any]:
    next_year = current_month().year - 1911 + 1
    forms: dict[str, Any] = {
        "call_form": CallForm(
            rows=6,
            initial={"budget_year": next_year, "title": f"{next_year}年度重要施政計畫先期作業實施計畫"},
        ),
        "admin_form": AdminPlanCycleForm(initial={"budget_year": next_year}),
    }
    if call is not None:
        forms["training_form"] = TrainingForm(rows=3, initial={"title": f"{call.budget_year}年度先期作業研習班"})
        if call.balanced_on is None:
            forms["balance_form"] = BalanceForm()
    if cycle is not None:
        forms["compile_form"] = CompileForm()
        if cycle.compiled_on is not None and cycle.sent_to_council_on is None:
            forms["council_form"] = CouncilForm()
    return forms | bound
