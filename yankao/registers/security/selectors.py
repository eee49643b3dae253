"""Reads of the information-security programme and the figures of 陸、四."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from yankao.org.selectors import scope_to_agency
from yankao.registers.common import percent
from yankao.registers.security.models import (
    AuditFinding,
    Auditor,
    AuditPlan,
    Briefing,
    MaturityAssessment,
    MaturityTarget,
    RedTeamExercise,
    SecurityAudit,
    TestedSystem,
)


@dataclass(frozen=True)
class AuditProgress:
    planned: int
    done: int

    @property
    def remaining(self) -> int:
        return self.planned - self.done

    @property
    def percent(self) -> Decimal:
        return percent(self.done, self.planned)

    @property
    def percent_whole(self) -> int:
        return int(self.percent.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def audit_progress(*, year: int) -> AuditProgress:
    """Figure: 實地稽核規劃 400 場，已完成 66%（263 場次），其餘 137 場."""
    plan = AuditPlan.objects.filter(year=year).first()
    if plan is None:
        return AuditProgress(0, 0)
    return AuditProgress(plan.planned_audits, plan.audits.filter(status=SecurityAudit.Status.DONE).count())


def auditor_count(*, year: int) -> dict[str, int]:
    """Figure: 近 110 人 (機關資安人員、學界、業界) — count per kind and in total."""
    rows = dict(Auditor.objects.filter(plan__year=year).values_list("kind").annotate(n=Count("id")).order_by())
    counts = {kind: rows.get(kind, 0) for kind in Auditor.Kind.values}
    counts["total"] = sum(counts.values())
    return counts


def briefing_count(*, year: int, topic: str) -> int:
    """Figures: 4 場稽核說明會; 2 場成熟度說明會、7 場輔導."""
    return Briefing.objects.filter(year=year, topic=topic).count()


@dataclass(frozen=True)
class RedTeamFigures:
    teams: int
    systems: int
    weaknesses: int
    fixed: int
    retest_passed: int


def red_team_figures(*, year: int) -> RedTeamFigures:
    """Figure: 6 個紅隊、39 個系統服務及主機檢測，複測確認皆已完成改善."""
    exercise = RedTeamExercise.objects.filter(year=year).first()
    if exercise is None:
        return RedTeamFigures(0, 0, 0, 0, 0)
    systems = list(exercise.systems.all())
    return RedTeamFigures(
        exercise.teams,
        len(systems),
        sum(s.weaknesses for s in systems),
        sum(s.fixed for s in systems),
        sum(1 for s in systems if s.retest_passed),
    )


@dataclass(frozen=True)
class MaturityFigures:
    agency_class: str
    target_level: int
    assessed: int
    at_target: int


def maturity_figures(*, year: int) -> list[MaturityFigures]:
    """Figure: 9 個 B 級機關達 Level 3，42 個 C 級機關達 Level 1."""
    rows = (
        MaturityAssessment.objects.filter(year=year)
        .values("agency_class", "target_level")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(level__gte=F("target_level"))))
        .order_by("agency_class")
    )
    return [MaturityFigures(r["agency_class"], r["target_level"], r["n"], r["ok"]) for r in rows]


def maturity_at_target_count(*, year: int, agency_class: str) -> int:
    """Figure: 9 個 B 級機關、42 個 C 級機關 — agencies of a class at their target level."""
    return sum(f.at_target for f in maturity_figures(year=year) if f.agency_class == agency_class)


def maturity_share_at_target(*, year: int) -> Decimal:
    """Figure: 達到 80% 以上的目標 — share of assessed agencies at their target."""
    figures = maturity_figures(year=year)
    return percent(sum(f.at_target for f in figures), sum(f.assessed for f in figures))


def maturity_goal(*, year: int) -> Decimal:
    target = MaturityTarget.objects.filter(year_from__lte=year).order_by("-year_from").first()
    return target.goal_share if target else Decimal("0")


def audit_list_for(*, user: Any, year: int | None = None) -> QuerySet[SecurityAudit]:
    qs = SecurityAudit.objects.select_related("agency", "plan").annotate(n_findings=Count("findings"))
    if year:
        qs = qs.filter(plan__year=year)
    return scope_to_agency(qs, user)


def open_findings(*, year: int) -> int:
    return AuditFinding.objects.filter(audit__plan__year=year, status=AuditFinding.Status.OPEN).count()


def systems_for(*, user: Any, year: int) -> QuerySet[TestedSystem]:
    return scope_to_agency(TestedSystem.objects.filter(exercise__year=year).select_related("agency"), user)


def maturity_for(*, user: Any, year: int) -> QuerySet[MaturityAssessment]:
    return scope_to_agency(MaturityAssessment.objects.filter(year=year).select_related("agency"), user)
