"""The commission's forms on the planning page (work.planning), blank or as a failed write left them."""

from __future__ import annotations

from typing import Any

from yankao.programmes.forms import AdminPlanCycleForm, BalanceForm, CallForm, CompileForm, CouncilForm, TrainingForm
from yankao.programmes.models import AdminPlanCycle, PreReviewCall
from yankao.programmes.months import current_month


def planning_forms(
    budget_year: int | None, call: PreReviewCall | None, cycle: AdminPlanCycle | None, bound: dict[str, Any]
) -> dict[str, Any]:
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
