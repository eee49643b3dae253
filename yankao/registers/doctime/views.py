"""Document timeliness: the monthly statistics, the ranking, improvement letters, inspection visits."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from yankao.core.charts import bar_chart
from yankao.core.documents import DOCUMENT_FORMATS, document_response
from yankao.core.tabular import ImportFailed
from yankao.org.permissions import can_view_agency_records
from yankao.registers.common import maybe_export, run_service, staff_view, year_param
from yankao.registers.doctime import permissions, selectors, services
from yankao.registers.doctime.forms import ImportForm, ImprovementForm, ReportSentForm, VisitForm, VisitRecordForm

FIGURE_HEADERS = ["收文數", "結案數", "如期結案數", "如期結案率（%）", "平均天數", "逾期件數"]


def _row(f: selectors.Figures) -> list[object]:
    return [f.received, f.closed, f.closed_on_time, f.on_time_rate, f.average_days, f.overdue]


@staff_view
def stat_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    can_manage = permissions.can_manage_doctime(request.user)
    own = None if can_manage else getattr(request.user, "agency_id", None)
    summary = selectors.category_summary(year=year, agency_id=own)
    ranking = selectors.agency_ranking(year=year, user=request.user)
    export = maybe_export(
        request,
        headers=["名次", "機關", *FIGURE_HEADERS],
        rows=lambda: ([rank, f.label, *_row(f)] for rank, _, f in ranking),
        filename=f"公文處理時效-{year - 1911}年",
    )
    if export is not None:
        return export
    return render(
        request,
        "registers/doctime/stat_list.html",
        {
            "year": year,
            "roc_year": year - 1911,
            "summary": summary,
            "chart": bar_chart(
                [(f.label, float(f.on_time_rate)) for f in summary], title="各類公文如期結案率", unit="%"
            ),
            "ranking": ranking,
            "below": selectors.below_target(year=year) if can_manage else [],
            "target": selectors.target_on(year),
            "can_manage": can_manage,
            "import_form": ImportForm(),
        },
    )


@staff_view
def stat_import(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_doctime(request.user):
        raise PermissionDenied("僅研考會可以匯入公文時效統計")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.stats_import(actor=request.user, data=upload.read(), filename=upload.name)
        except ImportFailed as exc:
            return render(
                request,
                "registers/import_errors.html",
                {
                    "errors": exc.errors,
                    "summary": str(exc).splitlines()[0],
                    "back_url": reverse("registers_doctime:stat_list"),
                },
                status=400,
            )
        messages.success(
            request, f"匯入完成：新增 {result.created} 筆、更正 {result.updated} 筆、未變動 {result.unchanged} 筆"
        )
    return redirect("registers_doctime:stat_list")


@staff_view
def improvement_letter(request: HttpRequest, year: int, agency_id: int, fmt: str) -> HttpResponse:
    if fmt not in DOCUMENT_FORMATS or not can_view_agency_records(request.user, agency_id):
        raise Http404
    doc = selectors.improvement_letter(year=year, agency_id=agency_id)
    return document_response(doc, fmt=fmt, filename="公文處理時效檢討改進")


@staff_view
def visit_list(request: HttpRequest) -> HttpResponse:
    can_manage = permissions.can_manage_doctime(request.user)
    form = VisitForm(request.POST or None, prefix="v")
    sent_form = ReportSentForm(request.POST or None, prefix="s")
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("僅研考會可以排定公文查訪")
        if request.POST.get("action") == "report" and sent_form.is_valid():
            ok, _ = run_service(
                request,
                lambda: services.visit_report_sent(
                    actor=request.user,
                    year=sent_form.cleaned_data["year"] + 1911,
                    sent_on=sent_form.cleaned_data["sent_on"],
                ),
                success="已登錄查訪報告函送",
            )
            if ok:
                return redirect("registers_doctime:visit_list")
        elif request.POST.get("action") != "report" and form.is_valid():
            data = dict(form.cleaned_data, year=form.cleaned_data["year"] + 1911)
            ok, _ = run_service(
                request, lambda: services.visit_schedule(actor=request.user, **data), success="已排定查訪"
            )
            if ok:
                return redirect("registers_doctime:visit_list")
    visits = selectors.visit_list_for(user=request.user)
    export = maybe_export(
        request,
        headers=["年度", "機關", "排定日", "查訪日", "狀態", "報告函送日", "改善完成日"],
        rows=lambda: (
            [
                v.year - 1911,
                v.agency.name,
                v.scheduled_on,
                v.visited_on,
                v.get_status_display(),
                v.report_sent_on,
                v.improved_on,
            ]
            for v in visits
        ),
        filename="公文查訪",
    )
    return export or render(
        request,
        "registers/doctime/visit_list.html",
        {"visits": visits, "form": form, "sent_form": sent_form, "can_manage": can_manage},
    )


@staff_view
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(selectors.visit_list_for(user=request.user), pk=pk)
    record_form = VisitRecordForm(request.POST or None, prefix="r")
    improve_form = ImprovementForm(request.POST or None, prefix="i")
    if request.method == "POST":
        if request.POST.get("action") == "record":
            if not permissions.can_manage_doctime(request.user):
                raise PermissionDenied("僅研考會可以登錄查訪結果")
            if record_form.is_valid():
                ok, _ = run_service(
                    request,
                    lambda: services.visit_record(actor=request.user, visit=visit, **record_form.cleaned_data),
                    success="已登錄查訪結果",
                )
                if ok:
                    return redirect("registers_doctime:visit_detail", visit.pk)
        elif improve_form.is_valid():
            ok, _ = run_service(
                request,
                lambda: services.visit_improvement(actor=request.user, visit=visit, **improve_form.cleaned_data),
                success="已填報改善情形",
            )
            if ok:
                return redirect("registers_doctime:visit_detail", visit.pk)
    return render(
        request,
        "registers/doctime/visit_detail.html",
        {
            "visit": visit,
            "record_form": record_form if permissions.can_manage_doctime(request.user) else None,
            "improve_form": improve_form
            if permissions.can_report_improvement(request.user, visit) and visit.status == "reported"
            else None,
        },
    )


@staff_view
def visit_report(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if not permissions.can_manage_doctime(request.user):
        raise PermissionDenied("僅研考會可以下載查訪報告")
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    return document_response(selectors.visit_report(year=year), fmt=fmt, filename=f"{year - 1911}年度公文查訪報告")
