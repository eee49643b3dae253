"""The catalogue of registered figures: every figure the reference report (研考會 113 年度施政績效
成果報告) quotes, with the selector expected to produce it or marked manual.

Selector names of apps not yet merged are the names this app expects (docs/figures.md lists
them); until such a module exists its figures are pending (「資料來源尚未建置」). Wiring a figure
to a real selector is editing its one entry here.
"""

from __future__ import annotations

from typing import Any

from yankao.reports.figures import (
    CITY,
    COMMISSION,
    COUNCIL_SESSION,
    GYEAR,
    NEXT_YEAR,
    PREVIOUS_YEAR,
    SERVICE_PERIOD,
    YEAR,
    YEAR_END,
    Figure,
    registry,
)
from yankao.reports.numbering import Rounding as R

# sections: the outline item each figure belongs to (reference 113 outline)
S_SERVICE_WORK = "壹、研究發展／四、推動為民服務工作"
S_PARTICIPATION = "壹、研究發展／五、公民參與"
S_MAINLAND = "壹、研究發展／六、大陸事務"
S_PRESIDENTS = "壹、研究發展／七、市長與大學校長會議"
S_MIDTERM = "貳、綜合計畫／一、市政計畫審查與評估／(一)推展市政建設中程計畫"
S_PREREVIEW = "貳、綜合計畫／一、市政計畫審查與評估／(二)推動年度重要施政計畫先期作業"
S_JT_CAPACITY = "貳、綜合計畫／三、推動淨零公正轉型／(一)建構淨零公正轉型能力"
S_JT_MAINSTREAM = "貳、綜合計畫／三、推動淨零公正轉型／(二)推動淨零公正轉型主流化"
S_EVALUATION = "參、管制考核／一、列管計畫評核／(一)施政計畫評核"
S_SUBSIDY = "參、管制考核／一、列管計畫評核／(三)基本設施補助計畫案件列管"
S_COUNCIL = "參、管制考核／三、議會議決案辦理情形彙整"
S_RISK = "參、管制考核／四、風險管理推動情形"
S_INSPECTION = "肆、工程查核／一、公共工程品質查核"
S_FILING = "肆、工程查核／二、公共工程雲端系統控管"
S_CITIZEN = "肆、工程查核／四、全民督工"
S_TRAINING = "肆、工程查核／五、辦理工程教育訓練"
S_SERVICE = "伍、為民服務-聯合服務業務"
S_EXPO = "陸、資訊業務／一、規劃發展／(一)公私協力合作，發展創新應用"
S_CLOUD = "陸、資訊業務／二、資源管理／(一)打造雲端機房"
S_SEARCH = "陸、資訊業務／三、數位服務／(一)創新市政提升數位服務"
S_DIGITAL = "陸、資訊業務／三、數位服務／(二)數位市民鏈結智慧生活"
S_SECURITY = "陸、資訊業務／四、資通安全／(一)強化資安防禦"


def sel(
    figure_id: str,
    label: str,
    unit: str,
    rounding: str,
    section: str,
    selector: str,
    params: dict[str, Any],
    *,
    pick: str = "",
    scale: int = 1,
    records: str = "",
) -> Figure:
    return Figure(figure_id, label, unit, rounding, section, selector, params, pick, scale, records)


def manual(figure_id: str, label: str, unit: str, rounding: str, section: str) -> Figure:
    return Figure(figure_id, label, unit, rounding, section)


# The registers and participation take Gregorian years (GYEAR); programmes, works and service ROC ones.
QUALITY = "yankao.registers.quality.selectors."
PARTICIPATION = "yankao.participation.selectors."
EVENTS = "yankao.registers.events.selectors."
PROGRAMMES = "yankao.programmes.selectors.figures."
KPIS = "yankao.programmes.selectors.kpis."
COUNCIL = "yankao.registers.council.selectors."
RISKS = "yankao.registers.risks.selectors."
INSPECTIONS = "yankao.works.selectors.inspections."
FILING = "yankao.works.selectors.projects."
CITIZEN_REPORTS = "yankao.works.selectors.reports."
SERVICE = "yankao.service.selectors.report."
SECURITY = "yankao.registers.security.selectors."

PHONE_TESTS = "/office/registers/quality/phone-tests/?year={gyear}"
EVENTS_URL = "/office/registers/events/?year={gyear}&series="
COUNCIL_URL = "/office/registers/council/proposals/?session_year={gyear}"
SERVICE_CASES = "/office/service/stats/?period={year}"
SECURITY_URL = "/office/registers/security/"

CATALOGUE: list[Figure] = [
    # 壹、研究發展 — 四、推動為民服務工作 (電話禮貌測試)
    sel("registers.quality.phone_test.agencies", "電話禮貌測試受測機關數", "個機關", R.COUNT, S_SERVICE_WORK,
        QUALITY + "plan_agency_count", {"year": GYEAR}, records=PHONE_TESTS),
    sel("registers.quality.phone_test.calls_per_round", "電話禮貌測試每次撥打通數", "通", R.COUNT, S_SERVICE_WORK,
        QUALITY + "round_call_count", {"year": GYEAR, "half": 1}, records=PHONE_TESTS),
    sel("registers.quality.phone_test.samples", "電話禮貌測試完成樣本數", "份", R.COUNT, S_SERVICE_WORK,
        QUALITY + "sample_count", {"year": GYEAR}, records=PHONE_TESTS),
    sel("registers.quality.phone_test.score_h1", "電話禮貌測試市府總體成績（上半年）", "分", R.SCORE, S_SERVICE_WORK,
        QUALITY + "city_score", {"year": GYEAR, "half": 1}, records=PHONE_TESTS + "&half=1"),
    sel("registers.quality.phone_test.score_h2", "電話禮貌測試市府總體成績（下半年）", "分", R.SCORE, S_SERVICE_WORK,
        QUALITY + "city_score", {"year": GYEAR, "half": 2}, records=PHONE_TESTS + "&half=2"),
    sel("registers.quality.phone_test.rounds", "電話禮貌測試次數", "次", R.COUNT, S_SERVICE_WORK,
        QUALITY + "round_count", {"year": GYEAR}, records=PHONE_TESTS),
    # 五、公民參與
    sel("participation.subsidy.applications", "公民參與推動案件數", "案", R.COUNT, S_PARTICIPATION,
        PARTICIPATION + "subsidy_application_count", {"year": GYEAR},
        records="/participation/subsidies/?year={gyear}"),
    sel("participation.subsidy.approved", "研考會核定補助案件數", "案", R.COUNT, S_PARTICIPATION,
        PARTICIPATION + "subsidy_approved_count", {"year": GYEAR},
        records="/participation/subsidies/?year={gyear}"),
    sel("participation.subsidy.amount", "公民參與補助經費", "萬元", R.WAN2, S_PARTICIPATION,
        PARTICIPATION + "subsidy_approved_amount", {"year": GYEAR}, scale=10_000,
        records="/participation/subsidies/?year={gyear}"),
    sel("participation.rules.endorsement_days", "「想提議」附議期間", "日", R.COUNT, S_PARTICIPATION,
        PARTICIPATION + "proposal_rules_in_force", {"on": YEAR_END}, pick="endorsement_days",
        records="/participation/rules/"),
    sel("participation.rules.endorsement_threshold", "「想提議」成案附議門檻", "份", R.COUNT, S_PARTICIPATION,
        PARTICIPATION + "proposal_rules_in_force", {"on": YEAR_END}, pick="endorsement_threshold",
        records="/participation/rules/"),
    # 六、大陸事務；七、市長與大學校長會議
    sel("registers.events.cross_strait.courses", "兩岸事務研習課程場次", "場", R.COUNT, S_MAINLAND,
        EVENTS + "event_count", {"year": GYEAR, "series": "cross_strait"}, records=EVENTS_URL + "cross_strait"),
    sel("registers.events.presidents_meeting.universities", "市長與大學校長會議與會大學數", "所", R.COUNT,
        S_PRESIDENTS, EVENTS + "event_list", {"year": GYEAR, "series": "presidents"}, pick="first().n_partners",
        records=EVENTS_URL + "presidents"),
    sel("registers.events.presidents_meeting.topics", "市長與大學校長會議討論主題數", "個", R.COUNT, S_PRESIDENTS,
        EVENTS + "event_list", {"year": GYEAR, "series": "presidents"}, pick="first().topic_list.__len__()",
        records=EVENTS_URL + "presidents"),
    sel("registers.events.net_zero.universities", "共同辦理淨零永續活動大學數", "所", R.COUNT, S_PRESIDENTS,
        EVENTS + "event_list", {"year": GYEAR, "series": "net_zero_universities"}, pick="first().n_partners",
        records=EVENTS_URL + "net_zero_universities"),
    # 貳、綜合計畫
    sel("programmes.kpi.overall_rate", "中程施政計畫關鍵績效指標整體達成率（前一年度）", "%", R.PCT1, S_MIDTERM,
        KPIS + "kpi_overall_rate", {"year": PREVIOUS_YEAR}, records="/office/programmes/kpis/?year={year}"),
    sel("programmes.kpi.rate_change", "整體達成率較再前一年度增減", "%", R.PCT1, S_MIDTERM,
        KPIS + "kpi_rate_change", {"year": PREVIOUS_YEAR}, records="/office/programmes/kpis/?year={year}"),
    sel("programmes.prereview.training_batches", "先期作業研習班梯次", "梯次", R.COUNT, S_PREREVIEW,
        PROGRAMMES + "prereview_training", {"budget_year": NEXT_YEAR}, pick="batches",
        records="/office/programmes/planning/?budget_year={year}"),
    sel("programmes.prereview.training_attendees", "先期作業研習班參加人數", "人", R.COUNT, S_PREREVIEW,
        PROGRAMMES + "prereview_training", {"budget_year": NEXT_YEAR}, pick="attendees",
        records="/office/programmes/planning/?budget_year={year}"),
    sel("programmes.prereview.requested", "先期作業提報總經費需求（含基金、中央補助）", "億元", R.YI0, S_PREREVIEW,
        PROGRAMMES + "prereview_totals", {"budget_year": NEXT_YEAR}, pick="requested", scale=100_000_000,
        records="/office/programmes/planning/?budget_year={year}"),
    sel("programmes.prereview.approved_public", "先期作業核列公務預算", "億元", R.YI2, S_PREREVIEW,
        PROGRAMMES + "prereview_totals", {"budget_year": NEXT_YEAR}, pick="approved_public", scale=100_000_000,
        records="/office/programmes/planning/?budget_year={year}"),
    sel("programmes.prereview.approved_fund", "先期作業核列基金預算", "億元", R.YI2, S_PREREVIEW,
        PROGRAMMES + "prereview_totals", {"budget_year": NEXT_YEAR}, pick="approved_fund", scale=100_000_000,
        records="/office/programmes/planning/?budget_year={year}"),
    sel("registers.events.just_transition.courses", "淨零公正轉型研習班場次", "場", R.COUNT, S_JT_CAPACITY,
        EVENTS + "event_count", {"year": GYEAR, "series": "net_zero", "kinds": ("class",)},
        records=EVENTS_URL + "net_zero"),
    sel("registers.events.just_transition.workshops", "淨零公正轉型工作坊場次", "場", R.COUNT, S_JT_CAPACITY,
        EVENTS + "event_count", {"year": GYEAR, "series": "net_zero", "kinds": ("workshop",)},
        records=EVENTS_URL + "net_zero"),
    sel("registers.events.just_transition.trainees", "淨零公正轉型研習班及工作坊參訓人數", "名", R.COUNT,
        S_JT_CAPACITY, EVENTS + "participants_total",
        {"year": GYEAR, "series": "net_zero", "kinds": ("class", "workshop")},
        records=EVENTS_URL + "net_zero"),
    sel("registers.events.just_transition.forum_attendees", "淨零公正轉型座談參加人數", "名", R.COUNT,
        S_JT_MAINSTREAM, EVENTS + "participants_total",
        {"year": GYEAR, "series": "net_zero", "kinds": ("forum",)}, records=EVENTS_URL + "net_zero"),
    # 參、管制考核
    sel("programmes.evaluation.evaluated", "前一年度列管計畫納入年終考核案數", "案", R.COUNT, S_EVALUATION,
        PROGRAMMES + "evaluation_grade_counts", {"year": PREVIOUS_YEAR}, pick="evaluated",
        records="/office/programmes/evaluations/?year={year}"),
    sel("programmes.evaluation.grade_a", "年終考核甲等案數", "案", R.COUNT, S_EVALUATION,
        PROGRAMMES + "evaluation_grade_counts", {"year": PREVIOUS_YEAR}, pick="甲",
        records="/office/programmes/evaluations/?year={year}&grade=甲"),
    sel("programmes.evaluation.grade_b", "年終考核乙等案數", "案", R.COUNT, S_EVALUATION,
        PROGRAMMES + "evaluation_grade_counts", {"year": PREVIOUS_YEAR}, pick="乙",
        records="/office/programmes/evaluations/?year={year}&grade=乙"),
    sel("programmes.controlled.count", "列管重大施政計畫案數", "案", R.COUNT, S_EVALUATION,
        PROGRAMMES + "controlled_programme_count", {"year": YEAR}, records="/office/programmes/?year={year}"),
    sel("programmes.coordination_meetings.count", "公共工程督導暨協調會報次數", "次", R.COUNT, S_EVALUATION,
        PROGRAMMES + "coordination_meeting_count", {"year": YEAR},
        records="/office/programmes/meetings/?year={year}"),
    sel("programmes.subsidy.amount", "基本設施補助經費", "億元", R.YI2, S_SUBSIDY,
        PROGRAMMES + "subsidy_totals", {"year": YEAR}, pick="amount", scale=100_000_000,
        records="/office/programmes/subsidies/?year={year}"),
    sel("programmes.subsidy.cases", "基本設施補助列管案件數", "案", R.COUNT, S_SUBSIDY,
        PROGRAMMES + "subsidy_totals", {"year": YEAR}, pick="cases", records="/office/programmes/subsidies/?year={year}"),
    sel("programmes.subsidy.ndc_score", "國發會考核基本設施補助成績", "分", R.SCORE, S_SUBSIDY,
        PROGRAMMES + "subsidy_totals", {"year": YEAR}, pick="ndc_score",
        records="/office/programmes/subsidies/?year={year}"),
    sel("registers.council.proposals.total", "議員提案件數（該年第一次定期大會）", "件", R.COUNT, S_COUNCIL,
        COUNCIL + "proposal_total", {"session": COUNCIL_SESSION}, records=COUNCIL_URL),
    *[
        sel(f"registers.council.proposals.{key}", f"議員提案件數：{category}類", "件", R.COUNT, S_COUNCIL,
            COUNCIL + "proposal_counts_by_category", {"session": COUNCIL_SESSION}, pick=category,
            records=COUNCIL_URL + f"&category_name={category}")
        for key, category in [
            ("civil_affairs", "民政"),
            ("social_affairs", "社政"),
            ("finance", "財經"),
            ("education", "教育"),
            ("agriculture", "農林"),
            ("transport", "交通"),
            ("police_fire_env", "警消環衛"),
            ("public_works", "工務"),
            ("legal", "法規"),
        ]
    ],
    sel("registers.risks.total", "評估之重要風險項目數", "項", R.COUNT, S_RISK,
        RISKS + "risk_total", {"agency_id": COMMISSION, "year": GYEAR}, records="/office/registers/risks/?year={gyear}"),
    sel("registers.risks.medium", "中度風險項目數（處理前）", "項", R.COUNT, S_RISK,
        RISKS + "risk_counts_for", {"agency_id": COMMISSION, "year": GYEAR}, pick="medium",
        records="/office/registers/risks/?year={gyear}"),
    sel("registers.risks.low", "低度風險項目數（處理前）", "項", R.COUNT, S_RISK,
        RISKS + "risk_counts_for", {"agency_id": COMMISSION, "year": GYEAR}, pick="low",
        records="/office/registers/risks/?year={gyear}"),
    sel("registers.risks.lowered", "經新增對策降低風險等級之項目數", "項", R.COUNT, S_RISK,
        RISKS + "risks_lowered", {"agency_id": COMMISSION, "year": GYEAR}, records="/office/registers/risks/?year={gyear}"),
    # 肆、工程查核
    sel("works.inspections.total", "工程查核件數（含複查）", "件", R.COUNT, S_INSPECTION,
        INSPECTIONS + "inspection_totals", {"year": YEAR}, pick="total", records="/office/works/inspections/?year={year}"),
    sel("works.inspections.reinspections", "工程複查件數", "件", R.COUNT, S_INSPECTION,
        INSPECTIONS + "inspection_totals", {"year": YEAR}, pick="reinspections",
        records="/office/works/inspections/?year={year}&kind=reinspection"),
    sel("works.filing.lowest_monthly_rate", "標案管理系統每月填報率（最低月份）", "%", R.PCT0, S_FILING,
        FILING + "filing_rate_lowest_month", {"year": YEAR}, records="/office/works/filing/?year={year}"),
    sel("works.citizen_reports.total", "全民督工通報案件數", "件", R.COUNT, S_CITIZEN,
        CITIZEN_REPORTS + "citizen_report_figures", {"year": YEAR}, pick="total", records="/office/works/reports/?year={year}"),
    sel("works.citizen_reports.satisfaction_answers", "全民督工填報滿意度件數", "件", R.COUNT, S_CITIZEN,
        CITIZEN_REPORTS + "citizen_report_figures", {"year": YEAR}, pick="satisfaction_answers",
        records="/office/works/reports/?year={year}&answered=1"),
    sel("works.citizen_reports.satisfied", "全民督工滿意件數", "件", R.COUNT, S_CITIZEN,
        CITIZEN_REPORTS + "citizen_report_figures", {"year": YEAR}, pick="satisfied",
        records="/office/works/reports/?year={year}&satisfaction=satisfied"),
    sel("works.citizen_reports.dissatisfied", "全民督工不滿意件數", "件", R.COUNT, S_CITIZEN,
        CITIZEN_REPORTS + "citizen_report_figures", {"year": YEAR}, pick="dissatisfied",
        records="/office/works/reports/?year={year}&satisfaction=dissatisfied"),
    sel("works.citizen_reports.satisfaction_rate", "全民督工滿意度", "%", R.PCT0, S_CITIZEN,
        CITIZEN_REPORTS + "citizen_report_figures", {"year": YEAR}, pick="satisfaction_rate",
        records="/office/works/reports/?year={year}&answered=1"),
    sel("works.citizen_reports.in_construction", "全民督工在建工程通報案件數", "件", R.COUNT, S_CITIZEN,
        CITIZEN_REPORTS + "citizen_report_figures", {"year": YEAR}, pick="in_construction",
        records="/office/works/reports/?year={year}&in_construction=1"),
    sel("works.citizen_reports.inspected", "全民督工在建工程辦理查核件數", "件", R.COUNT, S_CITIZEN,
        CITIZEN_REPORTS + "citizen_report_figures", {"year": YEAR}, pick="inspected",
        records="/office/works/reports/?year={year}&in_construction=1&inspected=1"),
    sel("works.citizen_reports.inspection_rate", "全民督工在建工程查核率", "%", R.PCT0, S_CITIZEN,
        CITIZEN_REPORTS + "citizen_report_figures", {"year": YEAR}, pick="inspection_rate",
        records="/office/works/reports/?year={year}&in_construction=1"),
    sel("works.training.sessions", "工程人員品質教育訓練場次", "場", R.COUNT, S_TRAINING,
        CITIZEN_REPORTS + "training_sessions", {"year": YEAR}, pick="count()", records="/office/works/training/?year={year}"),
    # 伍、為民服務-聯合服務業務
    sel("service.cases.petitions", "民眾陳情案件數", "件", R.COUNT, S_SERVICE,
        SERVICE + "petitions_count", {"period": SERVICE_PERIOD}, records=SERVICE_CASES + "&kind=petition"),
    sel("service.cases.dispatches", "派工案件數", "件", R.COUNT, S_SERVICE,
        SERVICE + "dispatches_count", {"period": SERVICE_PERIOD}, records=SERVICE_CASES + "&kind=dispatch"),
    sel("service.cases.dispatches_monthly_average", "派工案件平均每月件數", "件", R.AVERAGE, S_SERVICE,
        SERVICE + "dispatches_monthly_average", {"period": SERVICE_PERIOD}, records=SERVICE_CASES + "&kind=dispatch"),
    sel("service.legal.attendances", "法律諮詢服務人次", "人次", R.COUNT, S_SERVICE,
        SERVICE + "legal_consultation_attendances", {"period": SERVICE_PERIOD},
        records="/office/service/legal/?year={year}"),
    sel("service.first_aid.services", "簡易傷口包紮消毒處理及衛教服務人次", "人次", R.COUNT, S_SERVICE,
        SERVICE + "first_aid_services", {"period": SERVICE_PERIOD}, records="/office/service/first-aid/?year={year}"),
    sel("service.first_aid.emergencies", "突發狀況簡易醫療處理次數", "次", R.COUNT, S_SERVICE,
        SERVICE + "first_aid_emergencies", {"period": SERVICE_PERIOD},
        records="/office/service/first-aid/?year={year}&kind=emergency"),
    sel("service.calls.total", "話務中心電話總處理量", "通", R.COUNT, S_SERVICE,
        SERVICE + "calls_total", {"period": SERVICE_PERIOD}, records="/office/service/calls/?year={year}"),
    sel("service.calls.monthly_average", "話務中心平均每月處理量", "通", R.AVERAGE, S_SERVICE,
        SERVICE + "calls_monthly_average", {"period": SERVICE_PERIOD}, records="/office/service/calls/?year={year}"),
    sel("service.calls.satisfaction_rate", "話務服務滿意度調查平均", "%", R.PCT2, S_SERVICE,
        SERVICE + "calls_satisfaction_pct", {"period": SERVICE_PERIOD},
        records="/office/service/calls/?year={year}&surveyed=1"),
    sel("service.calls.consultation_share", "諮詢類案件占總進線處理量", "%", R.PCT2, S_SERVICE,
        SERVICE + "calls_share_consultation_pct", {"period": SERVICE_PERIOD},
        records="/office/service/calls/?year={year}&kind=consultation"),
    sel("service.calls.consultation_resolved_rate", "諮詢類線上立即回覆率", "%", R.PCT2, S_SERVICE,
        SERVICE + "calls_consultation_resolved_on_line_pct", {"period": SERVICE_PERIOD},
        records="/office/service/calls/?year={year}&kind=consultation&resolved=1"),
    sel("service.calls.case_share", "錄案後送案件占總進線處理量", "%", R.PCT2, S_SERVICE,
        SERVICE + "calls_share_case_pct", {"period": SERVICE_PERIOD},
        records="/office/service/calls/?year={year}&kind=case"),
    sel("service.calls.other_share", "其他類案件占總進線處理量", "%", R.PCT2, S_SERVICE,
        SERVICE + "calls_share_other_pct", {"period": SERVICE_PERIOD},
        records="/office/service/calls/?year={year}&kind=other"),
    manual("rdec.callcentre.seats", "1999 話務中心話務座席", "座席", R.COUNT, S_SERVICE),
    manual("rdec.callcentre.staff", "1999 話務中心人力", "人", R.COUNT, S_SERVICE),
    manual("rdec.callcentre.disabled_staff_share", "1999 話務中心進用身障及視障客服人員比率", "%", R.PCT0, S_SERVICE),
    sel("service.cases.digital_citizen", "高雄數位市民—市政服務反映案件數", "件", R.COUNT, S_SERVICE,
        SERVICE + "digital_citizen_cases", {"period": SERVICE_PERIOD}, records=SERVICE_CASES + "&channel=digital_citizen"),
    sel("service.sign_language.sessions", "1999 手語視訊服務人次", "人次", R.COUNT, S_SERVICE,
        SERVICE + "sign_language_sessions", {"period": SERVICE_PERIOD},
        records="/office/service/sign-language/?year={year}"),
    # 陸、資訊業務
    manual("it.smart_city_expo.visitors", "智慧城市展參觀人次", "人次", R.ZH_WAN, S_EXPO),
    manual("it.smart_city_expo.growth", "智慧城市展參觀人次較去年成長", "%", R.PCT0, S_EXPO),
    manual("it.smart_city_expo.international_guests", "智慧城市展國際貴賓", "位", R.COUNT, S_EXPO),
    manual("it.smart_city_expo.exchanges", "智慧城市展期間與國際訪賓交流場次", "場次", R.COUNT, S_EXPO),
    manual("it.smart_city_expo.letters_of_intent", "智慧城市展簽署合作意願書", "份", R.COUNT, S_EXPO),
    manual("it.cloud.public_cloud_hosts", "公有雲備援能量", "台", R.COUNT, S_CLOUD),
    manual("it.cloud.fengshan_hosts", "鳳山機房備援能量", "台", R.COUNT, S_CLOUD),
    manual("it.cloud.backup_share", "備援能量占整體比率", "%", R.PCT0, S_CLOUD),
    manual("it.search.sites_before", "跨機關搜尋原涵蓋機關網站數", "個", R.COUNT, S_SEARCH),
    manual("it.search.sites_after", "跨機關搜尋擴大後涵蓋機關網站數", "個", R.COUNT, S_SEARCH),
    manual("it.search.uses", "搜尋引擎服務使用人次（萬）", "萬人次", R.WAN0, S_SEARCH),
    sel("org.districts.count", "本市行政區數", "個", R.COUNT, S_DIGITAL,
        "yankao.org.selectors.agency_list", {"city_code": CITY, "kind": "district"}, pick="count()",
        records="/agencies/"),
    manual("it.digital_citizen.brands", "數位市民合作品牌數", "個", R.COUNT, S_DIGITAL),
    manual("it.digital_citizen.stores", "數位市民合作門市數", "家", R.COUNT, S_DIGITAL),
    sel("registers.security.red_team.teams", "資安攻防演練紅隊數", "個", R.COUNT, S_SECURITY,
        SECURITY + "red_team_figures", {"year": GYEAR}, pick="teams", records=SECURITY_URL + "red-team/"),
    sel("registers.security.red_team.systems_tested", "攻防演練初測完成系統數", "個", R.COUNT, S_SECURITY,
        SECURITY + "red_team_figures", {"year": GYEAR}, pick="systems", records=SECURITY_URL + "red-team/"),
    sel("registers.security.maturity.briefings", "資安治理成熟度評估說明會場次", "場", R.COUNT, S_SECURITY,
        SECURITY + "briefing_count", {"year": GYEAR, "topic": "maturity_briefing"},
        records=SECURITY_URL),
    sel("registers.security.maturity.coaching_sessions", "資安治理成熟度評估輔導場次", "場", R.COUNT, S_SECURITY,
        SECURITY + "briefing_count", {"year": GYEAR, "topic": "maturity_coaching"},
        records=SECURITY_URL),
    sel("registers.security.maturity.class_b_agencies", "成熟度自評達標 B 級機關數", "個", R.COUNT, S_SECURITY,
        SECURITY + "maturity_at_target_count", {"year": GYEAR, "agency_class": "B"},
        records=SECURITY_URL + "maturity/?class=B"),
    sel("registers.security.maturity.class_c_agencies", "成熟度自評達標 C 級機關數", "個", R.COUNT, S_SECURITY,
        SECURITY + "maturity_at_target_count", {"year": GYEAR, "agency_class": "C"},
        records=SECURITY_URL + "maturity/?class=C"),
    sel("registers.security.audit.auditors", "產官學稽核團參與人數", "人", R.COUNT, S_SECURITY,
        SECURITY + "auditor_count", {"year": GYEAR}, pick="total", records=SECURITY_URL),
    sel("registers.security.audit.briefings", "稽核說明會場次", "場", R.COUNT, S_SECURITY,
        SECURITY + "briefing_count", {"year": GYEAR, "topic": "audit"},
        records=SECURITY_URL),
    sel("registers.security.audit.planned", "實地稽核規劃場次", "場", R.COUNT, S_SECURITY,
        SECURITY + "audit_progress", {"year": GYEAR}, pick="planned", records=SECURITY_URL + "audits/"),
    sel("registers.security.audit.done_rate", "實地稽核完成率", "%", R.PCT0, S_SECURITY,
        SECURITY + "audit_progress", {"year": GYEAR}, pick="percent_whole", records=SECURITY_URL + "audits/"),
    sel("registers.security.audit.done", "實地稽核已完成場次", "場次", R.COUNT, S_SECURITY,
        SECURITY + "audit_progress", {"year": GYEAR}, pick="done", records=SECURITY_URL + "audits/?status=done"),
    sel("registers.security.audit.remaining", "實地稽核尚待完成場次", "場", R.COUNT, S_SECURITY,
        SECURITY + "audit_progress", {"year": GYEAR}, pick="remaining",
        records=SECURITY_URL + "audits/"),
]  # fmt: skip

registry.register(*CATALOGUE)
# the 15 service figures (and the calls-per-month chart) read one shared aggregate per period
registry.add_build_scope(SERVICE + "report_counts_memoised")

# the monthly analysis' and council compilations' figures, made from the report's period
from yankao.reports import periodic  # noqa: E402, F401 - registers on import
