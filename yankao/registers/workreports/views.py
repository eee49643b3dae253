"""Work-report compilations: agencies submit sections, the commission compiles and sends."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from yankao.core.documents import DOCUMENT_FORMATS, document_response
from yankao.core.rocdate import format_roc
from yankao.org.permissions import is_commission
from yankao.registers.common import maybe_export, run_service, staff_view
from yankao.registers.workreports import selectors, services
from yankao.registers.workreports.forms import CompilationForm, DateForm, SectionForm
from yankao.registers.workreports.models import Compilation


@staff_view
def compilation_list(request: HttpRequest) -> HttpResponse:
    form = CompilationForm(request.POST or None)
    if request.method == "POST":
        if not is_commission(request.user):
            raise PermissionDenied("僅研考會可以建立彙編")
        if form.is_valid():
            data = dict(form.cleaned_data, year=form.cleaned_data["year"] + 1911)
            ok, created = run_service(
                request, lambda: services.compilation_create(actor=request.user, **data), success="已建立"
            )
            if ok:
                return redirect("registers_workreports:compilation_detail", created.pk)
    compilations = selectors.compilation_list()
    export = maybe_export(
        request,
        headers=["年度", "名稱", "繳交期限", "應提報機關", "已提報", "狀態", "函送日"],
        rows=lambda: (
            [
                c.year - 1911,
                c.title,
                format_roc(c.due_on),
                getattr(c, "n_sections", 0),
                getattr(c, "n_submitted", 0),
                c.get_status_display(),
                format_roc(c.sent_on),
            ]
            for c in compilations
        ),
        filename="施政報告彙編",
    )
    return export or render(
        request,
        "registers/workreports/compilation_list.html",
        {"compilations": compilations, "form": form, "can_manage": is_commission(request.user)},
    )


@staff_view
def compilation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    compilation = get_object_or_404(Compilation, pk=pk)
    sections = selectors.sections_for(user=request.user, compilation=compilation)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "section":
            section = get_object_or_404(sections, pk=request.POST.get("section"))
            form = SectionForm(request.POST)
            if form.is_valid():
                run_service(
                    request,
                    lambda: services.section_submit(actor=request.user, section=section, **form.cleaned_data),
                    success="已提報",
                )
        elif action in ("compile", "send"):
            if not is_commission(request.user):
                raise PermissionDenied("僅研考會可以彙編")
            date_form = DateForm(request.POST)
            if date_form.is_valid():
                day = date_form.cleaned_data["day"]
                if action == "compile":
                    run_service(
                        request,
                        lambda: services.compilation_compile(
                            actor=request.user, compilation=compilation, compiled_on=day
                        ),
                        success="已完成彙編",
                    )
                else:
                    run_service(
                        request,
                        lambda: services.compilation_send(
                            actor=request.user,
                            compilation=compilation,
                            sent_on=day,
                            sent_to=date_form.cleaned_data["sent_to"],
                        ),
                        success="已登錄函送",
                    )
        return redirect("registers_workreports:compilation_detail", compilation.pk)
    return render(
        request,
        "registers/workreports/compilation_detail.html",
        {
            "compilation": compilation,
            "sections": sections,
            "commission": is_commission(request.user),
            "section_form": SectionForm(initial={"submitted_on": timezone.localdate()}),
            "date_form": DateForm(initial={"day": timezone.localdate()}),
            "late": selectors.late_sections(compilation=compilation),
            "doc_formats": [f for f in DOCUMENT_FORMATS if f != "html"],
        },
    )


@staff_view
def compilation_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    compilation = get_object_or_404(Compilation, pk=pk)
    if not is_commission(request.user):
        raise PermissionDenied("僅研考會可以下載彙編")
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    return document_response(selectors.compiled_document(compilation=compilation), fmt=fmt, filename=compilation.title)
