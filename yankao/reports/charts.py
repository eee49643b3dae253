"""Charts of the annual report, fed by registered figures (drawn with yankao.core.charts, always
next to a table of the same numbers). A chart is drawn only when all its figures have values."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from yankao.core.charts import bar_chart
from yankao.reports.figures import FigureValue


@dataclass(frozen=True)
class ChartSpec:
    id: str
    title: str
    unit: str
    bars: tuple[tuple[str, str], ...]  # (label, figure id)


ANNUAL_CHARTS = (
    ChartSpec(
        "council_categories",
        "市議會定期大會議員提案件數（依類別）",
        "件",
        (
            ("民政類", "registers.council.proposals.civil_affairs"),
            ("社政類", "registers.council.proposals.social_affairs"),
            ("財經類", "registers.council.proposals.finance"),
            ("教育類", "registers.council.proposals.education"),
            ("農林類", "registers.council.proposals.agriculture"),
            ("交通類", "registers.council.proposals.transport"),
            ("警消環衛類", "registers.council.proposals.police_fire_env"),
            ("工務類", "registers.council.proposals.public_works"),
            ("法規類", "registers.council.proposals.legal"),
        ),
    ),
    ChartSpec(
        "call_mix",
        "1999 話務中心進線類別占總處理量",
        "%",
        (
            ("諮詢類", "service.calls.consultation_share"),
            ("錄案後送", "service.calls.case_share"),
            ("其他類", "service.calls.other_share"),
        ),
    ),
    ChartSpec(
        "citizen_report_satisfaction",
        "全民督工填報滿意度",
        "件",
        (("滿意", "works.citizen_reports.satisfied"), ("不滿意", "works.citizen_reports.dissatisfied")),
    ),
    ChartSpec(
        "cloud_backup",
        "雲端機房備援能量",
        "台",
        (("公有雲", "it.cloud.public_cloud_hosts"), ("鳳山機房", "it.cloud.fengshan_hosts")),
    ),
)


@dataclass
class ChartBlock:
    spec: ChartSpec
    rows: list[tuple[str, FigureValue]]
    svg: SafeString | None

    @property
    def drawn(self) -> bool:
        return self.svg is not None


def chart_blocks(values: dict[str, FigureValue], specs: tuple[ChartSpec, ...] = ANNUAL_CHARTS) -> list[ChartBlock]:
    """The charts whose figures the report quotes; undrawn (with their table) if a figure is missing."""
    blocks = []
    for spec in specs:
        if not any(fid in values for _, fid in spec.bars):
            continue
        rows = [(label, values[fid]) for label, fid in spec.bars if fid in values]
        drawn = all(v.ok and v.value is not None for _, v in rows)
        svg = bar_chart([(label, float(v.value or 0)) for label, v in rows], title=spec.title, unit=spec.unit)
        blocks.append(ChartBlock(spec, rows, svg if drawn else None))
    return blocks
