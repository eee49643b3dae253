"""Council proposals: sessions, the proposal list, replies, the compilation document."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from yankao.core.charts import bar_chart
from yankao.core.documents import DOCUMENT_FORMATS, document_response
from yankao.core.rocdate import format_roc
from yankao.core.tabular import ImportFailed
from yankao.registers.common import commission_view, maybe_export, run_service, staff_view
from yankao.registers.council import permissions, selectors, services
from yankao.registers.council.forms import DateForm, ImportForm, ProposalEditForm, ReplyForm, SessionForm
from yankao.registers.council.models import CouncilSession, Proposal, ProposalCategory

LIST_HEADERS = ["大會", "案號", "類別", "案由", "提案議員", "主辦機關", "收文日", "函復期限", "狀態", "函復日"]


@staff_view
def session_list(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    can_manage = permissions.can_manage_council(request.user)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("僅研考會可以登錄議會大會")
        if form.is_valid():
            ok, session = run_service(
                request, lambda: services.session_create(actor=request.user, **form.cleaned_data), success="已登錄大會"
            )
            if ok:
                return redirect("registers_council:session_detail", session.pk)
    return render(
        request,
        "registers/council/session_list.html",
        {"sessions": selectors.session_list(), "form": form, "can_manage": can_manage},
    )


@staff_view
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(CouncilSession, pk=pk)
    today = timezone.localdate()
    by_category = selectors.proposal_counts_by_category(session=session)
    own_agency = None if permissions.can_manage_council(request.user) else getattr(request.user, "agency_id", None)
    return render(
        request,
        "registers/council/session_detail.html",
        {
            "session": session,
            "by_category": by_category,
            "total": sum(n for _, n in by_category),
            "chart": bar_chart(
                [(f"{name}類", n) for name, n in by_category], title=f"{session}議員提案類別件數", unit="件"
            ),
            "stats": selectors.proposal_reply_stats(session=session, today=today, agency_id=own_agency),
            "can_manage": own_agency is None,
            "import_form": ImportForm(),
            "compile_form": DateForm(initial={"day": today}),
            "doc_formats": [f for f in DOCUMENT_FORMATS if f != "html"],
        },
    )


@staff_view
def session_import(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(CouncilSession, pk=pk)
    if not permissions.can_manage_council(request.user):
        raise PermissionDenied("僅研考會可以匯入議員提案")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.proposal_import(
                actor=request.user, session=session, data=upload.read(), filename=upload.name
            )
        except ImportFailed as exc:
            return render(
                request,
                "registers/import_errors.html",
                {
                    "errors": exc.errors,
                    "summary": str(exc).splitlines()[0],
                    "back_url": reverse("registers_council:session_detail", args=[session.pk]),
                },
                status=400,
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"匯入完成：新增 {result.created} 件，未變動 {result.unchanged} 件")
    return redirect("registers_council:session_detail", session.pk)


@staff_view
def session_compile(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(CouncilSession, pk=pk)
    if not permissions.can_manage_council(request.user):
        raise PermissionDenied("僅研考會可以彙編提報")
    form = DateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run_service(
            request,
            lambda: services.session_compile(actor=request.user, session=session, compiled_on=form.cleaned_data["day"]),
            success="已登錄彙編提報日",
        )
    return redirect("registers_council:session_detail", session.pk)


@staff_view
def session_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    session = get_object_or_404(CouncilSession, pk=pk)
    if not permissions.can_manage_council(request.user):
        raise PermissionDenied("僅研考會可以下載彙編")
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    doc = selectors.compilation_document(session=session, today=timezone.localdate())
    return document_response(doc, fmt=fmt, filename=f"議員提案執行情形彙編-{session}")


@staff_view
def proposal_list(request: HttpRequest) -> HttpResponse:
    session = None
    if (request.GET.get("session") or "").isdigit():
        session = CouncilSession.objects.filter(pk=request.GET["session"]).first()
    status = request.GET.get("status") if request.GET.get("status") in Proposal.Status.values else None
    qs = selectors.proposal_list_for(
        user=request.user, session=session, category=request.GET.get("category") or None, status=status
    )
    export = maybe_export(
        request,
        headers=LIST_HEADERS,
        rows=lambda: (
            [
                str(p.session),
                p.number,
                p.category.name,
                p.title,
                p.councillors,
                p.agency.name,
                format_roc(p.received_on),
                format_roc(p.reply_deadline),
                p.get_status_display(),
                format_roc(p.replied_on),
            ]
            for p in qs
        ),
        filename="議員提案",
    )
    if export is not None:
        return export
    return render(
        request,
        "registers/council/proposal_list.html",
        {
            "proposals": qs[:500],
            "count": qs.count(),
            "sessions": CouncilSession.objects.all(),
            "categories": ProposalCategory.objects.all(),
            "statuses": Proposal.Status.choices,
            "current": {"session": session, "category": request.GET.get("category", ""), "status": status or ""},
        },
    )


@staff_view
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(selectors.proposal_list_for(user=request.user), pk=pk)
    can_reply = permissions.can_reply(request.user, proposal) and proposal.status != Proposal.Status.CLOSED
    reply_form = ReplyForm(request.POST or None, initial={"replied_on": timezone.localdate()})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "close":
            close_form = DateForm(request.POST)
            if close_form.is_valid():
                ok, _ = run_service(
                    request,
                    lambda: services.proposal_close(
                        actor=request.user, proposal=proposal, closed_on=close_form.cleaned_data["day"]
                    ),
                    success="已結案",
                )
                if ok:
                    return redirect("registers_council:proposal_detail", proposal.pk)
        elif reply_form.is_valid():
            ok, _ = run_service(
                request,
                lambda: services.proposal_reply(
                    actor=request.user,
                    proposal=proposal,
                    replied_on=reply_form.cleaned_data["replied_on"],
                    text=reply_form.cleaned_data["text"],
                ),
                success="已登錄函復，並副知提案議員及研考會",
            )
            if ok:
                return redirect("registers_council:proposal_detail", proposal.pk)
    return render(
        request,
        "registers/council/proposal_detail.html",
        {
            "proposal": proposal,
            "reply_form": reply_form if can_reply else None,
            "close_form": DateForm(initial={"day": timezone.localdate()})
            if permissions.can_manage_council(request.user) and proposal.status == Proposal.Status.REPLIED
            else None,
            "can_correct": permissions.can_manage_council(request.user) and proposal.status != Proposal.Status.CLOSED,
        },
    )


@commission_view
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """更正提案 (commission): a rule the service refuses comes back as a form error."""
    proposal = get_object_or_404(Proposal.objects.select_related("session", "category", "agency"), pk=pk)
    initial = {
        "title": proposal.title,
        "councillors": proposal.councillors,
        "category": proposal.category,
        "agency": proposal.agency,
        "received_on": proposal.received_on,
    }
    form = ProposalEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_correct(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "已更正提案")
            return redirect("registers_council:proposal_detail", proposal.pk)
    return render(request, "registers/council/proposal_edit.html", {"proposal": proposal, "form": form})
