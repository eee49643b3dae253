"""Models of public works inspection (工程查核)."""

from .inspections import Defect, FollowUpAction, Inspection, InspectionMember, Photo
from .projects import DocumentaryCheck, ProgressReport, Project
from .reports import CitizenReport, ReportNote, TrainingSession
from .rules import AmountTier, DefectCode, GradeBand, Party, WorksRule

__all__ = [
    "AmountTier",
    "CitizenReport",
    "Defect",
    "DefectCode",
    "DocumentaryCheck",
    "FollowUpAction",
    "GradeBand",
    "Inspection",
    "InspectionMember",
    "Party",
    "Photo",
    "ProgressReport",
    "Project",
    "ReportNote",
    "TrainingSession",
    "WorksRule",
]
