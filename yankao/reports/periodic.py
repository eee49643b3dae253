"""Figures of the periodic documents other than the annual report: the monthly programme analysis
(列管計畫月分析報告, `Report.period` = the month, "05") and the council-session compilation
(議會施政報告彙編, `Report.period` = the session, "4-3").

Their parameters are made from the report's year *and* period (`MONTH`, `SESSION`); outside such a
report (no period) they are missing (「須有報告期別」), never an error. They are not in the annual
catalogue (`catalogue.CATALOGUE`, compared with the reference), and `registry_values` lists them only
for their period kind.
"""

from __future__ import annotations

from yankao.reports.figures import MONTH, SESSION, TODAY, Figure, registry
from yankao.reports.numbering import Rounding as R

S_MONTH = "列管計畫月分析／全市執行情形"
S_SESSION = "議會施政報告彙編／議員提案"

# 月分析報告: the month's totals over every agency, as the programmes app's analysis computes them
ANALYSIS = "yankao.programmes.selectors.analysis.monthly_analysis"
MONTH_PARAMS = {"month": MONTH, "today": TODAY}
MONTH_URL = "/office/programmes/analysis/{gmonth}/"


def month_figure(key: str, label: str, unit: str, rounding: str) -> Figure:
    return Figure(
        f"programmes.month.{key}",
        label,
        unit,
        rounding,
        S_MONTH,
        ANALYSIS,
        MONTH_PARAMS,
        pick=f"total.{key}",
        records=MONTH_URL,
    )


PERIODIC_CATALOGUE: list[Figure] = [
    month_figure("programmes", "當月應填報之列管計畫案數", "案", R.COUNT),
    month_figure("reported", "當月已填報案數", "案", R.COUNT),
    month_figure("missing", "當月逾期未填報案數", "案", R.COUNT),
    month_figure("late", "當月逾期填報案數", "案", R.COUNT),
    month_figure("behind", "當月進度落後案數", "案", R.COUNT),
    month_figure("serious", "當月進度嚴重落後案數", "案", R.COUNT),
    month_figure("execution_rate", "當月累計預算執行率", "%", R.PCT2),
    # 議會施政報告彙編: the session's proposals, read from the council register
    Figure(
        "registers.council.session.proposals",
        "本次定期大會議員提案件數",
        "件",
        R.COUNT,
        S_SESSION,
        "yankao.registers.council.selectors.proposal_total",
        {"session": SESSION},
        records="/office/registers/council/proposals/?session={session.pk}",
    ),
]

registry.register(*PERIODIC_CATALOGUE)
