"""Every read of the service app that has a rule in it."""

from yankao.service.selectors.breakdown import case_breakdown, survey_results
from yankao.service.selectors.cases import (
    InboxFilter,
    case_inbox,
    case_list_for,
    case_public_status,
    case_timeline,
    duplicate_candidates,
    overdue_cases_for,
)
from yankao.service.selectors.public import category_public_list, faq_list_for, faq_public_list
from yankao.service.selectors.stats import (
    Period,
    half_year,
    period_between,
    period_parse,
    service_counts,
    service_figures,
    service_statistics,
)

__all__ = [
    "InboxFilter",
    "Period",
    "case_breakdown",
    "case_inbox",
    "case_list_for",
    "case_public_status",
    "case_timeline",
    "category_public_list",
    "duplicate_candidates",
    "faq_list_for",
    "faq_public_list",
    "half_year",
    "overdue_cases_for",
    "period_between",
    "period_parse",
    "service_counts",
    "service_figures",
    "service_statistics",
    "survey_results",
]
