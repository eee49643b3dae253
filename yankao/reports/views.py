"""Views of periodic reports: parse input, call one service or selector, render."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yankao.core.exports import EXPORT_FORMATS, export_response
from yankao.core.tabular import ImportFailed
from yankao.org.permissions import is_staff_member
from yankao.reports import permissions, selectors, services
from yankao.reports.forms import FileForm, ItemOutlineForm, ItemTextForm, ManualFigureForm, ReportOpenForm, ReturnForm
from yankao.reports.models import OutlineItem, Report
from yankao.reports.outline import serialise_outline
from yankao.reports.rendering import FORMATS, build_document, render_table_html
from yankao.reports.rendering import render as render_format

REPORT_FORMATS = ("pdf", "odt", "docx", "json", "html")


def _year(request: HttpRequest, default: int | None = None) -> int | None:
    try:
        return int(request.GET.get("year", "")) or default
    except ValueError:
        return default


def _errors(exc: ValidationError) -> list[str]:
    return exc.messages


def _staff(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied("此頁僅限機關人員使用")


def _report_or_404(request: HttpRequest, pk: int) -> Report:
    report = selectors.report_get_for(user=request.user, pk=pk)
    if report is None:
        raise Http404
    return report


def _download(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt])
    if fmt not in ("html", "json"):
        response["Content-Disposition"] = f"attachment; filename=\"report.{fmt}\"; filename*=UTF-8''{quote(filename)}"
    return response


# --- public -----------------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    """已定稿的報告: public."""
    reports = selectors.report_public_list()
    return render(request, "reports/public_list.html", {"reports": reports})


def report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as the reader sees it (?format=pdf|odt|docx|json|html downloads it)."""
    report = Report.objects.select_related("kind", "agency").filter(pk=pk).first()
    if report is None:
        raise Http404
    if not permissions.can_view_report(request.user, report):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    doc = build_document(report, user=request.user, check=True)
    fmt = request.GET.get("format", "")
    if fmt:
        if fmt not in REPORT_FORMATS:
            return render(
                request, "portal/error.html", {"title": "格式不支援", "message": f"不支援的格式「{fmt}」"}, status=400
            )
        return _download(render_format(doc, fmt), fmt, f"{doc.title}.{fmt}")
    return render(
        request,
        "reports/report_detail.html",
        {"report": report, "doc": doc, "body": render_table_html(doc), "formats": REPORT_FORMATS},
    )


def manual_public(request: HttpRequest) -> HttpResponse:
    """人工填報數據 with their sources: public (they are what published reports quote)."""
    year = _year(request)
    figures = selectors.manual_figure_list(year=year)
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS:
        return export_response(
            headers=["年度", "數據代碼", "名稱", "數值", "單位", "所屬項目", "資料來源"],
            rows=[[f.year, f.figure_id, f.label, f.value, f.unit, f.section, f.source] for f in figures],
            filename="人工填報數據",
            fmt=fmt,
        )
    return render(request, "reports/manual_public.html", {"figures": figures, "year": year})


# --- office -----------------------------------------------------------------------------------


@login_required
def office_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    reports = selectors.report_list_for(user=request.user, year=_year(request))
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS:
        return export_response(
            headers=["年度", "種類", "編製機關", "標題", "狀態", "撰寫期限"],
            rows=[[r.year, r.kind.name, r.agency.name, r.title, r.get_status_display(), r.deadline] for r in reports],
            filename="定期報告",
            fmt=fmt,
        )
    return render(
        request,
        "reports/office_list.html",
        {"reports": reports, "can_open": permissions.can_open_report(request.user)},
    )


@login_required
def report_open(request: HttpRequest) -> HttpResponse:
    if not permissions.can_open_report(request.user):
        raise PermissionDenied("只有研考會可以開啟年度報告")
    form = ReportOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency = getattr(request.user, "agency", None)
        if agency is None:
            raise PermissionDenied("只有研考會可以開啟年度報告")
        try:
            report = services.report_open(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, f"已開啟「{report.title}」")
            return redirect("reports:workspace", pk=report.pk)
    return render(request, "reports/open.html", {"form": form})


@login_required
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    """撰寫與審查: every item with its status and what the user may do with it."""
    _staff(request)
    report = _report_or_404(request, pk)
    rows = selectors.numbered_items(report, user=request.user, check=True)
    entries = [{"n": n, "can_write": permissions.can_write_item(request.user, n.item)} for n in rows]
    return render(
        request,
        "reports/workspace.html",
        {
            "report": report,
            "entries": entries,
            "can_review": permissions.can_review(request.user, report) and not report.is_final,
            "can_edit_outline": permissions.can_edit_outline(request.user, report),
            "awaiting": selectors.items_awaiting(report).count(),
            "import_form": FileForm(),
        },
    )


def _item(request: HttpRequest, pk: int, item_pk: int) -> tuple[Report, OutlineItem]:
    report = _report_or_404(request, pk)
    item = get_object_or_404(report.items.select_related("owner", "report"), pk=item_pk)
    if not permissions.can_read_item(request.user, item):
        raise Http404
    return report, item


@login_required
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    _staff(request)
    report, item = _item(request, pk, item_pk)
    if not permissions.can_write_item(request.user, item) and not permissions.can_review(request.user, report):
        raise PermissionDenied("您不能撰寫此項目（僅限撰寫機關或研考會）")
    form = ItemTextForm(request.POST or None, initial={"text": item.text, "version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.item_write(
                actor=request.user, item=item, text=form.cleaned_data["text"], version=form.cleaned_data["version"]
            )
        except PermissionDenied:
            raise
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, "已儲存")
            return redirect("reports:workspace", pk=report.pk)
    from yankao.reports.figures import registry

    return render(
        request,
        "reports/item_edit.html",
        {
            "report": report,
            "item": item,
            "form": form,
            "return_form": ReturnForm(),
            "can_write": permissions.can_write_item(request.user, item),
            "can_review": permissions.can_review(request.user, report) and not report.is_final,
            "figures": sorted(registry.all(), key=lambda f: f.id),
        },
    )


@login_required
@require_POST
def item_action(request: HttpRequest, pk: int, item_pk: int, action: str) -> HttpResponse:
    _staff(request)
    report, item = _item(request, pk, item_pk)
    try:
        if action == "submit":
            services.item_submit(actor=request.user, item=item)
            messages.success(request, f"「{item.title}」已送審")
        elif action == "accept":
            services.item_accept(actor=request.user, item=item)
            messages.success(request, f"「{item.title}」已確認")
        elif action == "return":
            form = ReturnForm(request.POST)
            services.item_return(
                actor=request.user, item=item, comment=form.data.get("comment", "") if form.is_valid() else ""
            )
            messages.success(request, f"「{item.title}」已退回修正")
        elif action == "delete":
            services.item_delete(actor=request.user, item=item)
            messages.success(request, f"已刪除「{item.title}」")
        else:
            raise Http404
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("reports:workspace", pk=report.pk)


@login_required
def item_outline(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    """Add (after ?after=) or edit an outline item: commission."""
    _staff(request)
    report = _report_or_404(request, pk)
    if not permissions.can_edit_outline(request.user, report):
        raise PermissionDenied("只有研考會可以編修報告大綱")
    item = get_object_or_404(report.items, pk=item_pk) if item_pk else None
    initial = (
        {"title": item.title, "owner": item.owner_id, "level": item.level} if item else {"owner": report.agency_id}
    )
    form = ItemOutlineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if item:
                services.item_update_outline(actor=request.user, item=item, **data)
            else:
                after = report.items.filter(pk=request.GET.get("after") or 0).first()
                services.item_add(actor=request.user, report=report, after=after, **data)
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, "大綱已更新")
            return redirect("reports:workspace", pk=report.pk)
    return render(request, "reports/item_outline.html", {"report": report, "item": item, "form": form})


@login_required
@require_POST
def outline_import(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    report = _report_or_404(request, pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "請選擇大綱檔案")
        return redirect("reports:workspace", pk=report.pk)
    from yankao.core.tabular import decode_text

    try:
        services.outline_import(actor=request.user, report=report, source=decode_text(form.cleaned_data["file"].read()))
    except ImportFailed as exc:
        for line in str(exc).splitlines():
            messages.error(request, line)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, "已匯入大綱")
    return redirect("reports:workspace", pk=report.pk)


@login_required
def outline_export(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    report = _report_or_404(request, pk)
    rows = selectors.numbered_items(report, user=request.user, check=True)
    text = serialise_outline(
        [(n.item.level, n.item.title, n.item.owner.code, n.item.text if n.readable else "") for n in rows]
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f"attachment; filename=\"outline.txt\"; filename*=UTF-8''{quote(report.title)}.txt"
    )
    return response


@login_required
@require_POST
def report_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    report = _report_or_404(request, pk)
    try:
        services.report_finalise(actor=request.user, report=report)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, "報告已定稿，數據已凍結")
    return redirect("reports:workspace", pk=report.pk)


def _commission_report(request: HttpRequest, pk: int) -> Report:
    _staff(request)
    report = _report_or_404(request, pk)
    if not permissions.can_review(request.user, report):
        raise PermissionDenied("只有研考會可以檢視版本與重新計算")
    return report


@login_required
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every kept version, and the difference between two of them (?a=&b=)."""
    report = _commission_report(request, pk)
    version_list = selectors.version_list(report)
    diff, a, b = None, None, None
    if request.GET.get("a") and request.GET.get("b"):
        try:
            a = report.versions.filter(number=int(request.GET["a"])).first()
            b = report.versions.filter(number=int(request.GET["b"])).first()
        except ValueError:
            a = b = None
        if a is None or b is None:
            messages.error(request, "請選擇兩個存在的版次")
        else:
            diff = selectors.version_diff(a, b)
    return render(
        request, "reports/versions.html", {"report": report, "versions": version_list, "diff": diff, "a": a, "b": b}
    )


@login_required
def recompute(request: HttpRequest, pk: int) -> HttpResponse:
    """What would change if a final report's figures were computed again now."""
    report = _commission_report(request, pk)
    return render(request, "reports/recompute.html", {"report": report, "changes": selectors.recompute(report)})


@login_required
def registry_list(request: HttpRequest) -> HttpResponse:
    """數據登錄: every figure, its definition, status and value for the year."""
    _staff(request)
    year = _year(request, 113) or 113
    values = selectors.registry_values(year=year)
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS:
        return export_response(
            headers=["數據代碼", "名稱", "數值", "單位", "所屬項目", "來源", "定義", "狀態"],
            rows=[[v.id, v.label, v.display, v.unit, v.section, v.source, v.definition, v.status] for v in values],
            filename=f"數據登錄-{year}",
            fmt=fmt,
        )
    return render(
        request,
        "reports/registry.html",
        {"values": values, "year": year, "summary": selectors.figure_summary(values)},
    )


@login_required
def manual_edit(request: HttpRequest) -> HttpResponse:
    """The commission enters manual figures one by one or imports a CSV/XLSX."""
    if not permissions.can_edit_manual_figures(request.user):
        raise PermissionDenied("只有研考會可以填報人工數據")
    year = _year(request, 113) or 113
    form = ManualFigureForm(request.POST or None if "figure_id" in request.POST else None)
    import_form = FileForm()
    if request.method == "POST" and "figure_id" in request.POST and form.is_valid():
        try:
            services.manual_figure_set(actor=request.user, year=year, **form.service_kwargs())
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, "已儲存人工填報數據")
            return redirect(f"{request.path}?year={year}")
    elif request.method == "POST":
        import_form = FileForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                count = services.manual_figures_import(
                    actor=request.user, year=year, data=upload.read(), filename=upload.name
                )
            except ImportFailed as exc:
                for line in str(exc).splitlines():
                    messages.error(request, line)
            else:
                messages.success(request, f"已匯入 {count} 項人工填報數據")
                return redirect(f"{request.path}?year={year}")
    return render(
        request,
        "reports/manual_edit.html",
        {"form": form, "import_form": import_form, "year": year, "figures": selectors.manual_figure_list(year=year)},
    )
