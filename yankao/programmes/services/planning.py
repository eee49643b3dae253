"""先期作業 (annual priority-programme pre-review), its training, and the administration plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.documents import Document, Heading, Paragraph, Table
from yankao.org.models import Agency, User
from yankao.programmes.models import (
    AdminPlanCycle,
    AdminPlanSection,
    CallStep,
    PreReviewCall,
    PreReviewProposal,
    ProposalReview,
    Training,
    TrainingBatch,
)
from yankao.programmes.permissions import can_act_for_agency, can_manage_programmes

from ._common import fail_if, require


def call_create(
    *,
    actor: User,
    budget_year: int,
    title: str,
    issued_on: dt.date,
    proposal_due: dt.date,
    steps: Sequence[tuple[str, dt.date]] = (),
) -> PreReviewCall:
    require(can_manage_programmes(actor), "只有研考會可以函頒先期作業實施計畫")
    errors = [] if title.strip() else ["請輸入名稱"]
    if proposal_due < issued_on:
        errors.append("提案期限不得早於函頒日期")
    if PreReviewCall.objects.filter(budget_year=budget_year).exists():
        errors.append(f"{budget_year} 年度已有先期作業")
    dates = [d for _, d in steps]
    if dates != sorted(dates):
        errors.append("時程須依日期先後排列")
    fail_if(errors)
    with transaction.atomic():
        call = PreReviewCall(
            budget_year=budget_year, title=title.strip(), issued_on=issued_on, proposal_due=proposal_due
        )
        call.save()
        for n, (name, due_on) in enumerate(steps, start=1):
            CallStep(call=call, seq=n, name=name, due_on=due_on).save()
    return call


def proposal_submit(
    *,
    actor: User,
    call: PreReviewCall,
    agency: Agency,
    name: str,
    requested_public: Decimal,
    requested_fund: Decimal = Decimal(0),
    requested_central: Decimal = Decimal(0),
) -> PreReviewProposal:
    """機關提案 with requested funding by source (含基金、中央補助)."""
    require(can_act_for_agency(actor, agency) or can_manage_programmes(actor), "只有提案機關可以提案")
    errors = [] if name.strip() else ["請輸入計畫名稱"]
    amounts = (requested_public, requested_fund, requested_central)
    if any(a < 0 for a in amounts):
        errors.append("需求經費不得為負數")
    elif sum(amounts) <= 0:
        errors.append("請填寫需求經費")
    if call.balanced_on is not None:
        errors.append("先期作業已完成預算平衡，不再受理提案")
    fail_if(errors)
    with transaction.atomic():
        proposal = PreReviewProposal(
            call=call,
            agency=agency,
            name=name.strip(),
            requested_public=requested_public,
            requested_fund=requested_fund,
            requested_central=requested_central,
            submitted_at=timezone.now(),
        )
        proposal.save()
    return proposal


def proposal_review(
    *,
    actor: User,
    proposal: PreReviewProposal,
    stage: str,
    reviewed_on: dt.date,
    public: Decimal,
    fund: Decimal,
    note: str = "",
) -> ProposalReview:
    """A review round (初審 / 府層級研商 / 預算平衡); the balance round fixes the approved amounts."""
    require(can_manage_programmes(actor), "只有研考會可以審議提案")
    errors = []
    if proposal.call.balanced_on is not None:
        errors.append("先期作業已完成預算平衡，不能再審議")
    if reviewed_on < proposal.call.issued_on:
        errors.append("審議日期不得早於先期作業函頒日期")
    if stage not in ProposalReview.Stage.values:
        errors.append("審議階段不正確")
    if public < 0 or fund < 0:
        errors.append("核列經費不得為負數")
    if public > proposal.requested_public:
        errors.append("核列公務預算不得超過需求")
    if fund > proposal.requested_fund:
        errors.append("核列基金預算不得超過需求")
    fail_if(errors)
    with transaction.atomic():
        review = ProposalReview(proposal=proposal, stage=stage, reviewed_on=reviewed_on, public=public, fund=fund)
        review.note = note.strip()
        review.save()
        proposal.approved_public, proposal.approved_fund = public, fund
        if stage == ProposalReview.Stage.BALANCE:
            approved = public + fund > 0
            proposal.status = PreReviewProposal.Status.APPROVED if approved else PreReviewProposal.Status.REJECTED
        else:
            proposal.status = PreReviewProposal.Status.REVIEWING
        proposal.save()
    return review


def call_balance_close(*, actor: User, call: PreReviewCall, balanced_on: dt.date) -> PreReviewCall:
    """預算平衡完成: every proposal has had its balance round; no more proposals or reviews after this."""
    require(can_manage_programmes(actor), "只有研考會可以完成預算平衡")
    errors = [] if call.balanced_on is None else ["先期作業已完成預算平衡"]
    proposals = call.proposals.all()
    if not proposals.exists():
        errors.append("尚無提案，不能完成預算平衡")
    pending = proposals.exclude(
        status__in=[PreReviewProposal.Status.APPROVED, PreReviewProposal.Status.REJECTED]
    ).count()
    if pending:
        errors.append(f"尚有 {pending} 案未經預算平衡審議")
    if balanced_on < call.issued_on:
        errors.append("預算平衡完成日不得早於函頒日期")
    fail_if(errors)
    with transaction.atomic():
        call.balanced_on = balanced_on
        call.save()
    return call


def training_record(
    *, actor: User, title: str, batches: Sequence[tuple[dt.date, int]], call: PreReviewCall | None = None
) -> Training:
    """A training class held in batches (梯次): [(date, attendees), …]."""
    require(can_manage_programmes(actor), "只有研考會可以登錄研習")
    errors = [] if title.strip() else ["請輸入研習名稱"]
    if not batches:
        errors.append("請至少登錄一個梯次")
    if any(n < 0 for _, n in batches):
        errors.append("參加人數不得為負數")
    fail_if(errors)
    with transaction.atomic():
        training = Training(call=call, title=title.strip())
        training.save()
        for seq, (held_on, attendees) in enumerate(batches, start=1):
            TrainingBatch(training=training, seq=seq, held_on=held_on, attendees=attendees).save()
    return training


def admin_plan_cycle_create(
    *, actor: User, budget_year: int, outline: str, outline_issued_on: dt.date, section_due: dt.date
) -> AdminPlanCycle:
    """策訂施政綱要 and ask agencies for their sections by `section_due`."""
    require(can_manage_programmes(actor), "只有研考會可以函頒施政綱要")
    errors = [] if outline.strip() else ["請輸入施政綱要"]
    if section_due < outline_issued_on:
        errors.append("機關提送期限不得早於綱要函頒日")
    if AdminPlanCycle.objects.filter(budget_year=budget_year).exists():
        errors.append(f"{budget_year} 年度施政計畫已建立")
    fail_if(errors)
    with transaction.atomic():
        cycle = AdminPlanCycle(
            budget_year=budget_year,
            outline=outline.strip(),
            outline_issued_on=outline_issued_on,
            section_due=section_due,
        )
        cycle.save()
    return cycle


def admin_plan_section_submit(*, actor: User, cycle: AdminPlanCycle, agency: Agency, content: str) -> AdminPlanSection:
    require(can_act_for_agency(actor, agency), "只有該機關人員可以提送施政計畫")
    fail_if([] if content.strip() else ["請輸入施政計畫內容"])
    if cycle.compiled_on is not None:
        raise ValidationError("施政計畫已彙編完成，不再受理提送")
    with transaction.atomic():
        section = AdminPlanSection.objects.filter(cycle=cycle, agency=agency).first() or AdminPlanSection(
            cycle=cycle, agency=agency
        )
        now = timezone.now()
        section.content, section.status = content.strip(), AdminPlanSection.Status.SUBMITTED
        section.submitted_at, section.submitted_by = now, actor
        section.is_late = timezone.localdate(now) > cycle.section_due
        section.save()
    return section


def admin_plan_compile(*, actor: User, cycle: AdminPlanCycle, compiled_on: dt.date) -> Document:
    """彙編: one document of the outline and every submitted section, in agency order."""
    require(can_manage_programmes(actor), "只有研考會可以彙編施政計畫")
    sections = list(
        cycle.sections.filter(status=AdminPlanSection.Status.SUBMITTED)
        .select_related("agency")
        .order_by("agency__sort_order", "agency__code")
    )
    errors = [] if sections else ["尚無機關提送施政計畫，無法彙編"]
    if compiled_on < cycle.outline_issued_on:
        errors.append("彙編完成日不得早於綱要函頒日")
    fail_if(errors)
    with transaction.atomic():
        cycle.compiled_on = compiled_on
        cycle.save()
    return admin_plan_document(cycle, sections)


def admin_plan_send_to_council(*, actor: User, cycle: AdminPlanCycle, sent_on: dt.date) -> AdminPlanCycle:
    """函送市議會, after the compilation."""
    require(can_manage_programmes(actor), "只有研考會可以函送施政計畫")
    errors = []
    if cycle.compiled_on is None:
        errors.append("施政計畫尚未彙編，不能函送市議會")
    elif sent_on < cycle.compiled_on:
        errors.append("函送日期不得早於彙編完成日")
    fail_if(errors)
    with transaction.atomic():
        cycle.sent_to_council_on = sent_on
        cycle.save()
    return cycle


def admin_plan_document(cycle: AdminPlanCycle, sections: list[AdminPlanSection]) -> Document:
    doc = Document(title=f"高雄市政府{cycle.budget_year}年度施政計畫", subtitle="（草案）")
    doc.blocks.append(Heading("壹、施政綱要"))
    doc.blocks += [Paragraph(p) for p in cycle.outline.splitlines() if p.strip()]
    doc.blocks.append(Heading("貳、各機關施政計畫"))
    for section in sections:
        doc.blocks.append(Heading(section.agency.name, level=2))
        doc.blocks += [Paragraph(p) for p in section.content.splitlines() if p.strip()]
    doc.blocks.append(
        Table(
            headers=["機關", "提送日期", "逾期"],
            rows=[
                [
                    s.agency.name,
                    s.submitted_at.date().isoformat() if s.submitted_at else "",
                    "是" if s.is_late else "否",
                ]
                for s in sections
            ],
            caption="機關提送情形",
        )
    )
    return doc
