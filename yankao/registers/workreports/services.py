"""Every write to the work-report compilations (施政報告彙編)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yankao.org.models import Agency
from yankao.org.permissions import is_commission, is_staff_member
from yankao.registers.workreports.models import Compilation, Section


def _require(actor: Any) -> None:
    if not is_commission(actor):
        raise PermissionDenied("僅研考會可以管理施政報告彙編")


def compilation_create(
    *, actor: Any, year: int, kind: str, title: str, due_on: dt.date, agencies: Iterable[Agency]
) -> Compilation:
    """Open a compilation and ask each agency for its section by `due_on`."""
    _require(actor)
    agencies = list(agencies)
    if kind not in Compilation.Kind.values:
        raise ValidationError("未知的彙編類別")
    if not agencies:
        raise ValidationError("請選擇應提報的機關")
    if Compilation.objects.filter(title=title).exists():
        raise ValidationError("同名彙編已建立")
    with transaction.atomic():
        compilation = Compilation(year=year, kind=kind, title=title, due_on=due_on)
        compilation.save()
        for agency in agencies:
            Section(compilation=compilation, agency=agency).save()
    return compilation


def section_submit(*, actor: Any, section: Section, text: str, submitted_on: dt.date) -> Section:
    """An agency submits (or corrects) its section while the compilation is collecting."""
    if not (is_commission(actor) or (is_staff_member(actor) and actor.agency_id == section.agency_id)):
        raise PermissionDenied("只能提報本機關的施政報告")
    if section.compilation.status != Compilation.Status.COLLECTING:
        raise ValidationError("此彙編已完成，不能再修改")
    if not text.strip():
        raise ValidationError("請填寫內容")
    with transaction.atomic():
        section.text, section.submitted_on, section.submitted_by = text.strip(), submitted_on, actor
        section.save()
    return section


def compilation_compile(*, actor: Any, compilation: Compilation, compiled_on: dt.date) -> Compilation:
    _require(actor)
    missing = [s.agency.name for s in compilation.sections.select_related("agency") if not s.submitted_on]
    if missing:
        raise ValidationError(f"尚有 {len(missing)} 個機關未提報：{'、'.join(missing[:10])}")
    if compilation.status != Compilation.Status.COLLECTING:
        raise ValidationError("此彙編已完成")
    with transaction.atomic():
        compilation.status, compilation.compiled_on = Compilation.Status.COMPILED, compiled_on
        compilation.save()
    return compilation


def compilation_send(*, actor: Any, compilation: Compilation, sent_on: dt.date, sent_to: str) -> Compilation:
    """函送 (e.g. 市議會、相關機關)."""
    _require(actor)
    if compilation.status != Compilation.Status.COMPILED:
        raise ValidationError("彙編完成後才能函送")
    if sent_on < (compilation.compiled_on or sent_on):
        raise ValidationError("函送日不可早於彙編完成日")
    with transaction.atomic():
        compilation.status, compilation.sent_on, compilation.sent_to = Compilation.Status.SENT, sent_on, sent_to
        compilation.save()
    return compilation
