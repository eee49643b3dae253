from __future__ import annotations

import pytest

from conftest import PERSONAS
from yankao.org import permissions

# persona -> (is_staff_member, is_commission, sees own agency PWB, manages PWB)
EXPECTED = {
    "anonymous": (False, False, False, False),
    "citizen": (False, False, False, False),
    "other_staff": (True, False, False, False),
    "own_staff": (True, False, True, False),
    "commission": (True, True, True, True),
    "admin": (True, True, True, True),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_predicates(people, own_agency, persona):
    from django.contrib.auth.models import AnonymousUser

    user = people[persona] or AnonymousUser()
    got = (
        permissions.is_staff_member(user),
        permissions.is_commission(user),
        permissions.can_view_agency_records(user, own_agency),
        permissions.can_manage_agency(user, own_agency),
    )
    assert got == EXPECTED[persona]


def test_agency_manager_manages_only_own_agency(city, own_agency, other_agency):
    from conftest import make_staff
    from yankao.org.models import Role

    manager = make_staff("pwb-boss", own_agency, Role.AGENCY_MANAGER)
    assert permissions.can_manage_agency(manager, own_agency)
    assert not permissions.can_manage_agency(manager, other_agency)


def test_auditor_outside_commission_sees_only_own_agency(city, own_agency, other_agency):
    from conftest import make_staff
    from yankao.org.models import Role

    auditor = make_staff("pwb-auditor", own_agency, Role.AUDITOR)
    assert permissions.can_view_agency_records(auditor, own_agency)
    assert not permissions.can_view_agency_records(auditor, other_agency)
