"""Documents of programme control built with yankao.core.documents: the monthly analysis report
(月分析報告), letters of evaluation results (考核結果函), the enterprise evaluation report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from yankao.core.charts import bar_chart, line_chart
from yankao.core.documents import Document, Figure, Heading, Paragraph, Table
from yankao.core.rocdate import format_roc
from yankao.programmes.models import Evaluation, EvaluationPlan, roc_month_label

AGENCY_HEADERS = [
    "機關",
    "列管計畫",
    "已提報",
    "未提報",
    "逾期",
    "落後",
    "嚴重落後",
    "連續2月落後",
    "連續3月以上",
    "執行率偏低",
    "經費執行率(%)",
]


def agency_table_rows(rows: list[dict[str, Any]], total: dict[str, Any] | None = None) -> list[list[Any]]:
    out = [
        [
            r["agency"].short_name or r["agency"].name if hasattr(r["agency"], "name") else r["agency"],
            r["programmes"],
            r["reported"],
            r["missing"],
            r["late"],
            r["behind"],
            r["serious"],
            r["behind_2"],
            r["behind_3plus"],
            r["low_execution"],
            r["execution_rate"] if r["execution_rate"] is not None else "—",
        ]
        for r in rows
    ]
    if total is not None:
        out.append(
            [
                "合計",
                total["programmes"],
                total["reported"],
                total["missing"],
                total["late"],
                total["behind"],
                total["serious"],
                total["behind_2"],
                total["behind_3plus"],
                total["low_execution"],
                total["execution_rate"] if total["execution_rate"] is not None else "—",
            ]
        )
    return out


def behind_chart(rows: list[dict[str, Any]], month: dt.date) -> Any:
    items = [(r["agency"].short_name or r["agency"].name, r["behind"]) for r in rows if r["behind"]]
    return bar_chart(items or [("無落後計畫", 0)], title=f"{roc_month_label(month)}各機關落後計畫數", unit="案")


def trend_chart(trend: list[dict[str, Any]], month: dt.date) -> Any:
    labels = [f"{r['month'].month}月" for r in trend]
    return line_chart(
        labels,
        {"落後計畫數": [r["behind"] for r in trend], "嚴重落後計畫數": [r["serious"] for r in trend]},
        title=f"{month.year - 1911}年各月落後計畫數",
        unit="案",
    )


def analysis_document(
    *,
    month: dt.date,
    rows: list[dict[str, Any]],
    total: dict[str, Any],
    behind: list[Any],
    reasons: list[Any],
    trend: list[dict[str, Any]],
) -> Document:
    label = roc_month_label(month)
    doc = Document(title=f"高雄市政府列管計畫{label}執行進度分析報告", subtitle="研究發展考核委員會", landscape=True)
    rate = total["execution_rate"]
    doc.blocks += [
        Heading("壹、執行概況"),
        Paragraph(
            f"本月應提報列管計畫 {total['programmes']} 案，已提報 {total['reported']} 案、未提報 {total['missing']} 案、"
            f"逾期提報 {total['late']} 案；進度落後 {total['behind']} 案（其中嚴重落後 {total['serious']} 案、"
            f"連續 2 個月落後 {total['behind_2']} 案、連續 3 個月以上落後 {total['behind_3plus']} 案）；"
            f"累計經費執行率 {rate if rate is not None else '—'}%，執行率偏低 {total['low_execution']} 案。"
        ),
        Table(headers=AGENCY_HEADERS, rows=agency_table_rows(rows, total), caption="表 1 各機關執行情形"),
        Figure(
            svg=str(behind_chart(rows, month)), caption="圖 1 各機關落後計畫數", description="數據同表 1「落後」欄。"
        ),
        Heading("貳、落後計畫及原因"),
        *_behind_paragraphs(behind),
        Table(headers=["落後原因", "案數"], rows=[list(r) for r in reasons], caption="表 3 落後原因統計"),
        Heading("參、趨勢"),
        Table(
            headers=["月份", "已提報", "落後", "嚴重落後", "經費執行率(%)"],
            rows=[
                [roc_month_label(r["month"]), r["reported"], r["behind"], r["serious"], r["execution_rate"]]
                for r in trend
            ],
            caption="表 4 各月趨勢",
        ),
        Figure(svg=str(trend_chart(trend, month)), caption="圖 2 各月落後計畫數", description="數據同表 4。"),
    ]
    return doc


def _behind_paragraphs(behind: list[Any]) -> list[Heading | Paragraph]:
    """The behind list grouped by agency, one paragraph per programme: long lists stay quick to
    lay out in PDF (a table costs WeasyPrint ~5 ms a cell) and read well in ODT/DOCX."""
    if not behind:
        return [Paragraph("本月沒有進度落後的計畫。")]
    blocks: list[Heading | Paragraph] = []
    by_agency: dict[str, list[Any]] = {}
    for r in behind:
        by_agency.setdefault(r.agency, []).append(r)
    for agency, rows in by_agency.items():
        blocks.append(Heading(f"{agency}（{len(rows)} 案）", level=2))
        blocks += [
            Paragraph(
                f"{r.code} {r.name}：預定 {r.planned_pct}%、實際 {r.actual_pct}%，落後 {r.behind_pp} 個百分點"
                f"（{r.level_label}，連續 {r.streak} 個月）；原因：{r.reason or '未填'}"
                f"{'，' + r.delay_note if r.delay_note else ''}；因應對策：{r.countermeasure or '未填'}。"
            )
            for r in rows
        ]
    return blocks


def evaluation_letter(*, plan: EvaluationPlan, agency: Any, evaluations: list[Evaluation]) -> Document:
    """考核結果函: the results of one agency's programmes (or an enterprise) in a plan."""
    doc = Document(title=f"{plan.title}結果通知", subtitle=f"受文者：{agency.name}")
    doc.blocks.append(
        Paragraph(
            f"主旨：檢送貴機關{plan.year}年度{'列管計畫年終考核' if plan.scheme == 'programme' else '經營績效考核'}結果"
            f"（計 {len(evaluations)} 案），請查照。"
        )
    )
    doc.blocks.append(Paragraph(f"說明：依「{plan.title}」（{format_roc(plan.issued_on, long=True)}函頒）辦理。"))
    criteria = list(plan.criteria.all())
    headers = ["受考核對象", *[f"{c.name}({c.weight}%)" for c in criteria], "總分", "等第"]
    rows = []
    for e in evaluations:
        scores = {s.criterion_id: s.score for s in e.scores.all()}
        rows.append([str(e.subject), *[scores.get(c.pk, "") for c in criteria], e.total_score or "", e.grade])
    doc.blocks.append(Table(headers=headers, rows=rows, caption="考核結果"))
    bands = "、".join(f"{b['grade']}等 {b['min_score']} 分以上" for b in plan.grade_bands)
    doc.blocks.append(Paragraph(f"等第級距：{bands}。"))
    return doc
