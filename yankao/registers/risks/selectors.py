"""Reads of the risk register, the risk map (風險圖像), and the figures of 參、四."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from yankao.core.documents import Document, Figure, Heading, Paragraph, Table
from yankao.org.selectors import scope_to_agency
from yankao.registers.risks.maps import risk_map_svg
from yankao.registers.risks.models import AssessmentCycle, LevelBand, RiskItem, RiskScale

BEFORE, AFTER = "before", "after"


def cycle_list_for(*, user: Any, year: int | None = None) -> QuerySet[AssessmentCycle]:
    qs = AssessmentCycle.objects.select_related("agency", "scale")
    if year is not None:
        qs = qs.filter(year=year)
    return scope_to_agency(qs, user)


def cycle_for(*, agency_id: int, year: int) -> AssessmentCycle | None:
    return AssessmentCycle.objects.select_related("scale").filter(agency_id=agency_id, year=year).first()


def risks_of(cycle: AssessmentCycle) -> QuerySet[RiskItem]:
    return cycle.risks.select_related("objective").prefetch_related("countermeasures").order_by("code")


def bands_of(scale: RiskScale) -> list[LevelBand]:
    return list(scale.bands.order_by("rank"))


def placed_level(risk: RiskItem, stage: str) -> tuple[int, int, str]:
    """Where a risk sits on the map: after countermeasures, an unrated residual stays where it was."""
    if stage == AFTER and risk.residual_level:
        return risk.residual_likelihood or 0, risk.residual_impact or 0, risk.residual_level
    return risk.likelihood, risk.impact, risk.level


def risk_level_counts(*, cycle: AssessmentCycle, stage: str = BEFORE) -> dict[str, int]:
    """Figure: 3 項中度風險、10 項低度風險 (before), all low after — band code → count, zeros kept."""
    counts = {band.code: 0 for band in bands_of(cycle.scale)}
    for risk in cycle.risks.all():
        counts[placed_level(risk, stage)[2]] += 1
    return counts


def risk_total(*, agency_id: int, year: int) -> int:
    """Figure: 共計評估 13 項重要風險項目."""
    return RiskItem.objects.filter(cycle__agency_id=agency_id, cycle__year=year).count()


def risk_counts_for(*, agency_id: int, year: int, stage: str = BEFORE) -> dict[str, int]:
    cycle = cycle_for(agency_id=agency_id, year=year)
    return {} if cycle is None else risk_level_counts(cycle=cycle, stage=stage)


def risks_lowered(*, agency_id: int, year: int) -> int:
    """Figure: 3 項中度風險經新增風險對策後已降低為低度風險 — risks whose band dropped."""
    cycle = cycle_for(agency_id=agency_id, year=year)
    if cycle is None:
        return 0
    rank = {b.code: b.rank for b in bands_of(cycle.scale)}
    return sum(1 for r in cycle.risks.all() if r.residual_level and rank[r.residual_level] < rank[r.level])


@dataclass(frozen=True)
class MapCell:
    likelihood: int
    impact: int
    band: LevelBand
    codes: list[str]


def risk_map(*, cycle: AssessmentCycle, stage: str) -> list[list[MapCell]]:
    """Rows from the highest likelihood down; columns by impact from 1 up."""
    scale = cycle.scale
    bands = {(c.likelihood, c.impact): c.band for c in scale.cells.select_related("band")}
    placed: dict[tuple[int, int], list[str]] = {}
    for risk in cycle.risks.order_by("code"):
        likelihood, impact, _ = placed_level(risk, stage)
        placed.setdefault((likelihood, impact), []).append(risk.code)
    return [
        [MapCell(lk, im, bands[(lk, im)], placed.get((lk, im), [])) for im in range(1, scale.size + 1)]
        for lk in range(scale.size, 0, -1)
    ]


def map_svg(*, cycle: AssessmentCycle, stage: str) -> str:
    title = "新增風險對策後（殘餘風險）" if stage == AFTER else "現有風險（新增對策前）"
    return risk_map_svg(risk_map(cycle=cycle, stage=stage), title=f"{cycle} 風險圖像：{title}", stage=stage)


SUMMARY_HEADERS = [
    "風險編號", "風險項目", "風險情境", "現有風險對策", "發生機率", "影響程度", "風險值", "現有風險等級",
    "新增風險對策", "負責單位", "完成期限", "殘餘發生機率", "殘餘影響程度", "殘餘風險值", "殘餘風險等級",
]  # fmt: skip


def summary_rows(*, cycle: AssessmentCycle) -> list[list[Any]]:
    """風險評估及處理彙總表, one row per risk."""
    labels = {b.code: b.label for b in bands_of(cycle.scale)}
    rows = []
    for risk in risks_of(cycle):
        measures = list(risk.countermeasures.all())
        rows.append(
            [
                risk.code,
                risk.title,
                risk.scenario,
                risk.existing_controls,
                risk.likelihood,
                risk.impact,
                risk.score,
                labels.get(risk.level, risk.level),
                "；".join(m.description for m in measures),
                "；".join(m.owner for m in measures),
                "；".join(f"{m.due_on.year - 1911}/{m.due_on.month:02d}/{m.due_on.day:02d}" for m in measures),
                risk.residual_likelihood or "",
                risk.residual_impact or "",
                risk.residual_score or "",
                labels.get(risk.residual_level, ""),
            ]
        )
    return rows


def _grid_table(cycle: AssessmentCycle, stage: str) -> Table:
    grid = risk_map(cycle=cycle, stage=stage)
    headers = ["發生機率＼影響程度", *[str(i) for i in range(1, cycle.scale.size + 1)]]
    rows = [[str(row[0].likelihood)] + [f"{c.band.label}：{'、'.join(c.codes) or '—'}" for c in row] for row in grid]
    return Table(headers, rows, caption="風險圖像（表列）")


def summary_document(*, cycle: AssessmentCycle) -> Document:
    counts = risk_level_counts(cycle=cycle, stage=BEFORE)
    after = risk_level_counts(cycle=cycle, stage=AFTER)
    labels = {b.code: b.label for b in bands_of(cycle.scale)}
    said = "、".join(f"{labels[c]} {n} 項" for c, n in counts.items() if n)
    said_after = "、".join(f"{labels[c]} {n} 項" for c, n in after.items() if n)
    blocks: list[Any] = [
        Paragraph(f"共計評估 {sum(counts.values())} 項風險：{said}；新增風險對策後：{said_after}。"),
        Heading("風險評估及處理彙總表"),
        Table(SUMMARY_HEADERS, summary_rows(cycle=cycle)),
    ]
    for stage, label in ((BEFORE, "現有風險圖像"), (AFTER, "新增風險對策後風險圖像")):
        blocks += [
            Heading(label),
            Figure(svg=map_svg(cycle=cycle, stage=stage), caption=label, description=label),
            _grid_table(cycle, stage),
        ]
    return Document(
        title=f"{cycle.agency} {cycle.year - 1911} 年風險評估及處理彙總表與機關風險圖像", blocks=blocks, landscape=True
    )
