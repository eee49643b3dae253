"""Demo: the commission's 113 risk assessment — 13 risks, 3 medium (low after new countermeasures)
and 10 low, on the default 3×3 matrix (113 年度施政績效成果報告 參、四)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.registers.demo_support import agency, commission_officer
from yankao.registers.risks import services
from yankao.registers.risks.models import AssessmentCycle

OBJECTIVES = ["提升施政計畫管考效能", "精進為民服務品質", "強化資通安全防護", "落實公民參與與開放政府"]
# code, title, objective index, likelihood, impact, residual (likelihood, impact) or None
RISKS_113 = [
    ("R01", "重大列管計畫進度落後未能及時預警", 0, 2, 2, (1, 2)),
    ("R02", "市府核心資通系統遭勒索軟體攻擊致服務中斷", 2, 1, 3, (1, 2)),
    ("R03", "1999 話務尖峰進線量超過座席負荷", 1, 2, 2, (1, 1)),
    ("R04", "議員提案逾期未函復", 0, 1, 2, None),
    ("R05", "公文處理逾限件數增加", 0, 2, 1, None),
    ("R06", "人民陳情案件分派錯誤延誤處理", 1, 1, 2, None),
    ("R07", "個人資料於陳情處理過程外洩", 1, 1, 2, None),
    ("R08", "委託研究成果未能如期完成", 0, 1, 2, None),
    ("R09", "公民參與補助案執行成效不彰", 3, 2, 1, None),
    ("R10", "出國報告建議事項未獲追蹤", 0, 1, 1, None),
    ("R11", "機房電力或空調異常", 2, 1, 2, None),
    ("R12", "網站無障礙檢測未通過", 1, 2, 1, None),
    ("R13", "工程查核發現重大缺失未改善", 0, 1, 2, None),
]


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    officer = commission_officer()
    rdec = agency("RDEC")
    if AssessmentCycle.objects.filter(agency=rdec, year=2024).exists():
        return
    cycle = services.cycle_create(actor=officer, agency=rdec, year=2024)
    objectives = [services.objective_add(actor=officer, cycle=cycle, text=t) for t in OBJECTIVES]
    for code, title, objective, likelihood, impact, residual in RISKS_113:
        risk = services.risk_add(
            actor=officer,
            cycle=cycle,
            code=code,
            title=title,
            scenario=f"{title}，影響年度施政目標之達成。",
            existing_controls="依標準作業程序辦理並每月追蹤。",
            likelihood=likelihood,
            impact=impact,
            objective=objectives[objective],
        )
        if residual:
            services.countermeasure_add(
                actor=officer,
                risk=risk,
                description=f"針對「{title}」建立預警機制並加強演練",
                owner="綜合規劃組",
                due_on=dt.date(2024, 12, 31),
            )
            services.risk_rate_residual(actor=officer, risk=risk, likelihood=residual[0], impact=residual[1])
    services.cycle_approve(actor=officer, cycle=cycle, approved_on=dt.date(2024, 3, 29))
    ctx.progress(f"  風險評估：{len(RISKS_113)} 項")
