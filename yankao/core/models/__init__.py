"""Core models: the audit trail and the base classes every domain app builds on.

The working-day calendar lives in `calendar.py` beside this file.
"""

from .audit import AuditChainHead, AuditEvent
from .base import AuditedModel, TimeStampedModel
from .calendar import CalendarDay, OfficeHours
from .jobs import JobRun

__all__ = ["AuditChainHead", "AuditEvent", "AuditedModel", "CalendarDay", "JobRun", "OfficeHours", "TimeStampedModel"]
