"""Demo: 113 monthly document statistics for every agency in the seven categories (imported as the
document system exports them), and the 公文查訪 of 8 月 2 日 to 8 月 28 日 with its October report."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.conf import settings
from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.org.models import Agency
from yankao.registers.demo_support import agency_staff, commission_officer
from yankao.registers.doctime import services
from yankao.registers.doctime.models import DocCategory, InspectionVisit, MonthlyStat

# monthly volume of each category for a mid-sized agency
VOLUME = {"一般公文": 900, "立委質詢": 2, "人民申請": 120, "人民陳情": 60, "訴願": 3, "專案管制": 8, "監察案件": 1}
VISITS = [
    ("SWB", dt.date(2024, 8, 2)),
    ("LAND", dt.date(2024, 8, 6)),
    ("HAC", dt.date(2024, 8, 8)),
    ("PER-HRD", dt.date(2024, 8, 13)),
    ("PWB-MAINT", dt.date(2024, 8, 15)),
    ("DO-64000120", dt.date(2024, 8, 20)),
    ("DO-64000190", dt.date(2024, 8, 22)),
    ("DO-64000300", dt.date(2024, 8, 26)),
    ("DO-64000130", dt.date(2024, 8, 28)),
]


def _file(ctx: DemoContext, agencies: list[Agency]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(services.REQUIRED)
    for month in range(1, 13):
        for agency in agencies:
            size = 0.3 if agency.kind == Agency.Kind.DISTRICT_OFFICE else 1.0
            for category in DocCategory.objects.all():
                received = max(0, round(VOLUME[category.name] * size * ctx.rng.uniform(0.6, 1.4) * ctx.scale))
                closed = max(0, received - ctx.rng.randint(0, max(1, received // 50)))
                late = min(closed, ctx.rng.randint(0, max(1, closed // 25)))
                days = round(ctx.rng.uniform(2.0, 9.0), 2) if closed else 0
                writer.writerow([agency.code, 113, month, category.name, received, closed, closed - late, days, late])
    return out.getvalue().encode()


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    officer = commission_officer()
    agencies = list(
        Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, is_active=True).exclude(kind=Agency.Kind.ENTERPRISE)
    )
    if not MonthlyStat.objects.filter(year=2024).exists():
        result = services.stats_import(actor=officer, data=_file(ctx, agencies), filename="113年公文時效統計.csv")
        ctx.progress(f"  公文時效：{result.created} 筆月統計")
    for code, day in VISITS:
        agency = Agency.objects.get(city__code=settings.YANKAO_CITY_CODE, code=code)
        if InspectionVisit.objects.filter(year=2024, agency=agency).exists():
            continue
        visit = services.visit_schedule(actor=officer, year=2024, agency=agency, scheduled_on=day)
        services.visit_record(
            actor=officer,
            visit=visit,
            visited_on=day,
            findings="公文線上簽核比率偏低；部分案件未依限辦結。",
            recommendations="提高線上簽核比率，逾期案件每週追蹤。",
        )
    if InspectionVisit.objects.filter(year=2024, status=InspectionVisit.Status.VISITED).exists():
        services.visit_report_sent(actor=officer, year=2024, sent_on=dt.date(2024, 10, 15))
        for visit in InspectionVisit.objects.filter(year=2024).select_related("agency")[:5]:
            services.visit_improvement(
                actor=agency_staff(visit.agency.code),
                visit=visit,
                improvement="已訂定線上簽核推動計畫並每週追蹤逾期案件。",
                improved_on=dt.date(2024, 12, 16),
            )
