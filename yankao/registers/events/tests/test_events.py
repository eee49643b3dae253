"""Events: recording and the figures they give."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.registers.conftest import PERSONAS, STAFF_PAGE, expect_status
from yankao.registers.events import selectors, services
from yankao.registers.events.models import Event, EventSeries

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(officer, commission_agency):
    return services.event_record(
        actor=officer,
        series=EventSeries.objects.get(code="presidents"),
        agency=commission_agency,
        kind="meeting",
        title="市長與大學校長會議",
        held_on=dt.date(2024, 9, 9),
        topics=["數位轉型", "半導體", " "],
        partners=["國立中山大學", "義守大學", "國立中山大學 "],
    )


def test_event_figures(officer, commission_agency, meeting):
    series = EventSeries.objects.get(code="net_zero")
    for kind, people in (("class", 58), ("workshop", 55), ("forum", 50)):
        services.event_record(
            actor=officer,
            series=series,
            agency=commission_agency,
            kind=kind,
            title=f"淨零{kind}",
            held_on=dt.date(2024, 10, 16),
            participants=people,
        )
    assert selectors.event_count(year=2024, series="net_zero", kinds=["class", "workshop"]) == 2
    assert selectors.participants_total(year=2024, series="net_zero", kinds=["class", "workshop"]) == 113
    assert selectors.participants_total(year=2024, series="net_zero", kinds=["forum"]) == 50
    found = selectors.event_on(series="presidents", held_on=dt.date(2024, 9, 9))
    assert found == meeting
    assert selectors.partner_count(event=meeting) == 2
    assert selectors.topic_count(event=meeting) == 2


def test_validation_and_permission(people, officer, commission_agency, meeting):
    series = EventSeries.objects.get(code="presidents")
    with pytest.raises(ValidationError, match="同名活動"):
        services.event_record(
            actor=officer,
            series=series,
            agency=commission_agency,
            kind="meeting",
            title="市長與大學校長會議",
            held_on=dt.date(2024, 9, 9),
        )
    with pytest.raises(ValidationError, match="不可為負"):
        services.event_record(
            actor=officer,
            series=series,
            agency=commission_agency,
            kind="meeting",
            title="x",
            held_on=dt.date(2024, 9, 9),
            participants=-1,
        )
    with pytest.raises(PermissionDenied):
        services.event_record(
            actor=people["own_staff"],
            series=series,
            agency=commission_agency,
            kind="meeting",
            title="y",
            held_on=dt.date(2024, 9, 9),
        )
    assert Event.objects.count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["list", "list_ods", "detail"])
def test_permission_matrix(client_for, persona, name, meeting):
    urls = {
        "list": "/office/registers/events/?year=113",
        "list_ods": "/office/registers/events/?year=113&format=ods",
        "detail": f"/office/registers/events/{meeting.pk}/",
    }
    expect_status(client_for(persona).get(urls[name]), STAFF_PAGE[PERSONAS.index(persona)])


@pytest.mark.parametrize("persona,status", [("own_staff", 403), ("commission", 302)])
def test_record_through_the_page(client_for, persona, status):
    series = EventSeries.objects.get(code="service")
    response = client_for(persona).post(
        "/office/registers/events/",
        {
            "series": series.pk,
            "kind": "course",
            "title": "提升服務研習",
            "held_on": "113/06/21",
            "speakers": "講師甲\n講師乙",
            "topics": "",
            "partners": "國立中山大學",
            "participants": "40",
        },
    )
    assert response.status_code == status
    if status == 302:
        event = Event.objects.get()
        assert (event.title, event.speaker_list, event.participants, event.partners.count()) == (
            "提升服務研習",
            ["講師甲", "講師乙"],
            40,
            1,
        )
    else:
        assert Event.objects.count() == 0
