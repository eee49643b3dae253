"""The commission edits the rules by publishing a new version from a date (history is kept)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yankao.participation.models import ProposalRules
from yankao.participation.permissions import can_screen

from .common import deny

EDITABLE = (
    "screening_working_days",
    "endorsement_days",
    "endorsement_threshold",
    "response_months",
    "extension_months",
    "max_extensions",
    "max_suggested_agencies",
    "comment_report_threshold",
    "burst_window_minutes",
    "burst_threshold",
    "new_identity_minutes",
    "code_ttl_minutes",
    "code_max_per_hour",
    "code_max_attempts",
)


def proposal_rules_publish(*, actor: Any, effective_from: dt.date, note: str = "", **values: int) -> ProposalRules:
    """A new version of the 想提議 rules from `effective_from`; unchanged values carry over.

    Proposals already past a step keep the values they were given (they are copied on them).
    """
    deny(can_screen(actor), "只有研考會可以修改想提議規則。")
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"未知的規則項目：{'、'.join(sorted(unknown))}")
    for name, value in values.items():
        if not isinstance(value, int) or value < (0 if name == "max_extensions" else 1):
            raise ValidationError({name: ["請輸入正整數。"]})
    base = ProposalRules.in_force(effective_from)
    with transaction.atomic():
        rules, _ = ProposalRules.objects.get_or_create(
            effective_from=effective_from, defaults={name: getattr(base, name) for name in EDITABLE}
        )
        for name, value in values.items():
            setattr(rules, name, value)
        rules.note = (note or rules.note)[:200]
        rules.full_clean()
        rules.save()
    return rules
