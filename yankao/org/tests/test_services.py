from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_staff
from yankao.org.models import Role, RoleGrant, User
from yankao.org.services import role_grant, role_revoke, user_create_staff


def test_kaohsiung_loads_every_district_and_commission(city):
    assert city.districts.count() == 38
    assert city.agencies.filter(kind="commission").get().short_name == "研究發展考核委員會"
    assert city.agencies.filter(kind="district").count() == 38


def test_loading_twice_changes_nothing(city):
    from yankao.core.models import AuditEvent
    from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file

    before = AuditEvent.objects.count()
    org_load_city_file(path=KAOHSIUNG_FILE)
    assert AuditEvent.objects.count() == before


def test_agency_manager_cannot_create_staff_in_another_agency(city, own_agency, other_agency):
    manager = make_staff("pwb-boss", own_agency, Role.AGENCY_MANAGER)
    with pytest.raises(PermissionDenied):
        user_create_staff(username="x", password="pw-test-123456", agency=other_agency, roles=[], created_by=manager)
    assert not User.objects.filter(username="x").exists()


def test_unknown_role_is_refused_and_nothing_written(city, own_agency):
    with pytest.raises(ValidationError):
        user_create_staff(username="x", password="pw-test-123456", agency=own_agency, roles=["king"])
    assert not User.objects.filter(username="x").exists()


def test_commission_roles_only_for_commission_staff(people):
    with pytest.raises(ValidationError):
        role_grant(user=people["own_staff"], role=Role.COMMISSION_OFFICER, granted_by=people["admin"])
    assert not RoleGrant.objects.filter(user=people["own_staff"], role=Role.COMMISSION_OFFICER).exists()


def test_grant_and_revoke_are_audited(people):
    from yankao.core.models import AuditEvent

    user = people["own_staff"]
    role_grant(user=user, role=Role.PROJECT_MANAGER, granted_by=people["admin"])
    assert Role.PROJECT_MANAGER in User.objects.get(pk=user.pk).role_set
    role_revoke(user=user, role=Role.PROJECT_MANAGER, revoked_by=people["admin"])
    assert Role.PROJECT_MANAGER not in User.objects.get(pk=user.pk).role_set
    actions = list(AuditEvent.objects.filter(record_type="org.rolegrant").values_list("action", flat=True))
    assert actions[-2:] == ["create", "delete"]


def test_staff_cannot_grant_roles(people):
    with pytest.raises(PermissionDenied):
        role_grant(user=people["own_staff"], role=Role.AGENCY_MANAGER, granted_by=people["own_staff"])
