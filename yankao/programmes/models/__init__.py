"""Models of programme control and evaluation (管制考核); one module per part of the work."""

from .evaluation import CriterionScore, Evaluation, EvaluationPlan, EvaluationSession, PlanCriterion
from .kpis import KpiIndicator, KpiSuggestion, KpiValue
from .meetings import AgendaItem, CoordinationMeeting, MeetingDecision
from .planning import (
    AdminPlanCycle,
    AdminPlanSection,
    CallStep,
    PreReviewCall,
    PreReviewProposal,
    ProposalReview,
    Training,
    TrainingBatch,
)
from .programmes import (
    ImportBatch,
    Milestone,
    MonthlyAnalysis,
    MonthlyReport,
    PlanMonth,
    Programme,
    ReportAttachment,
    ReportingMonth,
    ReportMilestone,
    ReportReminder,
    roc_month_label,
)
from .rules import ControlRules, DelayReason, EvaluationCriterion, GradeBand, Scheme
from .subsidies import SubsidyCase, SubsidyTracking, SubsidyYearResult

__all__ = [
    "AdminPlanCycle",
    "AdminPlanSection",
    "AgendaItem",
    "CallStep",
    "ControlRules",
    "CoordinationMeeting",
    "CriterionScore",
    "DelayReason",
    "Evaluation",
    "EvaluationCriterion",
    "EvaluationPlan",
    "EvaluationSession",
    "GradeBand",
    "ImportBatch",
    "KpiIndicator",
    "KpiSuggestion",
    "KpiValue",
    "MeetingDecision",
    "Milestone",
    "MonthlyAnalysis",
    "MonthlyReport",
    "PlanCriterion",
    "PlanMonth",
    "PreReviewCall",
    "PreReviewProposal",
    "Programme",
    "ProposalReview",
    "ReportAttachment",
    "ReportMilestone",
    "ReportReminder",
    "ReportingMonth",
    "Scheme",
    "SubsidyCase",
    "SubsidyTracking",
    "SubsidyYearResult",
    "Training",
    "TrainingBatch",
    "roc_month_label",
]
