"""Permission matrix of every works view and API over the six personas: anonymous, citizen,
other agency's staff, own agency's staff (工務局), commission officer, administrator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import PERSONAS
from yankao.works import services
from yankao.works.models import CitizenReport, Defect, DocumentaryCheck, Inspection, Photo, Project

from .conftest import finalised_inspection

SIGNIN, OK, FORBIDDEN, NOT_FOUND, REDIRECT, UNAUTH = "signin", 200, 403, 404, 302, 401
#                  anonymous citizen  other_staff own_staff  commission admin
STAFF_PAGE = [SIGNIN, FORBIDDEN, OK, OK, OK, OK]
OWN_RECORD = [SIGNIN, FORBIDDEN, NOT_FOUND, OK, OK, OK]
COMMISSION = [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK]
CITIZEN = [SIGNIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN]
CITIZEN_OWN = [SIGNIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN]
PHOTO = [SIGNIN, NOT_FOUND, NOT_FOUND, OK, OK, OK]


@pytest.fixture
def world(people, project, other_project, photo):
    """One record of each kind, belonging to 工務局 (own agency), plus a citizen's report."""
    commission = people["commission"]
    services.progress_file(
        actor=people["own_staff"], project=project, month=dt.date(2024, 5, 1), planned_pct=50, actual_pct=30
    )
    check = services.documentary_check_record(
        actor=commission, project=project, month=dt.date(2024, 5, 1), checked_on=dt.date(2024, 6, 10)
    )
    inspection = finalised_inspection(commission, project, defects=1)
    draft = services.inspection_create(actor=commission, project=project, inspected_on=dt.date(2024, 6, 3))
    photo_row = services.photo_add(actor=commission, inspection=draft, upload=photo)
    report = services.citizen_report_file(actor=people["citizen"], subject="圍籬倒塌", content="在民族路")
    services.citizen_report_assign(actor=commission, report=report, agency=project.agency, project=project)
    return {
        "project": project,
        "check": check,
        "inspection": inspection,
        "draft": draft,
        "defect": inspection.defects.get(),
        "photo": photo_row,
        "report": report,
    }


def matrix(world):
    p, c, i, d, r = (
        world["project"].pk,
        world["check"].pk,
        world["inspection"].pk,
        world["defect"].pk,
        world["report"].pk,
    )
    return {
        "/office/works/": COMMISSION,
        "/office/works/?format=xlsx": COMMISSION,
        "/office/works/projects/": STAFF_PAGE,
        "/office/works/projects/?format=csv": STAFF_PAGE,
        "/office/works/projects/new/": STAFF_PAGE,
        f"/office/works/projects/{p}/": OWN_RECORD,
        "/office/works/filing/": STAFF_PAGE,
        "/office/works/filing/?format=ods": STAFF_PAGE,
        "/office/works/filing/import/": STAFF_PAGE,
        "/office/works/behind/": STAFF_PAGE,
        "/office/works/checks/": STAFF_PAGE,
        f"/office/works/checks/{c}/": OWN_RECORD,
        f"/office/works/checks/{c}/letter.odt": OWN_RECORD,
        "/office/works/inspections/": STAFF_PAGE,
        "/office/works/inspections/plan/": COMMISSION,
        "/office/works/inspections/new/": COMMISSION,
        f"/office/works/inspections/{i}/": OWN_RECORD,
        f"/office/works/inspections/{i}/record.docx": OWN_RECORD,
        f"/office/works/inspections/{world['draft'].pk}/edit/": COMMISSION,
        f"/office/works/photos/{world['photo'].pk}/": PHOTO,
        "/office/works/defects/": STAFF_PAGE,
        f"/office/works/defects/{d}/": [SIGNIN, FORBIDDEN, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN],
        "/office/works/reports/": STAFF_PAGE,
        "/office/works/reports/new/": COMMISSION,
        f"/office/works/reports/{r}/": OWN_RECORD,
        "/office/works/training/": STAFF_PAGE,
        "/works/report/": CITIZEN,
        "/works/my-reports/": CITIZEN,
        f"/works/my-reports/{r}/": CITIZEN_OWN,
        "/api/works/figures/113/": [UNAUTH, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    }


def _expect(response, expected):
    if expected == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


PATH_COUNT = 30


@pytest.mark.parametrize("index", range(PATH_COUNT))
@pytest.mark.parametrize("persona", PERSONAS)
def test_works_views(client_for, world, persona, index):
    paths = matrix(world)
    assert len(paths) == PATH_COUNT
    path, expected = list(paths.items())[index]
    response = client_for(persona).get(path)
    _expect(response, expected[PERSONAS.index(persona)])


def test_other_agency_sees_none_of_our_records_in_lists(client_for, world):
    client = client_for("other_staff")
    assert list(client.get("/office/works/projects/").context["projects"]) == [
        Project.objects.get(tender_number="CAB-113-001")
    ]
    assert list(client.get("/office/works/inspections/?year=113").context["inspections"]) == []
    assert list(client.get("/office/works/defects/").context["defects"]) == []
    assert list(client.get("/office/works/reports/").context["reports"]) == []
    assert list(client.get("/office/works/checks/?year=113").context["checks"]) == []


def test_own_agency_sees_its_records(client_for, world):
    client = client_for("own_staff")
    assert [i.pk for i in client.get("/office/works/inspections/?year=113").context["inspections"]] == [
        world["draft"].pk,
        world["inspection"].pk,
    ]
    assert [d.pk for d in client.get("/office/works/defects/").context["defects"]] == [world["defect"].pk]


@pytest.mark.parametrize(
    "persona,path,data",
    [
        ("other_staff", "defects/{d}/", {"reply": "偷改"}),
        ("citizen", "defects/{d}/", {"reply": "偷改"}),
        ("own_staff", "inspections/{i}/reinspect/", {"inspected_on": "113/06/30", "closes": ["{d}"]}),
        ("other_staff", "reports/{r}/", {"action": "close", "reply": "偷結案"}),
        ("own_staff", "checks/{c}/", {"action": "letter", "letter_number": "X", "sent_on": "113/06/11"}),
        ("own_staff", "inspections/{draft}/edit/", {"action": "defect", "d-code": "1", "d-description": "x"}),
        ("own_staff", "defects/{d}/accept/", {}),
        ("other_staff", "defects/{d}/accept/", {}),
    ],
)
def test_denied_posts_change_nothing(client_for, world, persona, path, data):
    ids = {
        "d": world["defect"].pk,
        "i": world["inspection"].pk,
        "r": world["report"].pk,
        "c": world["check"].pk,
        "draft": world["draft"].pk,
    }
    before = (
        list(Defect.objects.values_list("pk", "status", "reply")),
        Inspection.objects.count(),
        list(CitizenReport.objects.values_list("pk", "status", "reply")),
        list(DocumentaryCheck.objects.values_list("pk", "status", "letter_number")),
    )
    data = {k: ([x.format(**ids) for x in v] if isinstance(v, list) else v) for k, v in data.items()}
    response = client_for(persona).post("/office/works/" + path.format(**ids), data)
    assert response.status_code in (403, 404)
    after = (
        list(Defect.objects.values_list("pk", "status", "reply")),
        Inspection.objects.count(),
        list(CitizenReport.objects.values_list("pk", "status", "reply")),
        list(DocumentaryCheck.objects.values_list("pk", "status", "letter_number")),
    )
    assert after == before


def test_personal_data_is_masked_in_lists_and_absent_from_exports(client_for, world):
    report = world["report"]
    report.reporter_name = "王小明"
    report.reporter_phone = "0912345678"
    report.save()
    page = client_for("commission").get("/office/works/reports/").content.decode()
    assert "王○○" in page and "王小明" not in page
    csv = client_for("commission").get("/office/works/reports/?format=csv").content.decode("utf-8-sig")
    assert "王小明" not in csv and "0912345678" not in csv and "a@example.tw" not in csv
    api = client_for("commission").get("/api/works/figures/113/").content.decode()
    assert "王" not in api and "a@example.tw" not in api


def test_other_agency_cannot_open_our_photo_nor_citizens(client_for, world):
    assert Photo.objects.count() == 1
    assert client_for("other_staff").get(reverse("works:photo", args=[world["photo"].pk])).status_code == 404


def test_an_unassigned_report_shows_in_the_commissions_list(client_for, world, people):
    """A citizen's report not yet assigned to an agency lists with "—" (it gave a 500 before)."""
    from yankao.works.services import citizen_report_file

    citizen_report_file(actor=people["citizen"], subject="工地噪音", content="夜間施工噪音", location="前鎮區")
    response = client_for("commission").get("/office/works/reports/")
    assert response.status_code == 200
    assert "工地噪音" in response.content.decode()
