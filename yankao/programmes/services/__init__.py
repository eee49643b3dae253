"""Every write of programme control; views, the API, importers, tasks and the demo call these.

Split by part of the work: programmes (and their work plan), reports (monthly progress),
meetings, evaluation, kpis, planning (pre-review, administration plan), subsidies, imports.
"""

from .evaluation import (
    evaluation_add,
    evaluation_plan_issue,
    evaluation_plan_set_rules,
    evaluation_results_issue,
    evaluation_score,
    evaluation_self_assess,
    evaluation_session_add,
)
from .kpis import kpi_indicator_create, kpi_suggestion_close, kpi_suggestion_reply, kpi_suggestion_send, kpi_value_set
from .meetings import (
    agenda_from_problems,
    agenda_item_add,
    decision_add,
    decision_close,
    decision_reply,
    meeting_create,
    meeting_record_minutes,
)
from .planning import (
    admin_plan_compile,
    admin_plan_cycle_create,
    admin_plan_section_submit,
    admin_plan_send_to_council,
    call_balance_close,
    call_create,
    proposal_review,
    proposal_submit,
    training_record,
)
from .programmes import programme_create, programme_set_plan, programme_set_status
from .reports import (
    analysis_generate,
    month_close,
    report_approve,
    report_attach,
    report_review,
    report_save,
    report_send_back,
    report_submit,
    reports_bulk_load,
    reports_chase_missing,
)
from .subsidies import subsidy_case_create, subsidy_send_to_meeting, subsidy_track, subsidy_year_result_set

__all__ = [
    "admin_plan_compile",
    "admin_plan_cycle_create",
    "admin_plan_section_submit",
    "admin_plan_send_to_council",
    "agenda_from_problems",
    "agenda_item_add",
    "analysis_generate",
    "call_balance_close",
    "call_create",
    "decision_add",
    "decision_close",
    "decision_reply",
    "evaluation_add",
    "evaluation_plan_issue",
    "evaluation_plan_set_rules",
    "evaluation_results_issue",
    "evaluation_score",
    "evaluation_self_assess",
    "evaluation_session_add",
    "kpi_indicator_create",
    "kpi_suggestion_close",
    "kpi_suggestion_reply",
    "kpi_suggestion_send",
    "kpi_value_set",
    "meeting_create",
    "meeting_record_minutes",
    "month_close",
    "programme_create",
    "programme_set_plan",
    "programme_set_status",
    "proposal_review",
    "proposal_submit",
    "report_approve",
    "report_attach",
    "report_review",
    "report_save",
    "report_send_back",
    "report_submit",
    "reports_bulk_load",
    "reports_chase_missing",
    "subsidy_case_create",
    "subsidy_send_to_meeting",
    "subsidy_track",
    "subsidy_year_result_set",
    "training_record",
]
