"""All the figures of section 肆、工程查核 for one year, gathered for the overview page, its
exports and documents, the JSON API and the annual-report app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .common import gregorian
from .inspections import (
    InspectionTotals,
    TierRow,
    average_score_by_tier,
    defect_frequency_by_code,
    defect_frequency_by_party,
    inspection_totals,
    inspections_by_grade,
    inspections_by_tier,
)
from .projects import CheckMonth, FilingRow, documentary_checks_by_month, filing_rate_by_month
from .reports import ReportFigures, citizen_report_figures, training_sessions


@dataclass(frozen=True)
class WorksFigures:
    year: int
    totals: InspectionTotals
    tiers: list[TierRow]
    grades: list[tuple[str, int]]
    averages: list[tuple[str, Any, int]]
    defects_by_code: list[Any]
    defects_by_party: list[Any]
    filing: list[FilingRow]
    checks: list[CheckMonth]
    reports: ReportFigures
    training: list[Any]

    @property
    def roc_year(self) -> int:
        return self.year - 1911

    @property
    def every_tier_at_least_double(self) -> bool:
        return all(t.ratio is None or t.ratio >= 2 for t in self.tiers)

    @property
    def filing_always_full(self) -> bool:
        return all(r.rate is not None and r.rate == 100 for r in self.filing)

    @property
    def checks_every_month(self) -> bool:
        return all(c.meets for c in self.checks)


def works_figures(*, year: int) -> WorksFigures:
    year = gregorian(year)
    return WorksFigures(
        year=year,
        totals=inspection_totals(year=year),
        tiers=inspections_by_tier(year=year),
        grades=inspections_by_grade(year=year),
        averages=average_score_by_tier(year=year),
        defects_by_code=defect_frequency_by_code(year=year),
        defects_by_party=defect_frequency_by_party(year=year),
        filing=filing_rate_by_month(year=year),
        checks=documentary_checks_by_month(year=year),
        reports=citizen_report_figures(year=year),
        training=list(training_sessions(year=year)),
    )


def figures_as_dict(figures: WorksFigures) -> dict[str, Any]:
    """Plain JSON-able figures (no personal data)."""
    r = figures.reports

    def num(value: Any) -> Any:
        return None if value is None else float(value)

    return {
        "year": figures.year,
        "roc_year": figures.roc_year,
        "inspections": {
            "total": figures.totals.total,
            "regular": figures.totals.regular,
            "reinspections": figures.totals.reinspections,
            "average_score": num(figures.totals.average_score),
            "by_tier": [
                {
                    "tier": t.code,
                    "name": t.name,
                    "projects": t.projects,
                    "statutory_minimum": t.statutory_minimum,
                    "inspected": t.inspected,
                    "ratio": num(t.ratio),
                }
                for t in figures.tiers
            ],
            "by_grade": dict(figures.grades),
            "every_tier_at_least_double": figures.every_tier_at_least_double,
        },
        "defects": {
            "by_code": [
                {"code": d.key, "title": d.label, "count": d.count, "points": d.points} for d in figures.defects_by_code
            ],
            "by_party": [
                {"party": d.key, "name": d.label, "count": d.count, "points": d.points}
                for d in figures.defects_by_party
            ],
        },
        "filing": [
            {
                "month": f.key.isoformat()[:7],
                "required": f.required,
                "on_time": f.on_time,
                "late": f.late,
                "missing": f.missing,
                "rate": num(f.rate),
            }
            for f in figures.filing
        ],
        "documentary_checks": [
            {
                "month": c.month.isoformat()[:7],
                "checks": c.checks,
                "behind": c.behind,
                "letters": c.letters,
                "required": c.required,
            }
            for c in figures.checks
        ],
        "citizen_reports": {
            "total": r.total,
            "closed": r.closed,
            "satisfaction_answers": r.satisfaction_answers,
            "satisfied": r.satisfied,
            "dissatisfied": r.dissatisfied,
            "satisfaction_rate": num(r.satisfaction_rate),
            "in_construction": r.in_construction,
            "inspected": r.inspected,
            "inspection_rate": num(r.inspection_rate),
        },
        "training": [
            {"date": t.held_on.isoformat(), "title": t.title, "co_organiser": t.co_organiser, "attendees": t.attendees}
            for t in figures.training
        ],
    }
