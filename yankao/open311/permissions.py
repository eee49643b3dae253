"""Who may do what in the Open311 app (tested as a matrix in tests/test_permissions.py).

The API's GETs are public (and show nothing personal); a POST needs a client's API key.
Keys are issued and revoked by the commission (研考會), which also keeps the mapping of other
systems' dispatch items onto the catalogue. The open-data page and its downloads are public.
"""

from __future__ import annotations

from typing import Any

from yankao.org.permissions import is_commission


def can_manage_clients(user: Any) -> bool:
    """Issue and revoke API keys: the commission's officers and administrators."""
    return is_commission(user)


def can_review_external_categories(user: Any) -> bool:
    """Review the items an import added to the catalogue: the commission."""
    return is_commission(user)
