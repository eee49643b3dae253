"""The citizen service centre's records (聯合服務中心): rules as data, cases, hotline records."""

from yankao.service.models.cases import (
    Attachment,
    Case,
    CaseNumberCounter,
    CaseStep,
    DeadlineExtension,
    Survey,
)
from yankao.service.models.faq import Faq
from yankao.service.models.hotline import Call, FirstAidService, LegalConsultation, SignLanguageSession
from yankao.service.models.rules import (
    Category,
    CategoryRoute,
    DeadlineRule,
    EscalationStep,
    LegalServicePoint,
    ServicePolicy,
)

__all__ = [
    "Attachment",
    "Call",
    "Case",
    "CaseNumberCounter",
    "CaseStep",
    "Category",
    "CategoryRoute",
    "DeadlineExtension",
    "DeadlineRule",
    "EscalationStep",
    "Faq",
    "FirstAidService",
    "LegalConsultation",
    "LegalServicePoint",
    "ServicePolicy",
    "SignLanguageSession",
    "Survey",
]
