"""Who may do what in search: everyone searches; the commission manages the sources."""

from __future__ import annotations

from typing import Any

from yankao.org.permissions import is_commission


def can_search(user: Any) -> bool:
    return True


def can_manage_sources(user: Any) -> bool:
    """研考會 configures which agency websites are crawled."""
    return is_commission(user)
