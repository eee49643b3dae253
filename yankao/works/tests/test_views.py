"""The views parse input, call one service, and show its Chinese messages; bad input never 500s."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yankao.works import services
from yankao.works.models import CitizenReport, Inspection, ProgressReport, Project, TrainingSession

from .conftest import finalised_inspection, png_bytes

pytestmark = pytest.mark.django_db


def test_register_project_through_the_form(client_for, own_agency):
    client = client_for("own_staff")
    response = client.post(
        "/office/works/projects/new/",
        {
            "tender_number": "PWB-NEW-1",
            "name": "新工程",
            "agency": own_agency.pk,
            "contract_amount": "2500000",
            "award_date": "113/01/05",
            "start_date": "113/01/02",
        },
    )
    assert response.status_code == 200
    assert "開工日不得早於決標日。" in response.content.decode()
    assert Project.objects.count() == 0
    response = client.post(
        "/office/works/projects/new/",
        {
            "tender_number": "PWB-NEW-1",
            "name": "新工程",
            "agency": own_agency.pk,
            "contract_amount": "2500000",
            "award_date": "113/01/05",
            "start_date": "113/01/20",
        },
    )
    project = Project.objects.get()
    assert response["Location"] == f"/office/works/projects/{project.pk}/"
    assert (project.tier, project.start_date) == ("announce", dt.date(2024, 1, 20))


def test_staff_cannot_register_for_another_agency(client_for, other_agency):
    response = client_for("own_staff").post(
        "/office/works/projects/new/",
        {
            "tender_number": "X",
            "name": "x",
            "agency": other_agency.pk,
            "contract_amount": "1",
            "award_date": "113/01/05",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["agency"]
    assert Project.objects.count() == 0


def test_file_progress_through_the_project_page(client_for, project):
    client = client_for("own_staff")
    bad = client.post(
        f"/office/works/projects/{project.pk}/",
        {"action": "progress", "month": "113/05", "planned_pct": "120", "actual_pct": "10"},
    )
    assert bad.status_code == 200 and "須介於 0 至 100 之間。" in bad.content.decode()
    wrong_month = client.post(
        f"/office/works/projects/{project.pk}/",
        {"action": "progress", "month": "113/13", "planned_pct": "20", "actual_pct": "10"},
    )
    assert "月份 13 不正確" in wrong_month.content.decode()
    assert ProgressReport.objects.count() == 0
    ok = client.post(
        f"/office/works/projects/{project.pk}/",
        {"action": "progress", "month": "113/05", "planned_pct": "20", "actual_pct": "18"},
    )
    assert ok.status_code == 302
    assert list(ProgressReport.objects.values_list("month", "actual_pct")) == [(dt.date(2024, 5, 1), 18)]


def test_import_page_lists_every_bad_line(client_for, project):
    data = "標案案號,填報年月,預定進度,實際進度,填報日期\nPWB-113-001,113/03,20,19,113/04/03\nPWB-113-001,113/04,x,1,113/05/03\n"
    upload = SimpleUploadedFile("pcc.csv", data.encode(), content_type="text/csv")
    response = client_for("own_staff").post("/office/works/filing/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "第 3 行：預定進度「x」不是數字。" in page
    assert ProgressReport.objects.count() == 0
    broken = SimpleUploadedFile("pcc.xlsx", b"not a workbook", content_type="application/octet-stream")
    response = client_for("own_staff").post("/office/works/filing/import/", {"file": broken})
    assert response.status_code == 200 and "無法讀取 XLSX 檔案" in response.content.decode()


def test_inspection_phone_form_save_and_finalise(client_for, project, people):
    client = client_for("commission")
    inspection = services.inspection_create(
        actor=people["commission"], project=project, inspected_on=dt.date(2024, 5, 2)
    )
    form = {
        "action": "save",
        "inspected_on": "113/05/02",
        "summary": "整潔",
        "version": "1",
        "progress_planned_pct": "",
        "progress_actual_pct": "",
        "m-TOTAL_FORMS": "5",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "5",
        "m-MAX_NUM_FORMS": "12",
    }
    for n in range(5):
        form.update({f"m-{n}-name": "", f"m-{n}-role": "member", f"m-{n}-score": ""})
    form.update({"m-0-name": "甲", "m-0-score": "91", "m-1-name": "乙", "m-1-score": "89"})
    assert client.post(f"/office/works/inspections/{inspection.pk}/edit/", form).status_code == 302
    form.update({"action": "finalise", "version": "2"})
    response = client.post(f"/office/works/inspections/{inspection.pk}/edit/", form)
    assert response["Location"] == f"/office/works/inspections/{inspection.pk}/"
    inspection.refresh_from_db()
    assert (inspection.score, inspection.grade, inspection.status) == (90, "優等", "final")


def test_defect_with_a_fake_photo_shows_a_message(client_for, project, people, code):
    inspection = services.inspection_create(
        actor=people["commission"], project=project, inspected_on=dt.date(2024, 5, 2)
    )
    fake = SimpleUploadedFile("a.png", b"GIF89a-but-not-really", content_type="image/png")
    response = client_for("commission").post(
        f"/office/works/inspections/{inspection.pk}/edit/",
        {"action": "defect", "d-code": code.pk, "d-severity": "minor", "d-description": "蜂窩", "d-photos": fake},
    )
    assert response.status_code == 200 and "「a.png」不是可辨識的圖片檔" in response.content.decode()
    assert inspection.defects.count() == 0


def test_citizen_report_with_photo_and_satisfaction(client_for, people, project):
    client = client_for("citizen")
    upload = SimpleUploadedFile("site.png", png_bytes(), content_type="image/png")
    response = client.post(
        "/works/report/", {"subject": "圍籬倒塌", "content": "請處理", "location": "民族路", "photos": upload}
    )
    report = CitizenReport.objects.get()
    assert response["Location"] == f"/works/my-reports/{report.pk}/"
    assert report.photos.count() == 1
    photo_response = client.get(f"/office/works/photos/{report.photos.get().pk}/")
    assert photo_response.status_code == 200 and photo_response["Content-Type"] == "image/png"
    services.citizen_report_assign(actor=people["commission"], report=report, agency=project.agency, project=project)
    services.citizen_report_close(actor=people["own_staff"], report=report, reply="已改善")
    assert client.post(f"/works/my-reports/{report.pk}/", {"satisfaction": "maybe"}).status_code == 200
    client.post(f"/works/my-reports/{report.pk}/", {"satisfaction": "satisfied"})
    report.refresh_from_db()
    assert report.satisfaction == "satisfied"


def test_overview_documents_and_api(client_for, inspector, project):
    finalised_inspection(inspector, project)
    client = client_for("commission")
    pdf = client.get("/office/works/?year=113&doc=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/office/works/?year=113&doc=odt").status_code == 200
    xlsx = client.get("/office/works/?year=113&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    data = json.loads(client.get("/api/works/figures/113/").content)
    assert (data["inspections"]["total"], data["inspections"]["by_grade"]["甲等"]) == (1, 1)
    page = client.get("/office/works/?year=abc")
    assert page.status_code == 200


def test_unknown_document_format_is_404(client_for, inspector, project):
    inspection = finalised_inspection(inspector, project)
    assert client_for("commission").get(f"/office/works/inspections/{inspection.pk}/record.exe").status_code == 404


def test_training_through_the_page(client_for):
    client = client_for("commission")
    bad = client.post("/office/works/training/?year=113", {"held_on": "113/02/30", "title": "x"})
    assert "2 月沒有 30 日" in bad.content.decode()
    client.post("/office/works/training/?year=113", {"held_on": "113/03/27", "title": "品質預警", "attendees": "60"})
    assert list(TrainingSession.objects.values_list("title", "attendees")) == [("品質預警", 60)]
    assert (
        client_for("own_staff").post("/office/works/training/", {"held_on": "113/03/28", "title": "y"}).status_code
        == 403
    )
    assert TrainingSession.objects.count() == 1


def test_reinspection_through_the_page(client_for, inspector, project, people):
    inspection = finalised_inspection(inspector, project, defects=1)
    defect = inspection.defects.get()
    client = client_for("commission")
    client.post(
        f"/office/works/inspections/{inspection.pk}/reinspect/", {"inspected_on": "113/06/30", "closes": [defect.pk]}
    )
    defect.refresh_from_db()
    assert defect.status == "closed" and Inspection.objects.filter(kind="reinspection").count() == 1
