"""The registers' home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from yankao.registers.common import staff_view

REGISTERS = [
    ("議員提案（議決案）", "registers_council:session_list"),
    ("公文處理時效", "registers_doctime:stat_list"),
    ("公文查訪", "registers_doctime:visit_list"),
    ("風險評估及風險圖像", "registers_risks:cycle_list"),
    ("電話禮貌測試", "registers_quality:plan_list"),
    ("政府服務獎", "registers_quality:award_list"),
    ("委託研究", "registers_research:project_list"),
    ("出國報告審查", "registers_overseas:report_list"),
    ("資通安全", "registers_security:overview"),
    ("研習與會議", "registers_events:event_list"),
    ("施政報告彙編", "registers_workreports:compilation_list"),
]


def _links() -> list[tuple[str, str]]:
    links = []
    for label, name in REGISTERS:
        try:
            links.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return links


@staff_view
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "registers/index.html", {"links": _links()})
