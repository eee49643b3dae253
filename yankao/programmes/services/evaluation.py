"""年終考核 and 市營事業機構年度考核: plan, self-assessment, scores per criterion, grade."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.org.models import Agency, User
from yankao.programmes.models import (
    CriterionScore,
    Evaluation,
    EvaluationPlan,
    EvaluationSession,
    PlanCriterion,
    Programme,
    Scheme,
)
from yankao.programmes.permissions import can_act_for_agency, can_manage_programmes
from yankao.programmes.selectors.rules import bands_in_force, criteria_in_force, grade_for

from ._common import fail_if, require


class CriterionInput(NamedTuple):
    code: str
    name: str
    weight: Decimal


class BandInput(NamedTuple):
    grade: str
    min_score: Decimal


def evaluation_plan_issue(
    *, actor: User, scheme: str, year: int, title: str, issued_on: dt.date, self_assessment_due: dt.date | None = None
) -> EvaluationPlan:
    """Issue the year's evaluation plan; it keeps the criteria and grade bands in force that day."""
    require(can_manage_programmes(actor), "只有研考會可以訂定考核實施計畫")
    criteria = criteria_in_force(scheme, issued_on)
    bands = bands_in_force(scheme, issued_on)
    errors = [] if title.strip() else ["請輸入名稱"]
    if scheme not in Scheme.values:
        errors.append("考核類別不正確")
    if not criteria or sum(c.weight for c in criteria) != 100:
        errors.append("考核項目權重合計須為 100%，請先檢查考核項目設定")
    if not bands:
        errors.append("尚未設定等第級距")
    if EvaluationPlan.objects.filter(scheme=scheme, year=year).exists():
        errors.append(f"{year} 年度已有考核實施計畫")
    fail_if(errors)
    with transaction.atomic():
        plan = EvaluationPlan(
            scheme=scheme,
            year=year,
            title=title.strip(),
            issued_on=issued_on,
            self_assessment_due=self_assessment_due,
            grade_bands=bands,
        )
        plan.save()
        for n, c in enumerate(criteria):
            PlanCriterion(plan=plan, code=c.code, name=c.name, weight=c.weight, seq=n).save()
    return plan


def evaluation_session_add(*, actor: User, plan: EvaluationPlan, held_on: dt.date, note: str = "") -> EvaluationSession:
    require(can_manage_programmes(actor), "只有研考會可以登錄考評場次")
    with transaction.atomic():
        session = EvaluationSession(plan=plan, held_on=held_on, note=note.strip())
        session.save()
    return session


def evaluation_add(
    *, actor: User, plan: EvaluationPlan, programme: Programme | None = None, enterprise: Agency | None = None
) -> Evaluation:
    """Include a programme (of the plan's year) or an enterprise in the evaluation."""
    require(can_manage_programmes(actor), "只有研考會可以決定受考核對象")
    errors = []
    if plan.scheme == Scheme.PROGRAMME:
        if programme is None or enterprise is not None:
            errors.append("列管計畫考核須指定列管計畫")
        elif programme.year != plan.year:
            errors.append(f"列管計畫屬 {programme.year} 年度，不是 {plan.year} 年度")
        elif Evaluation.objects.filter(plan=plan, programme=programme).exists():
            errors.append("此計畫已納入考核")
    else:
        if enterprise is None or enterprise.kind != Agency.Kind.ENTERPRISE:
            errors.append("事業機構考核須指定市營事業機構")
        elif Evaluation.objects.filter(plan=plan, enterprise=enterprise).exists():
            errors.append("此事業機構已納入考核")
    fail_if(errors)
    agency = programme.lead_agency if programme is not None else enterprise
    with transaction.atomic():
        evaluation = Evaluation(plan=plan, programme=programme, enterprise=enterprise, agency=agency)
        evaluation.save()
    return evaluation


def evaluation_self_assess(
    *, actor: User, evaluation: Evaluation, text: str, self_score: Decimal | None = None
) -> Evaluation:
    """機關自評, before the commission scores."""
    require(can_act_for_agency(actor, evaluation.agency_id), "只有受考核機關可以填寫自評")
    errors = [] if text.strip() else ["請填寫自評內容"]
    if self_score is not None and not 0 <= self_score <= 100:
        errors.append("自評分數須介於 0 與 100 之間")
    if evaluation.status == Evaluation.Status.SCORED:
        errors.append("已完成評分，不能再修改自評")
    fail_if(errors)
    with transaction.atomic():
        evaluation.self_assessment, evaluation.self_score = text.strip(), self_score
        evaluation.status, evaluation.self_submitted_at = Evaluation.Status.SELF_ASSESSED, timezone.now()
        evaluation.save()
    return evaluation


def weighted_total(scores: dict[str, Decimal], criteria: list[PlanCriterion]) -> Decimal:
    """Σ weight × score / 100, to two places (half-up)."""
    total = sum((Decimal(c.weight) * scores[c.code] for c in criteria), Decimal(0)) / 100
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def evaluation_score(
    *, actor: User, evaluation: Evaluation, scores: dict[str, Decimal], comment: str = ""
) -> Evaluation:
    """Score every criterion (0–100); total = weighted sum; grade from the plan's bands."""
    require(can_manage_programmes(actor), "只有研考會可以評分")
    criteria = list(evaluation.plan.criteria.all())
    codes = {c.code for c in criteria}
    errors = []
    missing = [c.name for c in criteria if c.code not in scores]
    if missing:
        errors.append(f"請為每個考核項目評分（缺：{'、'.join(missing)}）")
    unknown = sorted(set(scores) - codes)
    if unknown:
        errors.append(f"未知的考核項目：{'、'.join(unknown)}")
    errors += [f"「{code}」分數 {v} 須介於 0 與 100 之間" for code, v in scores.items() if not 0 <= v <= 100]
    fail_if(errors)
    total = weighted_total(scores, criteria)
    grade = grade_for(total, evaluation.plan.grade_bands)
    if not grade:
        raise ValidationError("總分不在任何等第級距內，請檢查級距設定")
    with transaction.atomic():
        held = {s.criterion_id: s for s in evaluation.scores.all()}
        for criterion in criteria:
            row = held.get(criterion.pk) or CriterionScore(evaluation=evaluation, criterion=criterion)
            row.score = scores[criterion.code]
            row.save()
        evaluation.total_score, evaluation.grade, evaluation.comment = total, grade, comment.strip()
        evaluation.status, evaluation.scored_by, evaluation.scored_at = Evaluation.Status.SCORED, actor, timezone.now()
        evaluation.save()
    return evaluation


def _criteria_errors(criteria: Sequence[CriterionInput]) -> list[str]:
    errors = []
    if not criteria:
        return ["請至少設定一個考核項目"]
    for n, c in enumerate(criteria, start=1):
        if not c.code.strip() or not c.name.strip():
            errors.append(f"第 {n} 個考核項目須有代碼與名稱")
        if not 0 < c.weight <= 100:
            errors.append(f"考核項目「{c.name or n}」的權重須大於 0 且不超過 100")
    codes = [c.code.strip() for c in criteria]
    if len(set(codes)) != len(codes):
        errors.append("考核項目代碼不得重複")
    total = sum((c.weight for c in criteria), Decimal(0))
    if total != 100:
        errors.append(f"考核項目權重合計須為 100%（目前為 {total.normalize():f}%）")
    return errors


def _band_errors(bands: Sequence[BandInput]) -> list[str]:
    errors = []
    if not bands:
        return ["請至少設定一個等第級距"]
    for b in bands:
        if not b.grade.strip():
            errors.append("每個等第級距須有等第名稱")
        if not 0 <= b.min_score <= 100:
            errors.append(f"{b.grade}等的最低分數須介於 0 與 100 之間")
    grades = [b.grade.strip() for b in bands]
    if len(set(grades)) != len(grades):
        errors.append("等第名稱不得重複")
    for higher, lower in itertools.pairwise(bands):
        if lower.min_score >= higher.min_score:
            errors.append(
                f"等第級距須由高至低排列：{lower.grade}等的最低分數（{lower.min_score}）"
                f"須低於{higher.grade}等（{higher.min_score}）"
            )
    if bands[-1].min_score != 0:
        errors.append("最低等第的最低分數須為 0，每個總分才有等第")
    return errors


def evaluation_plan_set_rules(
    *, actor: User, plan: EvaluationPlan, criteria: Sequence[CriterionInput], bands: Sequence[BandInput]
) -> EvaluationPlan:
    """Edit the plan's own criteria, weights and grade bands (甲/乙/丙 cut-offs, highest first) before
    anything is scored; the rule records in force (EvaluationCriterion, GradeBand) stay as they were."""
    require(can_manage_programmes(actor), "只有研考會可以修改考核項目與等第級距")
    errors = _criteria_errors(criteria) + _band_errors(bands)
    if CriterionScore.objects.filter(evaluation__plan=plan).exists():
        errors.append("已有評分結果，不能再修改考核項目與等第級距")
    fail_if(errors)
    with transaction.atomic():
        plan = EvaluationPlan.objects.select_for_update().get(pk=plan.pk)
        if CriterionScore.objects.filter(evaluation__plan=plan).exists():
            raise ValidationError("已有評分結果，不能再修改考核項目與等第級距")
        held = {c.code: c for c in plan.criteria.all()}
        wanted = {c.code.strip() for c in criteria}
        for code, row in held.items():
            if code not in wanted:
                row.delete()
        for seq, c in enumerate(criteria):
            row = held.get(c.code.strip()) or PlanCriterion(plan=plan, code=c.code.strip())
            row.name, row.weight, row.seq = c.name.strip(), c.weight, seq
            row.save()
        plan.grade_bands = [{"grade": b.grade.strip(), "min_score": str(b.min_score)} for b in bands]
        plan.save()
    return plan


def evaluation_results_issue(*, actor: User, plan: EvaluationPlan, issued_on: dt.date) -> EvaluationPlan:
    """函送考核結果: once every evaluation of the plan is scored; the letters per agency follow from it."""
    require(can_manage_programmes(actor), "只有研考會可以函送考核結果")
    evaluations = plan.evaluations.all()
    errors = [] if evaluations.exists() else ["尚無受考核對象，不能函送考核結果"]
    unscored = evaluations.exclude(status=Evaluation.Status.SCORED).count()
    if unscored:
        errors.append(f"尚有 {unscored} 案未完成評分，不能函送考核結果")
    if issued_on < plan.issued_on:
        errors.append("函送日期不得早於考核實施計畫函頒日期")
    if plan.report_issued_on is not None:
        errors.append("考核結果已函送")
    fail_if(errors)
    with transaction.atomic():
        plan.report_issued_on = issued_on
        plan.save()
    return plan
