"""公民參與推動案補助: apply → review (approve an amount or decline) → fund → results report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yankao.core.audit import record_event
from yankao.core.tabular import ImportFailed, RowError, read_table
from yankao.org.models import Agency, District
from yankao.participation.models import ParticipationProject, ProjectSite, ProjectType
from yankao.participation.permissions import can_apply_subsidy, can_review_subsidy

from .common import deny, now_or

Status = ParticipationProject.Status


def _validate_amounts(total_budget: Any, requested_amount: Any) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not isinstance(total_budget, int) or total_budget <= 0:
        errors["total_budget"] = ["計畫總經費須為大於 0 的整數（元）。"]
    if not isinstance(requested_amount, int) or requested_amount < 0:
        errors["requested_amount"] = ["申請補助須為 0 以上的整數（元）。"]
    elif isinstance(total_budget, int) and requested_amount > total_budget:
        errors["requested_amount"] = ["申請補助不能超過計畫總經費。"]
    return errors


def project_apply(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    title: str,
    project_type: ProjectType,
    theme: str,
    method: str,
    total_budget: int,
    requested_amount: int,
    kind: str = ParticipationProject.Kind.SUBSIDY,
) -> ParticipationProject:
    """An agency or district office applies (a city plan is registered by the commission)."""
    if kind == ParticipationProject.Kind.CITY_PLAN:
        deny(can_review_subsidy(actor), "市府推動計畫由研考會登錄。")
    else:
        deny(can_apply_subsidy(actor, agency), "只能為本機關申請補助。")
    errors = _validate_amounts(total_budget, requested_amount)
    for name, value in (("title", title), ("theme", theme), ("method", method)):
        if not (value or "").strip():
            errors[name] = ["此欄必填。"]
    if ParticipationProject.objects.filter(year=year, agency=agency, title=(title or "").strip()).exists():
        errors["title"] = ["本機關同年度已有同名計畫。"]
    if errors:
        raise ValidationError(errors)
    return ParticipationProject.objects.create(
        year=year,
        kind=kind,
        agency=agency,
        title=title.strip(),
        project_type=project_type,
        theme=theme.strip(),
        method=method.strip(),
        total_budget=total_budget,
        requested_amount=requested_amount,
        status=Status.APPROVED if kind == ParticipationProject.Kind.CITY_PLAN else Status.SUBMITTED,
        submitted_by=actor,
    )


def project_review(
    *,
    actor: Any,
    project: ParticipationProject,
    approve: bool,
    approved_amount: int = 0,
    note: str = "",
    now: dt.datetime | None = None,
) -> ParticipationProject:
    """研考會審查: approve an amount up to the request, or decline with a note."""
    deny(can_review_subsidy(actor), "只有研考會可以審查補助申請。")
    if project.status != Status.SUBMITTED:
        raise ValidationError(f"此案目前為「{project.get_status_display()}」，不能再審查。", code="state")
    if approve and not (isinstance(approved_amount, int) and 0 < approved_amount <= project.requested_amount):
        raise ValidationError(
            {"approved_amount": [f"核定補助須大於 0 且不超過申請金額 {project.requested_amount:,} 元。"]}
        )
    if not approve and not (note or "").strip():
        raise ValidationError({"note": ["未獲補助時請說明理由。"]})
    project.status = Status.APPROVED if approve else Status.REJECTED
    project.approved_amount = approved_amount if approve else 0
    project.review_note = (note or "").strip()[:500]
    project.reviewed_at = now_or(now)
    project.save()
    return project


def project_fund(
    *, actor: Any, project: ParticipationProject, paid_amount: int, now: dt.datetime | None = None
) -> ParticipationProject:
    deny(can_review_subsidy(actor), "只有研考會可以登錄撥款。")
    if project.status != Status.APPROVED or project.kind != ParticipationProject.Kind.SUBSIDY:
        raise ValidationError("只有核定補助的案件可以撥款。", code="state")
    if not (isinstance(paid_amount, int) and 0 < paid_amount <= project.approved_amount):
        raise ValidationError({"paid_amount": [f"撥付金額須大於 0 且不超過核定補助 {project.approved_amount:,} 元。"]})
    project.status, project.paid_amount, project.funded_at = Status.FUNDED, paid_amount, now_or(now)
    project.save()
    return project


def project_report(
    *, actor: Any, project: ParticipationProject, participants: int, summary: str, now: dt.datetime | None = None
) -> ParticipationProject:
    """成果報告 by the applying agency; the commission may record one it received on paper."""
    allowed = can_apply_subsidy(actor, project.agency_id) or can_review_subsidy(actor)
    deny(allowed, "只有申請機關或研考會可以登錄成果報告。")
    if project.status not in (Status.APPROVED, Status.FUNDED):
        raise ValidationError("此案目前不能提送成果報告。", code="state")
    if not isinstance(participants, int) or participants < 0:
        raise ValidationError({"participants": ["參與人次須為 0 以上的整數。"]})
    if not (summary or "").strip():
        raise ValidationError({"summary": ["請填寫成果摘要。"]})
    project.status, project.participants, project.result_summary = Status.REPORTED, participants, summary.strip()
    project.reported_at = now_or(now)
    project.save()
    return project


def project_site_add(
    *,
    actor: Any,
    project: ParticipationProject,
    district: District,
    name: str,
    kind: str = ProjectSite.Kind.OTHER,
    workshop_on: dt.date | None = None,
    follow_up: str = "",
) -> ProjectSite:
    allowed = can_apply_subsidy(actor, project.agency_id) or can_review_subsidy(actor)
    deny(allowed, "只有申請機關或研考會可以登錄推動地點。")
    if not (name or "").strip():
        raise ValidationError({"name": ["請輸入地點名稱。"]})
    if project.sites.filter(name=name.strip()).exists():
        raise ValidationError({"name": ["此計畫已有同名地點。"]})
    return ProjectSite.objects.create(
        project=project, district=district, name=name.strip(), kind=kind, workshop_on=workshop_on, follow_up=follow_up
    )


# --- import of a year's applications (研考會彙整各機關申請) -------------------------------------

IMPORT_COLUMNS = ["年度", "機關代碼", "計畫名稱", "類型代碼", "議題", "參與方式", "計畫總經費", "申請補助"]
IMPORT_OPTIONAL = ["核定補助"]


@dataclass
class ImportResult:
    created: int
    unchanged: int


def _int_cell(text: str) -> int | None:
    cleaned = (text or "").replace(",", "").strip()
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    return int(cleaned) if cleaned.isdigit() else None


def projects_import(*, actor: Any, data: bytes, filename: str, city_code: str) -> ImportResult:
    """Import applications (and optionally the approved amounts) from CSV/XLSX, all or nothing.

    Every row is checked first and every error reported with its line; a row identical to a
    record already held (same year, agency, title) is left as it is, so re-importing changes nothing.
    """
    deny(can_review_subsidy(actor), "只有研考會可以匯入補助申請。")
    agencies = {a.code: a for a in Agency.objects.filter(city__code=city_code)}
    types = {t.code: t for t in ProjectType.objects.filter(is_active=True)}
    errors: list[RowError] = []
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, str, str]] = set()
    for line, row in read_table(data, filename=filename, required=IMPORT_COLUMNS, optional=IMPORT_OPTIONAL):
        parsed, problems = _parse_import_row(row, agencies, types)
        key = (parsed.get("year"), row.get("機關代碼", ""), row.get("計畫名稱", "").strip())
        if key in seen:
            problems.append("與前面的列重複（同年度、機關、計畫名稱）")
        seen.add(key)  # type: ignore[arg-type]
        errors.extend(RowError(line, p) for p in problems)
        rows.append(parsed)
    if errors:
        raise ImportFailed(errors)
    created = unchanged = 0
    with transaction.atomic():
        for parsed in rows:
            if ParticipationProject.objects.filter(
                year=parsed["year"], agency=parsed["agency"], title=parsed["title"]
            ).exists():
                unchanged += 1
                continue
            approved = parsed.pop("approved_amount")
            project = ParticipationProject.objects.create(submitted_by=actor, **parsed)
            if approved:
                project_review(actor=actor, project=project, approve=True, approved_amount=approved)
            created += 1
        if created:
            record_event(actor, note=f"匯入公民參與推動案 {created} 筆", changes={"file": filename})
    return ImportResult(created=created, unchanged=unchanged)


def _parse_import_row(
    row: dict[str, str], agencies: dict[str, Agency], types: dict[str, ProjectType]
) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    year_text = row.get("年度", "").strip()
    year = _int_cell(year_text)
    if year is not None and year < 1911:
        year += 1911  # ROC year (113 → 2024)
    if year is None:
        problems.append(f"年度「{year_text}」不是數字")
    agency = agencies.get(row.get("機關代碼", "").strip())
    if agency is None:
        problems.append(f"未知的機關代碼「{row.get('機關代碼', '')}」")
    project_type = types.get(row.get("類型代碼", "").strip())
    if project_type is None:
        problems.append(f"未知的類型代碼「{row.get('類型代碼', '')}」")
    total, requested = _int_cell(row.get("計畫總經費", "")), _int_cell(row.get("申請補助", ""))
    approved_text = row.get("核定補助", "").strip()
    approved = _int_cell(approved_text) if approved_text else 0
    for field_errors in _validate_amounts(total, requested).values():
        problems.extend(e.rstrip("。") for e in field_errors)
    if approved is None or (requested is not None and approved > requested):
        problems.append("核定補助須為不超過申請補助的整數")
    for column in ("計畫名稱", "議題", "參與方式"):
        if not row.get(column, "").strip():
            problems.append(f"「{column}」必填")
    parsed = {
        "year": year,
        "agency": agency,
        "title": row.get("計畫名稱", "").strip(),
        "project_type": project_type,
        "theme": row.get("議題", "").strip(),
        "method": row.get("參與方式", "").strip(),
        "total_budget": total,
        "requested_amount": requested,
        "approved_amount": approved,
    }
    return parsed, problems


def rows_for_export(projects: Iterable[ParticipationProject]) -> Iterable[list[Any]]:
    for p in projects:
        yield [
            p.year - 1911,
            p.agency.name,
            p.title,
            p.project_type.label,
            p.theme,
            p.method,
            p.total_budget,
            p.requested_amount,
            p.approved_amount,
            p.get_status_display(),
        ]
