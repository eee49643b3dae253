"""Work-report compilations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.registers.conftest import COMMISSION_PAGE, PERSONAS, STAFF_PAGE, expect_status
from yankao.registers.workreports import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def compilation(officer, own_agency, other_agency):
    return services.compilation_create(
        actor=officer,
        year=2024,
        kind="council",
        title="第4屆第3次大會施政報告",
        due_on=dt.date(2024, 2, 2),
        agencies=[own_agency, other_agency],
    )


def test_workflow(people, officer, compilation):
    own = compilation.sections.get(agency__code="PWB")
    other = compilation.sections.get(agency__code="CAB")
    with pytest.raises(PermissionDenied):
        services.section_submit(actor=people["other_staff"], section=own, text="x", submitted_on=dt.date(2024, 2, 1))
    services.section_submit(actor=people["own_staff"], section=own, text="工務局報告", submitted_on=dt.date(2024, 2, 1))
    with pytest.raises(ValidationError, match="尚有 1 個機關未提報：高雄市政府民政局"):
        services.compilation_compile(actor=officer, compilation=compilation, compiled_on=dt.date(2024, 2, 20))
    services.section_submit(
        actor=people["other_staff"], section=other, text="民政局報告", submitted_on=dt.date(2024, 2, 5)
    )
    assert selectors.late_sections(compilation=compilation) == 1
    services.compilation_compile(actor=officer, compilation=compilation, compiled_on=dt.date(2024, 2, 20))
    with pytest.raises(ValidationError, match="已完成"):
        services.section_submit(actor=people["own_staff"], section=own, text="改", submitted_on=dt.date(2024, 2, 21))
    services.compilation_send(
        actor=officer, compilation=compilation, sent_on=dt.date(2024, 2, 22), sent_to="高雄市議會"
    )
    assert selectors.compilations_sent(year=2024, kind="council") == ["第4屆第3次大會施政報告"]
    own.refresh_from_db()
    assert own.text == "工務局報告"
    doc = selectors.compiled_document(compilation=compilation)
    # agencies in the organisation's order: 民政局 (CAB) comes before 工務局 (PWB)
    assert [b.text for b in doc.blocks] == ["高雄市政府民政局", "民政局報告", "高雄市政府工務局", "工務局報告"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(client_for, persona, compilation):
    i = PERSONAS.index(persona)
    expect_status(client_for(persona).get("/office/registers/work-reports/"), STAFF_PAGE[i])
    expect_status(client_for(persona).get("/office/registers/work-reports/?format=csv"), STAFF_PAGE[i])
    expect_status(client_for(persona).get(f"/office/registers/work-reports/{compilation.pk}/"), STAFF_PAGE[i])
    expect_status(
        client_for(persona).get(f"/office/registers/work-reports/{compilation.pk}/document.docx"), COMMISSION_PAGE[i]
    )


def test_staff_see_only_their_section(client_for, compilation):
    response = client_for("own_staff").get(f"/office/registers/work-reports/{compilation.pk}/")
    assert [s.agency.code for s in response.context["sections"]] == ["PWB"]


@pytest.mark.parametrize("persona,status", [("own_staff", 403), ("commission", 302)])
def test_create_through_the_page(client_for, persona, status, own_agency, other_agency):
    from yankao.registers.workreports.models import Compilation

    response = client_for(persona).post(
        "/office/registers/work-reports/",
        {
            "year": "113",
            "kind": "council",
            "title": "第4屆第4次大會施政報告",
            "due_on": "113/08/02",
            "agencies": [own_agency.pk, other_agency.pk],
        },
    )
    assert response.status_code == status
    created = Compilation.objects.filter(title="第4屆第4次大會施政報告")
    assert created.count() == (1 if status == 302 else 0)
    if status == 302:
        assert created.get().sections.count() == 2 and created.get().year == 2024
