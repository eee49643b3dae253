"""Charts of the annual report, fed by figures (drawn with yankao.core.charts, always next to a
table of the same numbers). A chart is drawn only when all its figures have values.

Two kinds: charts of registered figures the report quotes (`bars`), and the year's charts a reader
would rather look at than read (`series`: calls per month, inspections by grade, the risk map), whose
bars are unregistered figures made for the report's year — each still a selector call with a
definition, so its table row is traceable like any figure. A `drawing` replaces the bar chart (the
risk map is the risks app's own SVG)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from yankao.core.charts import bar_chart
from yankao.core.documents import CJK_FONT
from yankao.core.rocdate import ROC_OFFSET
from yankao.reports.figures import COMMISSION, GYEAR, SERVICE_PERIOD, Figure, FigureValue, _call, build_scope, evaluate
from yankao.reports.numbering import Rounding

SERVICE_SECTION = "伍、為民服務-聯合服務業務"
WORKS_SECTION = "肆、工程查核／一、公共工程品質查核"
RISK_SECTION = "參、管制考核／四、風險管理推動情形"
RISK_BANDS = (("低度風險", "low"), ("中度風險", "medium"), ("高度風險", "high"), ("極度風險", "extreme"))


@dataclass(frozen=True)
class ChartSpec:
    id: str
    title: str
    unit: str
    bars: tuple[tuple[str, str], ...] = ()  # (label, registered figure id)
    series: Callable[[int], list[tuple[str, Figure]]] | None = None  # (label, figure) for a ROC year
    drawing: Callable[[int], str | None] | None = None  # an SVG of its own, for a ROC year


def calls_per_month(year: int) -> list[tuple[str, Figure]]:
    """Twelve figures over one selector call (`calls_by_month`, one grouped query for the year)."""
    return [
        (
            f"{month} 月",
            Figure(
                f"service.calls.month_{month:02d}", f"{year} 年 {month} 月話務中心電話處理量", "通", Rounding.COUNT,
                SERVICE_SECTION, "yankao.service.selectors.report.calls_by_month", {"period": SERVICE_PERIOD},
                pick=f"{year + ROC_OFFSET}-{month:02d}", records=f"/office/service/calls/?year={year}&month={month}",
            ),
        )
        for month in range(1, 13)
    ]  # fmt: skip


def inspections_by_grade(year: int) -> list[tuple[str, Figure]]:
    return [
        (
            grade,
            Figure(
                f"works.inspections.grade_{n}", f"{year} 年查核成績{grade}件數", "件", Rounding.COUNT, WORKS_SECTION,
                "yankao.works.selectors.inspections.inspections_by_grade", {"year": year}, pick=grade,
                records=f"/office/works/inspections/?year={year}&grade={grade}",
            ),
        )
        for n, grade in enumerate(("優等", "甲等", "乙等", "丙等"), start=1)
    ]  # fmt: skip


def risk_levels(stage: str) -> Callable[[int], list[tuple[str, Figure]]]:
    def series(year: int) -> list[tuple[str, Figure]]:
        return [
            (
                label,
                Figure(
                    f"registers.risks.{stage}_{band}", f"{label}項目數（{'處理前' if stage == 'before' else '處理後'}）",
                    "項", Rounding.COUNT, RISK_SECTION, "yankao.registers.risks.selectors.risk_counts_for",
                    {"agency_id": COMMISSION, "year": GYEAR, "stage": stage}, pick=band,
                    records=f"/office/registers/risks/?year={year + ROC_OFFSET}",
                ),
            )
            for label, band in RISK_BANDS
        ]  # fmt: skip

    return series


def risk_map(stage: str) -> Callable[[int], str | None]:
    def drawing(year: int) -> str | None:
        agency_id = COMMISSION.make(year)
        if agency_id is None:
            return None
        cycle = _call("yankao.registers.risks.selectors.cycle_for", agency_id=agency_id, year=year + ROC_OFFSET)
        if cycle is None:
            return None
        return str(_call("yankao.registers.risks.selectors.map_svg", cycle=cycle, stage=stage))

    return drawing


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
YEAR_CHARTS = (
    ChartSpec("calls_per_month", "1999 話務中心每月電話處理量", "通", series=calls_per_month),
    ChartSpec("inspections_by_grade", "公共工程查核成績分布（不含複查）", "件", series=inspections_by_grade),
    ChartSpec(
        "risk_map_before", "研考會風險圖像：現有風險（新增對策前）", "項",
        series=risk_levels("before"), drawing=risk_map("before"),
    ),
    ChartSpec(
        "risk_map_after", "研考會風險圖像：新增風險對策後（殘餘風險）", "項",
        series=risk_levels("after"), drawing=risk_map("after"),
    ),
)  # fmt: skip


@dataclass
class ChartBlock:
    spec: ChartSpec
    rows: list[tuple[str, FigureValue]]
    svg: SafeString | None

    @property
    def drawn(self) -> bool:
        return self.svg is not None


def chart_blocks(
    values: dict[str, FigureValue],
    specs: tuple[ChartSpec, ...] = ANNUAL_CHARTS,
    *,
    year: int | None = None,
    year_specs: tuple[ChartSpec, ...] = YEAR_CHARTS,
    frozen: dict[str, Any] | None = None,
) -> list[ChartBlock]:
    """The charts whose figures the report quotes, then (given the year) the year's charts — from
    `frozen` (a version's "charts", see `year_chart_content`) when given, else computed now;
    undrawn (with their table) if a figure is missing."""
    blocks = []
    for spec in specs:
        if not any(fid in values for _, fid in spec.bars):
            continue
        blocks.append(_block(spec, [(label, values[fid]) for label, fid in spec.bars if fid in values], None))
    if year is not None:
        content = frozen if frozen is not None else year_chart_content(year, year_specs)
        blocks.extend(_year_block(spec, content.get(spec.id), year) for spec in year_specs)
    return blocks


def year_chart_content(year: int, specs: tuple[ChartSpec, ...] = YEAR_CHARTS) -> dict[str, Any]:
    """The year's charts computed from the records now, as a version keeps them (JSON): per chart,
    its rows (label, frozen figure value) and, for a drawing, the SVG (None: nothing to draw)."""
    with build_scope():
        content: dict[str, Any] = {}
        for spec in specs:
            rows = (
                [[label, evaluate(figure, year).as_frozen()] for label, figure in spec.series(year)]
                if spec.series
                else []
            )
            entry: dict[str, Any] = {"rows": rows}
            if spec.drawing:
                entry["drawing"] = spec.drawing(year)
            content[spec.id] = entry
        return content


def _year_block(spec: ChartSpec, entry: dict[str, Any] | None, year: int) -> ChartBlock:
    entry = entry or {"rows": [], "drawing": None if spec.drawing else ""}
    rows = [(label, FigureValue.from_frozen(data, year)) for label, data in entry.get("rows", [])]
    if spec.drawing and entry.get("drawing") is None:  # nothing to draw (e.g. no risk assessment that year)
        return ChartBlock(spec, rows, None)
    return _block(spec, rows, entry.get("drawing") if spec.drawing else None)


def chart_changes(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(id, label, before, after) for each year-chart row (or drawing) that differs between two
    chart contents; "（無）" for a row one side lacks."""
    changes = []
    for spec in YEAR_CHARTS:
        old, new = before.get(spec.id) or {}, after.get(spec.id) or {}
        old_rows = {label: data for label, data in old.get("rows", [])}
        for label, data in new.get("rows", []):
            then = old_rows.pop(label, None)
            then_text = then.get("display", "") if then else "（無）"
            if then_text != data.get("display", ""):
                changes.append((data.get("id", spec.id), f"{spec.title}：{label}", then_text, data.get("display", "")))
        for label, data in old_rows.items():
            changes.append((data.get("id", spec.id), f"{spec.title}：{label}", data.get("display", ""), "（無）"))
        if spec.drawing and old.get("drawing") != new.get("drawing"):
            changes.append(
                (f"chart.{spec.id}", f"{spec.title}（圖像）", _drawn(old, "已繪製"), _drawn(new, "已繪製（內容不同）"))
            )
    return changes


def _drawn(entry: dict[str, Any], text: str) -> str:
    return text if entry.get("drawing") else "（無）"


def _block(spec: ChartSpec, rows: list[tuple[str, FigureValue]], drawing: str | None) -> ChartBlock:
    drawn = bool(rows) and all(v.ok and v.value is not None for _, v in rows)
    if drawing is not None:
        return ChartBlock(spec, rows, _with_font(drawing) if drawn else None)
    svg = bar_chart([(label, float(v.value or 0)) for label, v in rows], title=spec.title, unit=spec.unit)
    return ChartBlock(spec, rows, _with_font(svg) if drawn else None)


def _with_font(svg: str) -> SafeString:
    """The SVG's text in the report's CJK font: an SVG inside the PDF does not inherit the page's CSS,
    and without a font-family WeasyPrint embeds fallback fonts (Noto Sans CJK JP, DejaVu Sans)."""
    if svg.startswith("<svg ") and "font-family" not in svg[: svg.find(">")]:
        svg = f'<svg font-family="{CJK_FONT}" ' + svg[len("<svg ") :]
    return mark_safe(svg)  # noqa: S308 - core.charts' escaped SVG or the risks app's own
