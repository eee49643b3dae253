"""Every write of the participation app (see the modules for each area)."""

from .budgeting import (
    budget_ballot_cast,
    budget_idea_submit,
    budget_phase_advance,
    budget_process_create,
    budget_progress_report,
    budget_project_review,
    budget_results,
)
from .consultations import consultation_comment, consultation_publish, consultation_summarise
from .identity import (
    normalise_mobile,
    require_verified,
    verification_code_confirm,
    verification_code_send,
    verification_for,
    verification_from_line,
    verification_set_residence,
)
from .moderation import comment_moderate, comment_post, comment_report, endorsement_flag_dismiss, endorsement_void
from .proposals import (
    AdvanceResult,
    proposal_advance_all,
    proposal_endorse,
    proposal_establish,
    proposal_screen,
    proposal_submit,
    proposal_withdraw,
)
from .responses import (
    programme_source,
    proposal_create_programme,
    proposal_extend,
    proposal_link_programme,
    proposal_respond,
)
from .rules import proposal_rules_publish
from .subsidies import (
    ImportResult,
    project_apply,
    project_fund,
    project_report,
    project_review,
    project_site_add,
    projects_import,
)

__all__ = [
    "AdvanceResult",
    "ImportResult",
    "budget_ballot_cast",
    "budget_idea_submit",
    "budget_phase_advance",
    "budget_process_create",
    "budget_progress_report",
    "budget_project_review",
    "budget_results",
    "comment_moderate",
    "comment_post",
    "comment_report",
    "consultation_comment",
    "consultation_publish",
    "consultation_summarise",
    "endorsement_flag_dismiss",
    "endorsement_void",
    "normalise_mobile",
    "programme_source",
    "project_apply",
    "project_fund",
    "project_report",
    "project_review",
    "project_site_add",
    "projects_import",
    "proposal_advance_all",
    "proposal_create_programme",
    "proposal_endorse",
    "proposal_establish",
    "proposal_extend",
    "proposal_link_programme",
    "proposal_respond",
    "proposal_rules_publish",
    "proposal_screen",
    "proposal_submit",
    "proposal_withdraw",
    "require_verified",
    "verification_code_confirm",
    "verification_code_send",
    "verification_for",
    "verification_from_line",
    "verification_set_residence",
]
