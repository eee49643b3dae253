"""Reads of 工程施工查核: lists scoped per user, the figures for the annual report and PCC's
performance review, and the risk ranking that helps plan unannounced visits."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from yankao.org.selectors import scope_to_agency
from yankao.works import permissions
from yankao.works.models import CitizenReport, Defect, Inspection, Party, ProgressReport, Project

from .common import gregorian
from .projects import in_construction_during
from .rules import rule_in_force, tiers_in_force


def inspection_list_for(
    user: Any, *, year: int | None = None, kind: str = "", grade: str = "", status: str = ""
) -> QuerySet[Inspection]:
    base = Inspection.objects.select_related("project", "agency")
    qs = base if permissions.can_inspect(user) else scope_to_agency(base, user)
    if year:
        qs = qs.filter(inspected_on__year=gregorian(year))
    if kind:
        qs = qs.filter(kind=kind)
    if grade:
        qs = qs.filter(grade=grade)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-inspected_on", "-number")


def _final(year: int) -> QuerySet[Inspection]:
    return Inspection.objects.filter(status=Inspection.Status.FINAL, inspected_on__year=gregorian(year))


@dataclass(frozen=True)
class InspectionTotals:
    total: int
    regular: int
    reinspections: int
    average_score: Decimal | None


def inspection_totals(*, year: int) -> InspectionTotals:
    """查核件數 of `year` (reference 113: 200 including 3 re-inspections)."""
    qs = _final(year)
    counts = dict(qs.values_list("kind").annotate(n=Count("id")))
    average = qs.filter(kind=Inspection.Kind.REGULAR).aggregate(a=Avg("score"))["a"]
    return InspectionTotals(
        total=sum(counts.values()),
        regular=counts.get(Inspection.Kind.REGULAR, 0),
        reinspections=counts.get(Inspection.Kind.REINSPECTION, 0),
        average_score=None if average is None else Decimal(average).quantize(Decimal("0.01"), ROUND_HALF_UP),
    )


@dataclass(frozen=True)
class TierRow:
    code: str
    name: str
    projects: int  # projects of the tier in construction during the year (the statutory base)
    statutory_rate: Decimal
    statutory_minimum: int
    inspected: int  # every inspection of the year, re-inspections included

    @property
    def ratio(self) -> Decimal | None:
        """Inspections over the statutory minimum (reference 113: ≥ 2 in every tier)."""
        if not self.statutory_minimum:
            return None
        return (Decimal(self.inspected) / self.statutory_minimum).quantize(Decimal("0.01"), ROUND_HALF_UP)


def inspections_by_tier(*, year: int) -> list[TierRow]:
    """Per tier: the statutory minimum (rate × projects in construction, rules of 1 Jan) and the
    number inspected; the reference counts re-inspections in their project's tier."""
    year = gregorian(year)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    base = dict(Project.objects.filter(in_construction_during(start, end)).values_list("tier").annotate(n=Count("id")))
    inspected = dict(_final(year).values_list("tier").annotate(n=Count("id")))
    rows = []
    for tier in tiers_in_force(start):
        n = base.get(tier.code, 0)
        minimum = max(tier.statutory_min_count, math.ceil(Decimal(n) * tier.statutory_rate))
        rows.append(TierRow(tier.code, tier.name, n, tier.statutory_rate, minimum, inspected.get(tier.code, 0)))
    return rows


def inspections_by_grade(*, year: int) -> list[tuple[str, int]]:
    """Regular inspections of `year` per grade, in band order (優等, 甲等, 乙等, 丙等)."""
    from .rules import grade_bands_in_force

    counts = dict(_final(year).filter(kind=Inspection.Kind.REGULAR).values_list("grade").annotate(n=Count("id")))
    names = [band.name for band in grade_bands_in_force(dt.date(gregorian(year), 12, 31))]
    names += [name for name in counts if name not in names]
    return [(name, counts.get(name, 0)) for name in names]


def average_score_by_tier(*, year: int) -> list[tuple[str, Decimal | None, int]]:
    rows = []
    names = {t.code: t.name for t in tiers_in_force(dt.date(gregorian(year), 1, 1))}
    data = {
        r["tier"]: r
        for r in _final(year)
        .filter(kind=Inspection.Kind.REGULAR)
        .values("tier")
        .annotate(a=Avg("score"), n=Count("id"))
    }
    for code, name in names.items():
        row = data.get(code)
        average = None if not row or row["a"] is None else Decimal(row["a"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
        rows.append((name, average, row["n"] if row else 0))
    return rows


@dataclass(frozen=True)
class DefectFrequency:
    key: str
    label: str
    count: int
    points: int


def defect_frequency_by_code(*, year: int) -> list[DefectFrequency]:
    """缺失態樣: defects of `year`'s inspections per code, most frequent first."""
    rows = (
        Defect.objects.filter(inspection__in=_final(year))
        .values("code__code", "code__title")
        .annotate(n=Count("id"), p=Sum("points"))
        .order_by("-n", "code__code")
    )
    return [DefectFrequency(r["code__code"], r["code__title"], r["n"], r["p"] or 0) for r in rows]


def defect_frequency_by_party(*, year: int) -> list[DefectFrequency]:
    """Defects and deduction points charged to each responsible party."""
    rows = {
        r["party"]: r
        for r in Defect.objects.filter(inspection__in=_final(year))
        .values("party")
        .annotate(n=Count("id"), p=Sum("points"))
    }
    return [
        DefectFrequency(party.value, str(party.label), rows[party]["n"], rows[party]["p"] or 0)
        for party in Party
        if party in rows
    ]


def defect_list_for(user: Any, *, status: str = "", agency_id: int | None = None) -> QuerySet[Defect]:
    """缺失改善: the defects of finalised inspections the user may see (agency: its own)."""
    base = Defect.objects.filter(inspection__status=Inspection.Status.FINAL).select_related(
        "inspection", "inspection__project", "inspection__agency", "code"
    )
    qs = base if permissions.can_inspect(user) else scope_to_agency(base, user, field="inspection__agency")
    if status == "pending":
        qs = qs.exclude(status__in=(Defect.Status.CLOSED, Defect.Status.ACCEPTED))
    elif status:
        qs = qs.filter(status=status)
    if agency_id:
        qs = qs.filter(inspection__agency_id=agency_id)
    return qs.order_by("improve_by", "inspection__number", "code__code")


# --- planning: rank projects by risk signals (查核選案) -------------------------------------


@dataclass
class Candidate:
    project: Project
    score: float = 0.0
    signals: dict[str, str] = field(default_factory=dict)


def _past_grades(names: set[str], field_name: str) -> dict[str, Decimal]:
    rows = (
        Inspection.objects.filter(status=Inspection.Status.FINAL, kind=Inspection.Kind.REGULAR, score__isnull=False)
        .filter(**{f"project__{field_name}__in": names})
        .values(f"project__{field_name}")
        .annotate(a=Avg("score"))
    )
    return {r[f"project__{field_name}"]: Decimal(r["a"]) for r in rows}


def inspection_candidates(*, on: dt.date, limit: int = 50) -> list[Candidate]:
    """Projects in construction ranked by weighted risk signals (weights are rule data):
    behind schedule, low bid ratio, the contractor's and supervisor's past average below 80,
    全民督工 reports in the last year, safety incidents, tier, never inspected."""
    rule = rule_in_force(on)
    weights = {k: float(v) for k, v in (rule.risk_weights or {}).items()}
    projects = list(
        Project.objects.filter(status=Project.Status.IN_CONSTRUCTION)
        .filter(in_construction_during(on, on))
        .select_related("agency")
    )
    ids = [p.pk for p in projects]
    latest: dict[int, Decimal] = {}  # project → shortfall of its latest filing (plain values: no audit snapshots)
    for project_id, planned, actual in (
        ProgressReport.objects.filter(project__in=ids, month__lte=on)
        .order_by("project_id", "month")
        .values_list("project_id", "planned_pct", "actual_pct")
    ):
        latest[project_id] = planned - actual
    reports = Counter(
        CitizenReport.objects.filter(project__in=ids, received_at__date__gte=on - dt.timedelta(days=365)).values_list(
            "project_id", flat=True
        )
    )
    inspected = set(Inspection.objects.filter(project__in=ids).values_list("project_id", flat=True))
    contractor_avg = _past_grades({p.contractor for p in projects if p.contractor}, "contractor")
    supervisor_avg = _past_grades({p.supervisor for p in projects if p.supervisor}, "supervisor")
    tier_rank = {"huge": 3, "audit": 2, "announce": 1}
    result = []
    for p in projects:
        c = Candidate(p)

        def add(signal: str, amount: float, text: str, c: Candidate = c) -> None:
            if amount:
                c.score += weights.get(signal, 0.0) * amount
                c.signals[signal] = text

        shortfall = latest.get(p.pk)
        if shortfall is not None and shortfall > rule.behind_threshold_pct:
            add("behind", 1, f"落後 {shortfall} 百分點")
        ratio = p.bid_ratio
        if ratio is not None and ratio < float(rule.low_bid_ratio):
            add("low_bid", 1, f"決標比 {ratio:.0%}")
        if p.contractor in contractor_avg and contractor_avg[p.contractor] < 80:
            add("contractor_grade", 1, f"廠商過去平均 {contractor_avg[p.contractor]:.1f} 分")
        if p.supervisor in supervisor_avg and supervisor_avg[p.supervisor] < 80:
            add("supervisor_grade", 1, f"監造過去平均 {supervisor_avg[p.supervisor]:.1f} 分")
        add("citizen_reports", reports.get(p.pk, 0), f"全民督工 {reports.get(p.pk, 0)} 件")
        add("safety", p.safety_incidents, f"職安事故 {p.safety_incidents} 件")
        add("tier", tier_rank.get(p.tier, 0), p.tier_name)
        add("never_inspected", 0 if p.pk in inspected else 1, "未曾查核")
        result.append(c)
    result.sort(key=lambda c: (-c.score, c.project.tender_number))
    return result[:limit]


def open_defects_by_agency() -> dict[int, int]:
    return dict(
        Defect.objects.filter(inspection__status=Inspection.Status.FINAL)
        .exclude(status__in=(Defect.Status.CLOSED, Defect.Status.ACCEPTED))
        .values_list("inspection__agency_id")
        .annotate(n=Count("id"))
    )


def overdue_defect_count(*, today: dt.date) -> int:
    return (
        Defect.objects.filter(inspection__status=Inspection.Status.FINAL, improve_by__lt=today)
        .filter(~Q(status__in=(Defect.Status.CLOSED, Defect.Status.ACCEPTED)))
        .count()
    )


def grade_c_followups(*, year: int) -> QuerySet[Inspection]:
    return _final(year).filter(needs_follow_up=True).prefetch_related("actions").select_related("project", "agency")
