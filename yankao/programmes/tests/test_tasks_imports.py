"""The periodic job, imports (atomic, line-numbered), exports and documents."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import Workbook

from yankao.core.tabular import ImportFailed
from yankao.programmes.models import ImportBatch, KpiValue, MonthlyAnalysis, MonthlyReport, Programme, ReportReminder
from yankao.programmes.months import report_due_date
from yankao.programmes.services.imports import import_file
from yankao.programmes.services.reports import previous_month
from yankao.programmes.tasks import programmes_daily

pytestmark = pytest.mark.django_db

PROGRAMMES_CSV = (
    "年度,計畫編號,計畫名稱,主辦機關代碼,計畫起日,計畫迄日,公務預算總額,年度公務預算,專案管理人員帳號\n"
    "113,IMP-001,前鎮河岸整治,PWB,113/01/01,113/12/31,200000000,100000000,pwb-pm\n"
    "113,IMP-002,大寮滯洪池,XXX,113/01/01,113/12/31,1000,1000,\n"
    "113,IMP-003,旗津海岸,PWB,113/13/01,113/12/31,1000,2000,\n"
)


def test_programme_import_reports_every_line_and_writes_nothing(people, pm):
    with pytest.raises(ImportFailed) as caught:
        import_file(actor=people["commission"], kind="programmes", data=PROGRAMMES_CSV.encode(), filename="p.csv")
    assert [str(e) for e in caught.value.errors] == [
        "第 3 行：未知的機關代碼「XXX」",
        "第 4 行：「計畫起日」：「113/13/01」的月份 13 不正確，月份應為 1 至 12。",
    ]
    assert Programme.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_programme_import_then_progress_then_kpis(people, pm):
    good = "\n".join(PROGRAMMES_CSV.splitlines()[:2]) + "\n"
    batch = import_file(actor=people["commission"], kind="programmes", data=good.encode("utf-8-sig"), filename="p.csv")
    assert batch.rows == 1
    programme = Programme.objects.get(code="IMP-001")
    assert (programme.project_manager, programme.control_level, programme.year_public) == (
        pm,
        "city",
        Decimal(100000000),
    )
    assert (
        import_file(actor=people["commission"], kind="programmes", data=good.encode("utf-8-sig"), filename="p.csv")
        == batch
    )

    plan = "年度,計畫編號,類別,日期,預定累計進度,名稱\n113,IMP-001,月進度,113/01,10,\n113,IMP-001,月進度,113/02,20,\n113,IMP-001,查核點,113/02/28,20,開工\n"
    import_file(actor=people["commission"], kind="milestones", data=plan.encode(), filename="plan.csv")
    assert [m.planned_pct for m in programme.plan_months.order_by("month")] == [Decimal(10), Decimal(20)]

    book = Workbook()
    sheet = book.active
    sheet.append(["年度", "計畫編號", "月份", "實際累計進度", "累計分配數", "累計執行數"])
    sheet.append([113, "IMP-001", "113/01", 10, 1000, 500])
    sheet.append([113, "IMP-001", "113/02", 8, 2000, 2500])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFailed) as caught:
        import_file(actor=pm, kind="progress", data=buffer.getvalue(), filename="progress.xlsx")
    assert [str(e) for e in caught.value.errors] == [
        "第 3 行：累計執行數（2,500 元）超過累計分配數（2,000 元）",
        "第 3 行：實際累計進度較上月（10%）倒退，請選擇原因並說明倒退的理由",
        "第 3 行：進度落後 12.00 個百分點，請選擇落後原因並填寫因應對策",
    ]
    assert MonthlyReport.objects.count() == 0
    sheet.delete_rows(3)
    buffer = io.BytesIO()
    book.save(buffer)
    import_file(actor=pm, kind="progress", data=buffer.getvalue(), filename="progress.xlsx")
    assert list(MonthlyReport.objects.values_list("status", "actual_pct")) == [("draft", Decimal(10))]

    kpis = "機關代碼,指標代碼,指標名稱,單位,方向,年度,目標值,實際值\nPWB,K-1,道路平整率,%,越高越好,112,90,85.5\nPWB,K-2,x,%,平平,112,1,1\n"
    with pytest.raises(ImportFailed) as caught:
        import_file(actor=people["own_staff"], kind="kpis", data=kpis.encode(), filename="k.csv")
    assert [str(e) for e in caught.value.errors] == ["第 3 行：方向「平平」不正確，應為「越高越好」或「越低越好」"]
    assert KpiValue.objects.count() == 0


def test_daily_job_chases_and_produces_the_analysis(programme, pm, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    result = programmes_daily.call()
    # the fixture programme is of 113; last month (today's) owes nothing from it
    assert result["chased"] == 0
    from yankao.programmes.services import reports_chase_missing

    # due 113/06/10 is 端午節 (a holiday in the office calendar): the deadline moves to 06/11
    assert reports_chase_missing(month=dt.date(2024, 5, 1), today=dt.date(2024, 6, 11)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_chase_missing(month=dt.date(2024, 5, 1), today=dt.date(2024, 6, 12)) == 1
    assert ReportReminder.objects.get().times == 1
    assert mail.outbox[-1].to == ["pm@pwb.example.tw"]
    assert "113年5月執行進度已逾提報期限" in mail.outbox[-1].body
    last = previous_month()
    past_deadline = timezone.localdate() > report_due_date(last, 10)
    assert result["analysis"] is past_deadline
    assert MonthlyAnalysis.objects.filter(month=last).count() == int(past_deadline)


@pytest.mark.parametrize("fmt,magic", [("pdf", b"%PDF"), ("odt", b"PK"), ("docx", b"PK")])
def test_analysis_documents(client_for, programme, fmt, magic):
    response = client_for("commission").get(f"/office/programmes/analysis/2024-03/?format={fmt}")
    assert response.status_code == 200 and response.content[:4].startswith(magic)


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_dashboard_exports(client_for, programme, fmt):
    response = client_for("commission").get(f"/office/programmes/dashboard/?month=113-03&format={fmt}")
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("機關,列管計畫,已提報,未提報")
        assert "工務局,1,0,1,0" in text
