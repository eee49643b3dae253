"""Fixtures of the reports app: a small report written by three agencies, and the demo 113 report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yankao.core.demo import DemoContext
from yankao.reports.models import DocumentKind, Report

TODAY = dt.date(2025, 1, 2)
SMALL_OUTLINE = """\
# 研究發展 @RDEC
## 推動為民服務工作
全市共有 {org.districts.count} 個行政區，智慧城市展吸引近{it.smart_city_expo.visitors}人次參觀。
# 工程查核 @PWB
## 全民督工
113年度本府全民督工總通報案件共{works.citizen_reports.total}件。
# 民政業務 @CAB
## 區政
民政局撰寫的草稿。
"""


@pytest.fixture
def annual_kind(db: Any) -> DocumentKind:
    """The data-migration row; reloaded if a live-server test before this one flushed the database
    (pytest-django's serialized rollback did not restore it after a flush in a mixed run)."""
    if not DocumentKind.objects.filter(code="annual").exists():
        import importlib

        from django.apps import apps

        importlib.import_module("yankao.reports.migrations.0002_document_kinds").load(apps, None)
    return DocumentKind.objects.get(code="annual")


@pytest.fixture
def small_report(people: dict[str, Any], commission_agency: Any, annual_kind: DocumentKind) -> Report:
    from yankao.reports.services import manual_figure_set, outline_import, report_open

    admin = people["admin"]
    manual_figure_set(
        actor=admin, year=113, figure_id="it.smart_city_expo.visitors", value="40000", source="主辦單位統計"
    )
    report = report_open(actor=admin, kind=annual_kind, agency=commission_agency, year=113, today=TODAY)
    outline_import(actor=admin, report=report, source=SMALL_OUTLINE)
    return report


@pytest.fixture
def demo_report(people: dict[str, Any], commission_agency: Any, annual_kind: DocumentKind) -> Report:
    from yankao.reports import demo
    from yankao.reports.selectors import annual_report

    demo.populate(DemoContext(scale=1, progress=lambda _: None))
    report = annual_report(year=113, agency=commission_agency)
    assert report is not None
    return report


def item(report: Report, title: str) -> Any:
    return report.items.get(title=title)
