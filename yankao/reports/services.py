"""Every write of the reports app: opening a report, the outline, writing and reviewing items,
versions, finalising (which freezes the figures), and manual figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from yankao.core.tabular import ImportFailed, RowError, read_table
from yankao.core.workdays import add_working_days
from yankao.org.models import Agency
from yankao.org.permissions import is_commission
from yankao.reports import permissions
from yankao.reports.figures import ID_RE, figure_for, malformed_braces, placeholders, registry
from yankao.reports.models import DocumentKind, ManualFigure, OutlineItem, Report, ReportVersion
from yankao.reports.numbering import MAX_LEVEL, Rounding
from yankao.reports.outline import ParsedItem, parse_outline
from yankao.reports.selectors import (
    final_version,
    has_year_charts,
    items_awaiting,
    report_chart_content,
    version_content,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# the reference report's outline and text (研考會 113 年度施政績效成果報告), the commission's default
DEFAULT_OUTLINE_FILE = DATA_DIR / "annual-113.txt"


def _title(kind: DocumentKind, agency: Agency, year: int, period: str) -> str:
    return kind.title_template.format(agency=agency.name, year=year, period=period).strip()


def _snapshot(*, report: Report, actor: Any, event: str, note: str = "") -> ReportVersion:
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return ReportVersion.objects.create(
        report=report,
        number=number,
        event=event,
        note=note[:300],
        created_by=actor if getattr(actor, "pk", None) else None,
        content=version_content(report),
    )


def report_open(
    *,
    actor: Any,
    kind: DocumentKind,
    agency: Agency,
    year: int,
    period: str = "",
    deadline: dt.date | None = None,
    today: dt.date | None = None,
) -> Report:
    """The commission opens a year's report; agencies write their items by the deadline (from the
    kind's rule unless given). The outline is copied from the last report of the same kind and
    agency, or the reference outline (titles and owners, without text)."""
    if not permissions.can_open_report(actor):
        raise PermissionDenied("只有研考會可以開啟年度報告")
    today = today or timezone.localdate()
    if not 80 <= year <= 200:
        raise ValidationError({"year": "年度須為民國年（例如 113）"})
    if Report.objects.filter(kind=kind, agency=agency, year=year, period=period).exists():
        raise ValidationError(f"{agency.name} {year} 年度的「{kind.name}」已經開啟")
    if deadline is not None and deadline < today:
        raise ValidationError({"deadline": "撰寫期限不可早於今天"})
    with transaction.atomic():
        report = Report.objects.create(
            kind=kind,
            agency=agency,
            year=year,
            period=period,
            title=_title(kind, agency, year, period),
            deadline=deadline or add_working_days(today, kind.writing_working_days),
            writing_working_days=kind.writing_working_days,
            opened_by=actor,
        )
        previous = Report.objects.filter(kind=kind, agency=agency, year__lt=year).order_by("-year", "-period").first()
        if previous is not None:
            for old in previous.items.order_by("seq"):
                OutlineItem.objects.create(
                    report=report, seq=old.seq, level=old.level, title=old.title, owner=old.owner
                )
        elif kind.code == "annual":
            _create_items(report, _parse_default_outline(agency), with_text=False)
        _snapshot(report=report, actor=actor, event=ReportVersion.Event.OPENED)
    return report


def _parse_default_outline(agency: Agency) -> list[ParsedItem]:
    codes = set(Agency.objects.filter(city=agency.city).values_list("code", flat=True))
    return parse_outline(DEFAULT_OUTLINE_FILE.read_text("utf-8"), agency_codes=codes, default_owner=agency.code)


def _create_items(report: Report, parsed: list[ParsedItem], *, with_text: bool) -> None:
    agencies = {a.code: a for a in Agency.objects.filter(city=report.agency.city)}
    for seq, row in enumerate(parsed, start=1):
        OutlineItem.objects.create(
            report=report,
            seq=seq * 10,
            level=row.level,
            title=row.title,
            owner=agencies[row.owner_code],
            text=row.text if with_text else "",
        )


def _require_open(report: Report) -> None:
    if report.is_final:
        raise ValidationError("報告已定稿，不可再修改")


def outline_import(*, actor: Any, report: Report, source: str) -> Report:
    """Replace the outline (and text) with an outline text file; every error with its line
    number, nothing written unless the whole file is right."""
    if not permissions.can_edit_outline(actor, report):
        raise PermissionDenied("只有研考會可以匯入報告大綱")
    _require_open(report)
    codes = set(Agency.objects.filter(city=report.agency.city).values_list("code", flat=True))
    parsed = parse_outline(source, agency_codes=codes, default_owner=report.agency.code)
    errors = [
        RowError(row.line, f"未登錄的數據代碼：{'、'.join(unknown)}")
        for row in parsed
        if (unknown := _unknown_figures(row.text, report.year))
    ]
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for item in report.items.all():
            item.delete()
        _create_items(report, parsed, with_text=True)
        _snapshot(report=report, actor=actor, event=ReportVersion.Event.IMPORTED, note=f"{len(parsed)} 個項目")
    return report


def _unknown_figures(text: str, year: int) -> list[str]:
    return [fid for fid in dict.fromkeys(placeholders(text)) if figure_for(fid, year) is None]


def _validate_text(text: str, year: int) -> None:
    bad = malformed_braces(text)
    if bad:
        raise ValidationError(
            {"text": f"數據引用格式不正確：{'、'.join(bad)}（應為 {{數據代碼}}，例如 {{service.cases.petitions}}）"}
        )
    unknown = _unknown_figures(text, year)
    if unknown:
        raise ValidationError({"text": f"未登錄的數據代碼：{'、'.join(unknown)}"})


def _check_level(report: Report, seq: int, level: int) -> None:
    if not 0 <= level <= MAX_LEVEL:
        raise ValidationError({"level": f"層次須介於 1 與 {MAX_LEVEL + 1} 之間"})
    previous = report.items.filter(seq__lt=seq).order_by("-seq").first()
    if level > (previous.level + 1 if previous else 0):
        raise ValidationError({"level": "層次不可跳級（最多比上一項深一層）"})


def item_add(
    *, actor: Any, report: Report, after: OutlineItem | None, level: int, title: str, owner: Agency
) -> OutlineItem:
    """Insert an outline item after `after` (or first)."""
    if not permissions.can_edit_outline(actor, report):
        raise PermissionDenied("只有研考會可以編修報告大綱")
    title = title.strip()
    if not title:
        raise ValidationError({"title": "請填寫重要施政項目名稱"})
    with transaction.atomic():
        base = after.seq if after else 0
        for item in report.items.filter(seq__gt=base).order_by("-seq"):
            item.seq += 10
            item.save(update_fields=["seq", "updated_at"])
        _check_level(report, base + 10, level)
        return OutlineItem.objects.create(report=report, seq=base + 10, level=level, title=title, owner=owner)


def item_update_outline(*, actor: Any, item: OutlineItem, title: str, owner: Agency, level: int) -> OutlineItem:
    if not permissions.can_edit_outline(actor, item.report):
        raise PermissionDenied("只有研考會可以編修報告大綱")
    title = title.strip()
    if not title:
        raise ValidationError({"title": "請填寫重要施政項目名稱"})
    with transaction.atomic():
        _check_level(item.report, item.seq, level)
        following = item.report.items.filter(seq__gt=item.seq).order_by("seq").first()
        if following is not None and following.level > level + 1:
            raise ValidationError({"level": "下一項會因此跳級，請先調整下一項"})
        item.title, item.owner, item.level = title, owner, level
        item.save()
    return item


def item_delete(*, actor: Any, item: OutlineItem) -> None:
    if not permissions.can_edit_outline(actor, item.report):
        raise PermissionDenied("只有研考會可以編修報告大綱")
    following = item.report.items.filter(seq__gt=item.seq).order_by("seq").first()
    if following is not None and following.level > item.level:
        raise ValidationError("此項目下仍有子項目，請先刪除或移動子項目")
    with transaction.atomic():
        item.delete()


def item_write(*, actor: Any, item: OutlineItem, text: str, version: int, today: dt.date | None = None) -> OutlineItem:
    """An agency (or the commission) writes an item's 執行成果與效益, figures as `{figure.id}`.

    Agencies write by the report's deadline and not while the item awaits review; `version` is the
    item version the writer started from (a concurrent edit is refused, not overwritten)."""
    report = item.report
    if not permissions.can_write_item(actor, item):
        raise PermissionDenied("您不能撰寫此項目（僅限撰寫機關或研考會）")
    _require_open(report)
    commission = is_commission(actor)
    today = today or timezone.localdate()
    if not commission:
        if today > report.deadline:
            raise ValidationError(f"已逾撰寫期限（{report.deadline:%Y-%m-%d}），請洽研考會")
        if item.status in (OutlineItem.Status.SUBMITTED, OutlineItem.Status.ACCEPTED):
            raise ValidationError("此項目已送審，審查完成前不可修改")
    text = "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip())
    _validate_text(text, report.year)
    with transaction.atomic():
        updated = OutlineItem.objects.filter(pk=item.pk, version=version).update(version=F("version") + 1)
        if not updated:
            raise ValidationError("此項目已被他人修改，請重新載入後再編輯")
        item.refresh_from_db()
        item.text = text
        if item.status == OutlineItem.Status.ACCEPTED:
            item.status = OutlineItem.Status.DRAFTING
        item.save()
    return item


def item_submit(*, actor: Any, item: OutlineItem) -> OutlineItem:
    """送審: the owner agency hands the item to the commission."""
    if not permissions.can_write_item(actor, item):
        raise PermissionDenied("您不能送出此項目")
    _require_open(item.report)
    if item.status not in (OutlineItem.Status.DRAFTING, OutlineItem.Status.RETURNED):
        raise ValidationError("此項目目前不能送審")
    if not item.text.strip():
        raise ValidationError("請先撰寫執行成果與效益再送審")
    with transaction.atomic():
        item.status = OutlineItem.Status.SUBMITTED
        item.save()
        _snapshot(report=item.report, actor=actor, event=ReportVersion.Event.SUBMITTED, note=item.title)
    return item


def item_return(*, actor: Any, item: OutlineItem, comment: str) -> OutlineItem:
    """退回修正 with the commission's comment."""
    if not permissions.can_review(actor, item.report):
        raise PermissionDenied("只有研考會可以審查")
    _require_open(item.report)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "退回時請填寫審查意見"})
    if item.status != OutlineItem.Status.SUBMITTED:
        raise ValidationError("只有已送審的項目可以退回")
    with transaction.atomic():
        item.status, item.review_comment = OutlineItem.Status.RETURNED, comment
        item.save()
        _snapshot(report=item.report, actor=actor, event=ReportVersion.Event.RETURNED, note=f"{item.title}：{comment}")
    return item


def item_accept(*, actor: Any, item: OutlineItem) -> OutlineItem:
    if not permissions.can_review(actor, item.report):
        raise PermissionDenied("只有研考會可以審查")
    _require_open(item.report)
    if item.status != OutlineItem.Status.SUBMITTED:
        raise ValidationError("只有已送審的項目可以確認")
    with transaction.atomic():
        item.status, item.review_comment = OutlineItem.Status.ACCEPTED, ""
        item.save()
        _snapshot(report=item.report, actor=actor, event=ReportVersion.Event.ACCEPTED, note=item.title)
    return item


def report_finalise(*, actor: Any, report: Report) -> ReportVersion:
    """定稿: every written item accepted; the figure values are frozen in the final version."""
    if not permissions.can_review(actor, report):
        raise PermissionDenied("只有研考會可以定稿")
    _require_open(report)
    waiting = list(items_awaiting(report).values_list("title", flat=True)[:10])
    if waiting:
        raise ValidationError(f"尚有項目未經確認：{'、'.join(waiting)}")
    if not report.items.exclude(text="").exists():
        raise ValidationError("報告沒有任何內容，不能定稿")
    with transaction.atomic():
        version = _snapshot(report=report, actor=actor, event=ReportVersion.Event.FINALISED)
        report.status, report.finalised_at, report.finalised_by = Report.Status.FINAL, timezone.now(), actor
        report.save()
    return version


def report_charts_freeze(*, actor: Any, report: Report) -> ReportVersion:
    """For a report finalised before the year's charts were frozen with its figures: keep a new
    final version with the same items and figures and the year's charts as computed now (the
    earlier final version is not changed). Refused when the final version already holds them."""
    if not permissions.can_review(actor, report):
        raise PermissionDenied("只有研考會可以凍結定稿圖表")
    final = final_version(report) if report.is_final else None
    if final is None:
        raise ValidationError("報告尚未定稿")
    if "charts" in final.content or not has_year_charts(report):
        raise ValidationError("定稿版本已凍結圖表（或此報告沒有年度圖表）")
    with transaction.atomic():
        number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        return ReportVersion.objects.create(
            report=report,
            number=number,
            event=ReportVersion.Event.FINALISED,
            note=f"凍結定稿圖表（第 {final.number} 版之文字與數據不變）",
            created_by=actor if getattr(actor, "pk", None) else None,
            content={**final.content, "charts": report_chart_content(report, live=True)},
        )


def _manual_values(
    *, year: int, figure_id: str, value: Any, source: str, label: str, unit: str, rounding: str, section: str
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if not ID_RE.match(figure_id or ""):
        errors["figure_id"] = "數據代碼格式不正確（小寫英文與數字，以點分隔，例如 it.expo.visitors）"
    registered = registry.get(figure_id)
    if registered is not None and not registered.manual:
        errors["figure_id"] = f"「{figure_id}」由系統紀錄計算（{registered.source}），不可人工填報"
    try:
        number = Decimal(str(value).replace(",", "").strip())
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["value"] = f"數值格式不正確：{value}"
        number = Decimal(0)
    if not str(source).strip():
        errors["source"] = "請註明資料來源"
    if registered is not None:
        label, unit, rounding, section = registered.label, registered.unit, registered.rounding, registered.section
    if not str(label).strip():
        errors["label"] = "請填寫數據名稱"
    if rounding not in Rounding.values:
        errors["rounding"] = f"未知的進位規則：{rounding}"
    if not 80 <= year <= 200:
        errors["year"] = "年度須為民國年（例如 113）"
    if errors:
        raise ValidationError(errors)
    return {"label": label.strip(), "value": number, "unit": unit, "rounding": rounding, "section": section,
            "source": source.strip()}  # fmt: skip


def manual_figure_set(
    *,
    actor: Any,
    year: int,
    figure_id: str,
    value: Any,
    source: str,
    label: str = "",
    unit: str = "",
    rounding: str = Rounding.COUNT,
    section: str = "",
) -> ManualFigure:
    """Enter (or correct) a manual figure; registered manual figures keep their label, unit and
    rounding from the registry."""
    if not permissions.can_edit_manual_figures(actor):
        raise PermissionDenied("只有研考會可以填報人工數據")
    fields = _manual_values(
        year=year, figure_id=figure_id, value=value, source=source, label=label, unit=unit, rounding=rounding,
        section=section,
    )  # fmt: skip
    with transaction.atomic():
        row = ManualFigure.objects.filter(year=year, figure_id=figure_id).first() or ManualFigure(
            year=year, figure_id=figure_id
        )
        for name, field_value in fields.items():
            setattr(row, name, field_value)
        row.entered_by = actor
        row.save()
    return row


MANUAL_COLUMNS = ["數據代碼", "數值", "資料來源"]
MANUAL_OPTIONAL = ["名稱", "單位", "進位規則", "所屬項目"]


def manual_figures_import(*, actor: Any, year: int, data: bytes, filename: str) -> int:
    """Import manual figures from CSV/XLSX; all rows or none, errors with their line numbers."""
    if not permissions.can_edit_manual_figures(actor):
        raise PermissionDenied("只有研考會可以填報人工數據")
    rows: list[tuple[str, dict[str, Any]]] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, row in read_table(data, filename=filename, required=MANUAL_COLUMNS, optional=MANUAL_OPTIONAL):
        figure_id = row["數據代碼"]
        if figure_id in seen:
            errors.append(RowError(line, f"數據代碼 {figure_id} 與第 {seen[figure_id]} 行重複"))
            continue
        seen[figure_id] = line
        try:
            fields = _manual_values(
                year=year, figure_id=figure_id, value=row["數值"], source=row["資料來源"], label=row.get("名稱", ""),
                unit=row.get("單位", ""), rounding=row.get("進位規則") or Rounding.COUNT, section=row.get("所屬項目", ""),
            )  # fmt: skip
        except ValidationError as exc:
            errors.extend(RowError(line, m) for m in exc.messages)
            continue
        rows.append((figure_id, fields))
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for figure_id, fields in rows:
            ManualFigure.objects.update_or_create(
                year=year, figure_id=figure_id, defaults={**fields, "entered_by": actor}
            )
    return len(rows)
