"""常見問答: an agency keeps its own questions and answers; the commission keeps all of them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yankao.core.privacy import personal_data_found
from yankao.org.permissions import can_manage_agency, is_commission
from yankao.service.models import Category, Faq


def can_edit_faq(user: Any, agency: Any) -> bool:
    """The commission, or the manager of the agency the answer belongs to."""
    return user is not None and (is_commission(user) or (agency is not None and can_manage_agency(user, agency)))


def faq_save(
    *,
    actor: Any,
    question: str,
    answer: str,
    agency: Any,
    category: Category | None = None,
    is_published: bool = True,
    sort_order: int = 0,
    faq: Faq | None = None,
) -> Faq:
    """Create (`faq=None`) or change a question and answer. They are public: personal data
    (ID numbers, phone numbers, e-mail addresses) is refused."""
    if actor is not None and not (can_edit_faq(actor, agency) and (faq is None or can_edit_faq(actor, faq.agency))):
        raise PermissionDenied("只有研考會或權責機關的主管可以維護常見問答")
    question, answer = question.strip(), answer.strip()
    errors: dict[str, list[str]] = {}
    if not question:
        errors["question"] = ["請填寫問題"]
    if not answer:
        errors["answer"] = ["請填寫回答"]
    for field, text in (("question", question), ("answer", answer)):
        if personal_data_found(text):
            errors.setdefault(field, []).append("常見問答會公開，請勿填寫身分證字號、電話或電子郵件")
    if agency is None:
        errors["agency"] = ["請選擇權責機關"]
    if errors:
        raise ValidationError(errors)
    faq = faq or Faq()
    faq.question, faq.answer, faq.agency, faq.category = question[:200], answer, agency, category
    faq.is_published, faq.sort_order = is_published, sort_order
    with transaction.atomic():
        faq.save()
    return faq
