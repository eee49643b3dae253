"""Demo: the three compilations of 113 — 112 年度施政績效成果報告, and the 施政報告 for the council's
第4屆第3次 and 第4次 定期大會, each with every first-level agency's section, sent on time."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from yankao.core.demo import DemoContext
from yankao.org.models import Agency
from yankao.registers.demo_support import agency_staff, commission_officer
from yankao.registers.workreports import services
from yankao.registers.workreports.models import Compilation

COMPILATIONS = [
    (
        "performance",
        "高雄市政府112年度施政績效成果報告",
        dt.date(2024, 2, 29),
        dt.date(2024, 3, 29),
        dt.date(2024, 4, 12),
        "市府各機關",
    ),
    (
        "council",
        "高雄市議會第4屆第3次定期大會高雄市政府施政報告",
        dt.date(2024, 2, 2),
        dt.date(2024, 2, 20),
        dt.date(2024, 2, 22),
        "高雄市議會",
    ),
    (
        "council",
        "高雄市議會第4屆第4次定期大會高雄市政府施政報告",
        dt.date(2024, 8, 2),
        dt.date(2024, 8, 20),
        dt.date(2024, 8, 22),
        "高雄市議會",
    ),
]


@transaction.atomic  # one commit per register: the audit trail is per record, the fsync per batch
def populate(ctx: DemoContext) -> None:
    officer = commission_officer()
    agencies = list(
        Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, is_active=True)
        .filter(kind__in=[Agency.Kind.FIRST_LEVEL, Agency.Kind.COMMISSION])
        .order_by("sort_order", "code")
    )
    for kind, title, due, compiled, sent, to in COMPILATIONS:
        if Compilation.objects.filter(title=title).exists():
            continue
        compilation = services.compilation_create(
            actor=officer, year=2024, kind=kind, title=title, due_on=due, agencies=agencies
        )
        for i, section in enumerate(compilation.sections.select_related("agency")):
            services.section_submit(
                actor=agency_staff(section.agency.code),
                section=section,
                text=f"{section.agency.name}施政重點與執行成果。",
                submitted_on=due - dt.timedelta(days=i % 5),
            )
        services.compilation_compile(actor=officer, compilation=compilation, compiled_on=compiled)
        services.compilation_send(actor=officer, compilation=compilation, sent_on=sent, sent_to=to)
    ctx.progress(f"  施政報告彙編：{len(COMPILATIONS)} 件")
