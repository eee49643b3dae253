"""Importing cases and calls from CSV or XLSX (docs/import-formats.md).

Every row is read and checked first; a file with any bad row imports nothing and reports each
bad row with its line number. Rows whose case number / call id is already stored are skipped,
so re-importing the same file changes nothing. Good files are written in one transaction
through the bulk path (one audit event per batch).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yankao.core.tabular import ImportFailed, RowError, read_table
from yankao.service.models import Call, Case, CaseNumberCounter
from yankao.service.models.cases import CaseType, Channel
from yankao.service.services import CaseHistory, call_prepare, calls_bulk_create, case_prepare, cases_bulk_create
from yankao.service.timeparse import parse_when

CASE_REQUIRED = ["case_number", "received_at", "channel", "type", "category", "description"]
CASE_OPTIONAL = ["district", "address", "lat", "long", "agency", "status", "closed_at", "satisfied"]
CALL_REQUIRED = ["call_id", "started_at", "ended_at", "type"]
CALL_OPTIONAL = ["operator", "resolved_on_line", "case_number", "satisfied"]


@dataclass
class ImportResult:
    created: int
    skipped: int


def _flag(value: str, column: str) -> bool | None:
    text = value.strip()
    if text == "":
        return None
    if text in ("1", "0"):
        return text == "1"
    raise ValueError(f"{column} 須為 1、0 或空白，不是「{text}」")


def _when(value: str, column: str, *, required: bool = True) -> Any:
    if not value.strip():
        if required:
            raise ValueError(f"{column} 不可空白")
        return None
    try:
        return parse_when(value)
    except ValueError as exc:
        raise ValueError(f"{column}：{exc}") from None


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "；".join(
            f"{field}：{'、'.join(msgs)}" if field != "__all__" else "、".join(msgs)
            for field, msgs in exc.message_dict.items()
        )
    return "；".join(exc.messages)


def _case_row(row: dict[str, str]) -> Case:
    if row["channel"] not in Channel.values:
        raise ValueError(f"channel 須為 {', '.join(Channel.values)} 之一，不是「{row['channel']}」")
    if row["type"] not in CaseType.values:
        raise ValueError(f"type 須為 {', '.join(CaseType.values)} 之一，不是「{row['type']}」")
    received = _when(row["received_at"], "received_at")
    closed = _when(row.get("closed_at", ""), "closed_at", required=False)
    status = row.get("status", "").strip() or ("closed" if closed else "")
    satisfied = _flag(row.get("satisfied", ""), "satisfied")
    history = CaseHistory(status=status, closed_at=closed, replied_at=closed, satisfied=satisfied) if status else None
    case = case_prepare(
        number=row["case_number"],
        received_at=received,
        channel=row["channel"],
        type=row["type"],
        category=row["category"],
        description=row["description"],
        district=row.get("district", ""),
        address=row.get("address", ""),
        lat=row.get("lat", "") or None,
        lng=row.get("long", "") or None,
        agency=row.get("agency", "") or None,
        history=history,
    )
    case.satisfied = satisfied
    return case


def import_cases(data: bytes, *, filename: str) -> ImportResult:
    """`yankao import cases FILE`: all rows good, or nothing imported (ImportFailed lists every bad row)."""
    errors: list[RowError] = []
    prepared: list[Case] = []
    seen: dict[str, int] = {}
    for line, row in read_table(data, filename=filename, required=CASE_REQUIRED, optional=CASE_OPTIONAL):
        number = row["case_number"].strip()
        if not number or len(number) > 30:
            errors.append(RowError(line, "case_number 不可空白，且不超過 30 字"))
            continue
        if number in seen:
            errors.append(RowError(line, f"case_number「{number}」與第 {seen[number]} 行重複"))
            continue
        seen[number] = line
        try:
            prepared.append(_case_row(row))
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
        except ValidationError as exc:
            errors.append(RowError(line, _messages(exc)))
    if errors:
        raise ImportFailed(errors)
    existing = set(Case.objects.filter(number__in=[c.number for c in prepared]).values_list("number", flat=True))
    new = [c for c in prepared if c.number not in existing]
    with transaction.atomic():
        for start in range(0, len(new), 5000):
            cases_bulk_create(new[start : start + 5000], label=f"匯入 {filename}")
    return ImportResult(created=len(new), skipped=len(prepared) - len(new))


def import_calls(data: bytes, *, filename: str) -> ImportResult:
    """`yankao import calls FILE`: the same all-or-nothing rule; case_number must name a stored case."""
    errors: list[RowError] = []
    rows: list[tuple[int, dict[str, str]]] = list(
        read_table(data, filename=filename, required=CALL_REQUIRED, optional=CALL_OPTIONAL)
    )
    numbers = {r.get("case_number", "").strip() for _, r in rows} - {""}
    cases = {c.number: c for c in Case.objects.filter(number__in=numbers)}
    prepared: list[Call] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        call_id = row["call_id"].strip()
        if not call_id or len(call_id) > 40:
            errors.append(RowError(line, "call_id 不可空白，且不超過 40 字"))
            continue
        if call_id in seen:
            errors.append(RowError(line, f"call_id「{call_id}」與第 {seen[call_id]} 行重複"))
            continue
        seen[call_id] = line
        try:
            number = row.get("case_number", "").strip()
            if number and number not in cases:
                raise ValueError(f"case_number「{number}」不存在，請先匯入案件")
            prepared.append(
                call_prepare(
                    call_id=call_id,
                    started_at=_when(row["started_at"], "started_at"),
                    ended_at=_when(row["ended_at"], "ended_at"),
                    type=row["type"].strip(),
                    operator_code=row.get("operator", ""),
                    resolved_on_line=_flag(row.get("resolved_on_line", ""), "resolved_on_line"),
                    case=cases.get(number),
                    satisfied=_flag(row.get("satisfied", ""), "satisfied"),
                )
            )
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
        except ValidationError as exc:
            errors.append(RowError(line, _messages(exc)))
    if errors:
        raise ImportFailed(errors)
    existing = set(Call.objects.filter(call_id__in=[c.call_id for c in prepared]).values_list("call_id", flat=True))
    new = [c for c in prepared if c.call_id not in existing]
    with transaction.atomic():
        for start in range(0, len(new), 10_000):
            calls_bulk_create(new[start : start + 10_000], label=f"匯入 {filename}")
    return ImportResult(created=len(new), skipped=len(prepared) - len(new))


__all__ = ["CaseNumberCounter", "ImportResult", "import_calls", "import_cases"]
