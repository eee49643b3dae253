"""Demo: the 112 study of civic participation (final report 113 年 6 月) and the 113 study of the
just net-zero transition (mid-term review 113 年 11 月). Contractors, amounts and reviewers are
illustrative; the reference gives titles and months only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.registers.demo_support import agency, agency_staff, commission_officer
from yankao.registers.research import services
from yankao.registers.research.models import Milestone, ResearchProject

CIVIC = "高雄市公民參與推動現況與效益之研究"
NET_ZERO = "高雄市淨零-公正轉型之研究:以旗美汙水廠碳中和改善統包工程為例"


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    if ResearchProject.objects.filter(title__in=[CIVIC, NET_ZERO]).exists():
        return
    officer = commission_officer()
    rdec = agency("RDEC")
    civic = services.project_create(
        actor=officer,
        year=2023,
        agency=rdec,
        title=CIVIC,
        contractor="國立中山大學",
        amount=Decimal("980000"),
        signed_on=dt.date(2023, 5, 15),
        milestones={"kickoff": dt.date(2023, 6, 30), "midterm": dt.date(2023, 11, 30), "final": dt.date(2024, 6, 28)},
    )
    for m, held in zip(
        civic.milestones.order_by("due_on"),
        (dt.date(2023, 6, 29), dt.date(2023, 11, 28), dt.date(2024, 6, 26)),
        strict=True,
    ):
        services.milestone_hold(
            actor=officer, milestone=m, held_on=held, reviewers="學者專家 3 人", conclusion="修正後通過"
        )
    rec = services.recommendation_add(
        actor=officer, project=civic, agency=agency("CAB"), text="區公所推動參與式預算宜建立共通作業流程"
    )
    services.recommendation_respond(
        actor=agency_staff("CAB"),
        recommendation=rec,
        status="adopted",
        reason="納入 114 年作業手冊",
        responded_on=dt.date(2024, 8, 30),
    )
    net_zero = services.project_create(
        actor=officer,
        year=2024,
        agency=rdec,
        title=NET_ZERO,
        contractor="國立高雄科技大學",
        amount=Decimal("1200000"),
        signed_on=dt.date(2024, 4, 1),
        milestones={"kickoff": dt.date(2024, 5, 15), "midterm": dt.date(2024, 11, 20), "final": dt.date(2025, 6, 30)},
    )
    for m in net_zero.milestones.exclude(kind=Milestone.Kind.FINAL).order_by("due_on"):
        held = dt.date(2024, 5, 14) if m.kind == Milestone.Kind.KICKOFF else dt.date(2024, 11, 19)
        services.milestone_hold(
            actor=officer, milestone=m, held_on=held, reviewers="學者專家 3 人", conclusion="修正後通過"
        )
    ctx.progress("  委託研究：2 案")
