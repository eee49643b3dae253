from yankao.org.models import Role
from yankao.org.tests.factories import CitizenFactory, StaffFactory


def test_factories_make_people_through_the_services(db):
    staff = StaffFactory(roles=[Role.AGENCY_MANAGER])
    citizen = CitizenFactory()
    assert staff.kind == "staff" and staff.role_set == {Role.AGENCY_MANAGER}
    assert staff.agency.kind == "first"
    assert citizen.kind == "citizen" and citizen.agency is None
    assert citizen.check_password("pw-test-123456")
