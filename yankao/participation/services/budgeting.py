"""參與式預算: phases, ideas, feasibility review, ballots (approval or knapsack), results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F

from yankao.core.audit import record_event
from yankao.org.permissions import is_commission
from yankao.participation.models import Ballot, BallotChoice, BudgetProcess, BudgetProject, ProjectProgress
from yankao.participation.permissions import acts_for_agency, can_run_budget

from .common import deny, local_date, now_or
from .identity import require_verified, verified_identity

Phase = BudgetProcess.Phase


def budget_process_create(
    *,
    actor: Any,
    agency: Any,
    title: str,
    year: int,
    total_budget: int,
    voting_style: str = BudgetProcess.Style.APPROVAL,
    max_choices: int = 3,
    district: Any = None,
    description: str = "",
) -> BudgetProcess:
    deny(is_commission(actor) or acts_for_agency(actor, agency), "只有主辦機關或研考會可以建立參與式預算。")
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = ["請輸入名稱。"]
    if total_budget is None or total_budget <= 0:
        errors["total_budget"] = ["預算總額須大於 0。"]
    if voting_style not in BudgetProcess.Style.values:
        errors["voting_style"] = ["請選擇投票方式。"]
    if voting_style == BudgetProcess.Style.APPROVAL and (max_choices or 0) < 1:
        errors["max_choices"] = ["可圈選案數至少 1 案。"]
    if errors:
        raise ValidationError(errors)
    return BudgetProcess.objects.create(
        title=title.strip(),
        description=(description or "").strip(),
        agency=agency,
        year=year,
        scope=BudgetProcess.Scope.DISTRICT if district else BudgetProcess.Scope.CITY,
        district=district,
        total_budget=total_budget,
        voting_style=voting_style,
        max_choices=max_choices or 1,
    )


def budget_phase_advance(*, actor: Any, process: BudgetProcess, now: dt.datetime | None = None) -> BudgetProcess:
    """Move to the next phase; entering 結果公布 computes and publishes the full tally."""
    deny(can_run_budget(actor, process), "只有主辦機關或研考會可以變更階段。")
    now = now_or(now)
    with transaction.atomic():
        process = BudgetProcess.objects.select_for_update().get(pk=process.pk)
        index = BudgetProcess.ORDER.index(process.phase)
        if index == len(BudgetProcess.ORDER) - 1:
            raise ValidationError("已是最後階段。", code="last")
        following = BudgetProcess.ORDER[index + 1]
        if following == Phase.VOTING:
            pending = process.projects.filter(status=BudgetProject.Status.IDEA).count()
            if pending:
                raise ValidationError(f"尚有 {pending} 案未完成可行性評估，不能開始投票。", code="pending")
            if not process.projects.filter(status=BudgetProject.Status.FEASIBLE).exists():
                raise ValidationError("沒有可行的提案，不能開始投票。", code="empty")
        process.phase = following
        if following == Phase.RESULTS:
            _publish_results(process, now)
        process.save()
    return process


def budget_results(process: BudgetProcess) -> list[tuple[BudgetProject, int, bool]]:
    """The tally: (project, votes, selected), by votes then lower cost then id.

    Selection (as Consul): take projects in that order while they fit in the remaining budget;
    a project that does not fit is skipped and cheaper ones below it may still be selected.
    """
    projects = list(
        process.projects.filter(status__in=["feasible", "selected", "not_selected"]).annotate(
            tally=Count("choices", distinct=True)
        )
    )
    projects.sort(key=lambda p: (-p.tally, p.cost_estimate or 0, p.pk))
    remaining = process.total_budget
    rows: list[tuple[BudgetProject, int, bool]] = []
    for project in projects:
        cost = project.cost_estimate or 0
        selected = project.tally > 0 and cost <= remaining
        if selected:
            remaining -= cost
        rows.append((project, project.tally, selected))
    return rows


def _publish_results(process: BudgetProcess, now: dt.datetime) -> None:
    for project, votes, selected in budget_results(process):
        project.votes = votes
        project.status = BudgetProject.Status.SELECTED if selected else BudgetProject.Status.NOT_SELECTED
        project.save()
    process.results_published_at = now
    record_event(process, note="公布投票結果", changes={"ballots": process.ballot_count})


def budget_idea_submit(*, actor: Any, process: BudgetProcess, title: str, description: str) -> BudgetProject:
    require_verified(actor)
    process = BudgetProcess.objects.get(pk=process.pk)
    if process.phase != Phase.IDEAS:
        raise ValidationError("目前不是提案蒐集階段。", code="phase")
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = ["請輸入提案名稱。"]
    if not (description or "").strip():
        errors["description"] = ["請說明提案內容。"]
    if errors:
        raise ValidationError(errors)
    return BudgetProject.objects.create(
        process=process, title=title.strip()[:100], description=description.strip(), proposer=actor
    )


def budget_project_review(
    *,
    actor: Any,
    project: BudgetProject,
    feasible: bool,
    cost_estimate: int | None,
    note: str,
    now: dt.datetime | None = None,
) -> BudgetProject:
    """可行性評估: feasible with a cost estimate, or not feasible with a reason."""
    deny(can_run_budget(actor, project.process), "只有主辦機關可以評估提案。")
    if project.process.phase not in (Phase.IDEAS, Phase.REVIEW):
        raise ValidationError("投票開始後不能再變更評估。", code="phase")
    note = (note or "").strip()
    if feasible and (cost_estimate is None or cost_estimate <= 0):
        raise ValidationError({"cost_estimate": ["可行的提案須填寫經費估算（大於 0 元）。"]})
    if feasible and cost_estimate is not None and cost_estimate > project.process.total_budget:
        raise ValidationError({"cost_estimate": ["經費估算超過預算總額。"]})
    if not feasible and not note:
        raise ValidationError({"note": ["不可行時請說明理由。"]})
    project.status = BudgetProject.Status.FEASIBLE if feasible else BudgetProject.Status.INFEASIBLE
    project.cost_estimate = cost_estimate if feasible else None
    project.review_note = note
    project.reviewed_at = now_or(now)
    project.save()
    return project


def budget_ballot_cast(
    *, actor: Any, process: BudgetProcess, project_ids: Sequence[int], now: dt.datetime | None = None
) -> Ballot:
    """一人一票: approval (at most N projects) or knapsack (within the budget); never counted twice."""
    verification = require_verified(actor)
    now = now_or(now)
    process = BudgetProcess.objects.get(pk=process.pk)  # the phase now, not as the caller last read it
    if process.phase != Phase.VOTING:
        raise ValidationError("目前不是投票階段。", code="phase")
    if process.scope == BudgetProcess.Scope.DISTRICT and verification.residence_district_id != process.district_id:
        raise ValidationError(f"此參與式預算限居住於{process.district}的市民投票。", code="eligibility")
    ids = list(dict.fromkeys(int(i) for i in project_ids))
    projects = list(process.projects.filter(pk__in=ids, status=BudgetProject.Status.FEASIBLE))
    if not ids:
        raise ValidationError("請至少選擇 1 個提案。", code="empty")
    if len(projects) != len(ids):
        raise ValidationError("選票包含不在本次投票的提案。", code="unknown")
    total = sum(p.cost_estimate or 0 for p in projects)
    if process.voting_style == BudgetProcess.Style.APPROVAL and len(ids) > process.max_choices:
        raise ValidationError(f"最多只能選擇 {process.max_choices} 個提案。", code="too_many")
    if process.voting_style == BudgetProcess.Style.KNAPSACK and total > process.total_budget:
        raise ValidationError(
            f"所選提案經費合計 {total:,} 元，超過預算總額 {process.total_budget:,} 元。", code="over_budget"
        )
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(
                process=process, identity=verified_identity(actor), user=actor, cast_at=now, total_cost=total
            )
            for project in projects:
                BallotChoice.objects.create(ballot=ballot, project=project)
            BudgetProcess.objects.filter(pk=process.pk).update(ballot_count=F("ballot_count") + 1)
    except IntegrityError:
        raise ValidationError("您已投過票（每人限投一票）。", code="duplicate") from None
    return ballot


def budget_progress_report(
    *, actor: Any, project: BudgetProject, percent: int, note: str, now: dt.datetime | None = None
) -> ProjectProgress:
    deny(can_run_budget(actor, project.process), "只有主辦機關可以更新執行進度。")
    if project.status != BudgetProject.Status.SELECTED:
        raise ValidationError("只有入選的提案有執行進度。", code="state")
    if percent is None or not 0 <= percent <= 100:
        raise ValidationError({"percent": ["進度請填 0 到 100。"]})
    if not (note or "").strip():
        raise ValidationError({"note": ["請說明執行情形。"]})
    now = now_or(now)
    with transaction.atomic():
        update = ProjectProgress.objects.create(
            project=project, percent=percent, note=note.strip()[:500], reported_on=local_date(now), reported_by=actor
        )
        project.progress_percent = percent
        project.save()
    return update
