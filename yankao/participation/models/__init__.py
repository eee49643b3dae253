"""Models of the participation app (公民參與)."""

from .budgeting import Ballot, BallotChoice, BudgetProcess, BudgetProject, ProjectProgress
from .consultations import Consultation, ConsultationComment
from .identity import CitizenVerification, VerificationCode, VerifiedIdentity
from .proposals import CommentReport, Endorsement, Proposal, ProposalAgency, ProposalComment, ProposalResponse
from .rules import ProjectType, ProposalRules, RejectionReason
from .subsidies import ParticipationProject, ProjectSite

__all__ = [
    "Ballot",
    "BallotChoice",
    "BudgetProcess",
    "BudgetProject",
    "CitizenVerification",
    "CommentReport",
    "Consultation",
    "ConsultationComment",
    "Endorsement",
    "ParticipationProject",
    "ProjectProgress",
    "ProjectSite",
    "ProjectType",
    "Proposal",
    "ProposalAgency",
    "ProposalComment",
    "ProposalResponse",
    "ProposalRules",
    "RejectionReason",
    "VerificationCode",
    "VerifiedIdentity",
]
