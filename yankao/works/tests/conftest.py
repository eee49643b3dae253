"""Fixtures of the works tests: projects made through the real services, an inspector, images."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_staff
from yankao.org.models import Role
from yankao.works import services
from yankao.works.models import DefectCode


@pytest.fixture
def inspector(commission_agency: Any) -> Any:
    return make_staff("inspector-w", commission_agency, Role.INSPECTOR)


@pytest.fixture
def project(people: Any, own_agency: Any) -> Any:
    """A 查核金額 tier road project of 工務局, started 113/01/15."""
    return services.project_create(
        actor=people["commission"],
        tender_number="PWB-113-001",
        name="民族路人行道改善工程",
        agency=own_agency,
        contract_amount=68_000_000,
        budget_amount=80_000_000,
        award_date=dt.date(2023, 12, 1),
        start_date=dt.date(2024, 1, 15),
        planned_completion=dt.date(2024, 12, 31),
        contractor="大發營造",
        supervisor="永續工程顧問",
    )


@pytest.fixture
def other_project(people: Any, other_agency: Any) -> Any:
    return services.project_create(
        actor=people["commission"],
        tender_number="CAB-113-001",
        name="區民活動中心新建工程",
        agency=other_agency,
        contract_amount=12_000_000,
        award_date=dt.date(2023, 11, 1),
        start_date=dt.date(2024, 2, 1),
    )


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("site.png", png_bytes(), content_type="image/png")


@pytest.fixture
def code(db: Any) -> DefectCode:
    return DefectCode.objects.get(code="5.01.01")


def finalised_inspection(actor: Any, project: Any, *, scores: tuple[int, ...] = (85, 87, 83), defects: int = 2) -> Any:
    inspection = services.inspection_create(
        actor=actor,
        project=project,
        inspected_on=dt.date(2024, 5, 20),
        members=[services.MemberInput(f"委員{i}", score=s) for i, s in enumerate(scores, 1)],
    )
    for code in DefectCode.objects.order_by("code")[:defects]:
        services.defect_add(actor=actor, inspection=inspection, code=code, description=f"{code.title}（現場）")
    return services.inspection_finalise(actor=actor, inspection=inspection, version=inspection.version)
