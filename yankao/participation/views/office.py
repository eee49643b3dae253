"""Back-office pages: screening, responses, fraud review, moderation, budgets, consultations, subsidies."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yankao.core.documents import DOCUMENT_FORMATS, Document, Heading, Paragraph, Table, document_response
from yankao.core.money import format_amount
from yankao.core.tabular import ImportFailed
from yankao.org.permissions import is_commission
from yankao.participation import selectors, services
from yankao.participation.forms import (
    BudgetProcessForm,
    ConsultationForm,
    ExtendForm,
    FundForm,
    ImportForm,
    ProgrammeCreateForm,
    ProgrammeForm,
    ProgressForm,
    ProjectForm,
    ProjectReviewForm,
    ReasonForm,
    ReportForm,
    ResponseForm,
    ReviewForm,
    RulesForm,
    ScreenForm,
    SiteForm,
    SummaryForm,
)
from yankao.participation.models import Endorsement, Proposal, ProposalComment, ProposalRules
from yankao.participation.permissions import (
    acts_for_agency,
    can_respond,
    can_review_subsidy,
    can_run_budget,
    can_screen,
)

from .common import flash_errors, form_errors, maybe_export, staff_only

OFFICE_HEADERS = ["編號", "提議標題", "狀態", "提議人", "主管機關", "提出時間", "檢核期限", "有效附議數", "回應期限"]


@staff_only
def office_home(request: HttpRequest) -> HttpResponse:
    proposals = selectors.proposal_office_list_for(user=request.user)
    return render(
        request,
        "participation/office/home.html",
        {
            "pending": proposals.filter(state=Proposal.State.SUBMITTED).count(),
            "awaiting": proposals.filter(state__in=Proposal.AWAITING_RESPONSE).count(),
            "overdue": proposals.filter(state=Proposal.State.OVERDUE).count(),
            "flagged": selectors.endorsements_flagged().count() if is_commission(request.user) else None,
            "hidden_comments": selectors.comments_for_moderation().count() if is_commission(request.user) else None,
        },
    )


@staff_only
def office_proposals(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    proposals = selectors.proposal_office_list_for(user=request.user, state=state)
    export = maybe_export(
        request,
        headers=OFFICE_HEADERS,
        rows=lambda: (
            [
                p.pk,
                p.title,
                p.get_state_display(),
                "",  # the proposer's name never leaves the system in an export
                p.responsible_agency or "",
                p.submitted_at,
                p.screening_due,
                p.endorsement_count,
                p.response_due,
            ]
            for p in proposals
        ),
        filename="想提議（後台）",
    )
    if export:
        return export
    return render(
        request,
        "participation/office/proposal_list.html",
        {"proposals": proposals[:300], "states": Proposal.State.choices, "state": state},
    )


def _office_proposal(request: HttpRequest, pk: int) -> Proposal:
    return get_object_or_404(selectors.proposal_office_list_for(user=request.user), pk=pk)


@staff_only
def office_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _office_proposal(request, pk)
    return _render_proposal(request, proposal)


def _render_proposal(request: HttpRequest, proposal: Proposal, **forms: Any) -> HttpResponse:
    suggested = proposal.suggested.select_related("agency")
    first = suggested.first()
    context = {
        "proposal": proposal,
        "suggested": suggested,
        "progress": selectors.endorsement_progress(proposal),
        "response": getattr(proposal, "response", None),
        "can_screen": can_screen(request.user) and proposal.state == Proposal.State.SUBMITTED,
        "can_respond": can_respond(request.user, proposal) and proposal.state in Proposal.AWAITING_RESPONSE,
        "can_extend": can_respond(request.user, proposal)
        and proposal.state == Proposal.State.ESTABLISHED
        and proposal.extension_count < proposal.max_extensions,
        "can_link": (is_commission(request.user) or can_respond(request.user, proposal))
        and proposal.state == Proposal.State.RESPONDED,
        "screen_form": forms.get("screen_form")
        or ScreenForm(initial={"responsible_agency": first.agency_id if first else None}),
        "response_form": forms.get("response_form") or ResponseForm(),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "programme_form": forms.get("programme_form")
        or ProgrammeForm(initial={"programme_code": proposal.programme_code}),
        "can_create_programme": is_commission(request.user)
        and proposal.state == Proposal.State.RESPONDED
        and not proposal.programme_code,
        "programme_create_form": forms.get("programme_create_form") or ProgrammeCreateForm(),
        "programme": selectors.programme_progress(proposal),
        "now": timezone.now(),
    }
    return render(request, "participation/office/proposal_detail.html", context, status=400 if forms else 200)


@require_POST
@staff_only
def office_screen(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _office_proposal(request, pk)
    form = ScreenForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_screen(
                actor=request.user,
                proposal=proposal,
                passed=data["decision"] == "pass",
                reason=data["reason"],
                note=data["note"],
                duplicate_of=data["duplicate_of"],
                responsible_agency=data["responsible_agency"],
                late_reason=data["late_reason"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已完成檢核。")
            return redirect("participation:office_proposal", pk=pk)
    return _render_proposal(request, proposal, screen_form=form)


@require_POST
@staff_only
def office_respond(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _office_proposal(request, pk)
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_respond(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "回應已公布，並已通知提議人與附議人。")
            return redirect("participation:office_proposal", pk=pk)
    return _render_proposal(request, proposal, response_form=form)


@require_POST
@staff_only
def office_extend(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _office_proposal(request, pk)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_extend(actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "回應期限已延長並公告。")
            return redirect("participation:office_proposal", pk=pk)
    return _render_proposal(request, proposal, extend_form=form)


@require_POST
@staff_only
def office_programme(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _office_proposal(request, pk)
    form = ProgrammeForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_link_programme(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已登錄列管計畫編號。")
            return redirect("participation:office_proposal", pk=pk)
    return _render_proposal(request, proposal, programme_form=form)


@require_POST
@staff_only
def office_programme_create(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _office_proposal(request, pk)
    if not is_commission(request.user):
        raise PermissionDenied("只有研考會可以將提議轉為列管計畫。")
    form = ProgrammeCreateForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_create_programme(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已建立列管計畫，執行進度將顯示於提議頁面。")
            return redirect("participation:office_proposal", pk=pk)
    return _render_proposal(request, proposal, programme_create_form=form)


def _own_agency(request: HttpRequest) -> Any:
    return getattr(request.user, "agency", None)


def _commission_only(request: HttpRequest) -> None:
    if not is_commission(request.user):
        raise PermissionDenied("此頁僅限研考會使用")


@staff_only
def office_flagged(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    flagged = selectors.endorsements_flagged()
    export = maybe_export(
        request,
        headers=["附議編號", "提議", "附議時間", "異常訊號"],
        rows=lambda: ([e.pk, e.proposal.title, e.endorsed_at, e.flags] for e in flagged),
        filename="異常附議",
    )
    return export or render(
        request, "participation/office/flagged.html", {"flagged": flagged[:500], "form": ReasonForm()}
    )


@require_POST
@staff_only
def office_endorsement_review(request: HttpRequest, pk: int) -> HttpResponse:
    _commission_only(request)
    endorsement = get_object_or_404(Endorsement, pk=pk)
    try:
        if request.POST.get("action") == "void":
            services.endorsement_void(
                actor=request.user, endorsement=endorsement, reason=request.POST.get("reason", "")
            )
            messages.success(request, f"附議 #{pk} 已註銷。")
        else:
            services.endorsement_flag_dismiss(actor=request.user, endorsement=endorsement)
            messages.success(request, f"附議 #{pk} 經審視維持有效。")
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("participation:office_flagged")


@staff_only
def office_comments(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    comments = selectors.comments_for_moderation()
    export = maybe_export(
        request,
        headers=["留言編號", "提議", "狀態", "檢舉數", "內容"],
        rows=lambda: ([c.pk, c.proposal.title, c.get_status_display(), c.report_count, c.body] for c in comments),
        filename="留言管理",
    )
    return export or render(request, "participation/office/comments.html", {"comments": comments[:500]})


@require_POST
@staff_only
def office_comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    _commission_only(request)
    comment = get_object_or_404(ProposalComment, pk=pk)
    try:
        services.comment_moderate(
            actor=request.user,
            comment=comment,
            action=request.POST.get("action", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "留言處理完成。")
    return redirect("participation:office_comments")


@staff_only
def office_rules(request: HttpRequest) -> HttpResponse:
    """想提議規則: every version; the commission publishes a new one from a date."""
    rules = ProposalRules.objects.all()
    current = ProposalRules.in_force(timezone.localdate())
    form = RulesForm(
        request.POST or None,
        initial={name: getattr(current, name) for name in RulesForm.base_fields if hasattr(current, name)},
    )
    if request.method == "POST":
        _commission_only(request)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.proposal_rules_publish(
                    actor=request.user, effective_from=data.pop("effective_from"), note=data.pop("note"), **data
                )
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, "規則已發布。")
                return redirect("participation:office_rules")
    return render(
        request,
        "participation/office/rules.html",
        {"rules": rules, "form": form, "can_edit": is_commission(request.user)},
    )


# --- participatory budgeting ----------------------------------------------------------------


@staff_only
def office_budgets(request: HttpRequest) -> HttpResponse:
    processes = selectors.budget_processes_for(user=request.user)
    form = BudgetProcessForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            process = services.budget_process_create(
                actor=request.user, agency=_own_agency(request), **form.cleaned_data
            )  # type: ignore[union-attr]
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已建立參與式預算。")
            return redirect("participation:office_budget", pk=process.pk)
    export = maybe_export(
        request,
        headers=["名稱", "年度", "主辦機關", "預算總額（元）", "階段", "有效選票"],
        rows=lambda: (
            [p.title, p.year - 1911, p.agency, p.total_budget, p.get_phase_display(), p.ballot_count] for p in processes
        ),
        filename="參與式預算（後台）",
    )
    return export or render(request, "participation/office/budgets.html", {"processes": processes, "form": form})


@staff_only
def office_budget(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(selectors.budget_processes_for(user=request.user), pk=pk)
    if request.method == "POST":
        if not can_run_budget(request.user, process):
            raise PermissionDenied("只有主辦機關或研考會可以管理此參與式預算")
        _budget_action(request, process)
        return redirect("participation:office_budget", pk=pk)
    return render(
        request,
        "participation/office/budget.html",
        {
            "process": process,
            "projects": process.projects.all(),
            "tally": services.budget_results(process),
            "review_form": ReviewForm(),
            "progress_form": ProgressForm(),
            "can_run": can_run_budget(request.user, process),
        },
    )


def _budget_action(request: HttpRequest, process: Any) -> None:
    action = request.POST.get("action", "")
    project_id = request.POST.get("project", "")
    project = process.projects.filter(pk=int(project_id)).first() if project_id.isdigit() else None
    try:
        if action == "advance":
            services.budget_phase_advance(actor=request.user, process=process)
            messages.success(request, "已進入下一階段。")
        elif action == "review" and project is not None:
            review = ReviewForm(request.POST)
            if not review.is_valid():
                raise ValidationError("請選擇評估結果並填寫正確的經費（元）。")
            services.budget_project_review(actor=request.user, project=project, **review.cleaned_data)
            messages.success(request, f"已評估「{project.title}」。")
        elif action == "progress" and project is not None:
            progress = ProgressForm(request.POST)
            if not progress.is_valid():
                raise ValidationError("進度請填 0 到 100，並說明執行情形。")
            services.budget_progress_report(actor=request.user, project=project, **progress.cleaned_data)
            messages.success(request, f"已更新「{project.title}」執行進度。")
        else:
            messages.error(request, "不明的操作。")
    except ValidationError as exc:
        flash_errors(request, exc)


# --- consultations --------------------------------------------------------------------------


@staff_only
def office_consultations(request: HttpRequest) -> HttpResponse:
    consultations = selectors.consultations_for(user=request.user)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_publish(actor=request.user, agency=_own_agency(request), **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "眾開講已發布。")
            return redirect("participation:office_consultations")
    export = maybe_export(
        request,
        headers=["政策草案", "機關", "開始日", "截止日", "意見數"],
        rows=lambda: (
            [c.title, c.agency, c.opens_on, c.closes_on, getattr(c, "comment_count", 0)] for c in consultations
        ),
        filename="眾開講（後台）",
    )
    return export or render(
        request,
        "participation/office/consultations.html",
        {"consultations": consultations, "form": form, "summary_form": SummaryForm()},
    )


@require_POST
@staff_only
def office_consultation_summary(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(selectors.consultations_for(user=request.user), pk=pk)
    form = SummaryForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("請輸入採納說明。")
        services.consultation_summarise(
            actor=request.user, consultation=consultation, summary=form.cleaned_data["summary"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "採納說明已公布。")
    return redirect("participation:office_consultations")


# --- subsidy programme ----------------------------------------------------------------------

SUBSIDY_HEADERS = ["年度", "機關", "計畫名稱", "類型", "議題", "參與方式", "計畫總經費", "申請補助", "核定補助", "狀態"]


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 1990 <= (int(raw) + (1911 if int(raw) < 1911 else 0)) <= 2100:
        return int(raw) + (1911 if int(raw) < 1911 else 0)
    return timezone.localdate().year


@staff_only
def office_subsidies(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    projects = selectors.projects_for(user=request.user, year=year)
    export = maybe_export(
        request,
        headers=SUBSIDY_HEADERS,
        rows=lambda: services.subsidies.rows_for_export(projects),
        filename=f"公民參與推動案-{year - 1911}",
    )
    if export:
        return export
    form = ProjectForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_apply(actor=request.user, agency=_own_agency(request), **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已送出補助申請。")
            return redirect("participation:office_subsidy", pk=project.pk)
    return render(
        request,
        "participation/office/subsidies.html",
        {
            "projects": projects,
            "form": form,
            "year": year,
            "roc_year": year - 1911,
            "can_apply": acts_for_agency(request.user, getattr(request.user, "agency_id", None)),
            "can_review": can_review_subsidy(request.user),
            "import_form": ImportForm(),
            "totals": {
                "applications": selectors.subsidy_application_count(year=year),
                "approved": selectors.subsidy_approved_count(year=year),
                "amount": selectors.subsidy_approved_amount(year=year),
            },
        },
    )


@staff_only
def office_subsidy(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(selectors.projects_for(user=request.user), pk=pk)
    if request.method == "POST":
        _subsidy_action(request, project)
        return redirect("participation:office_subsidy", pk=pk)
    return render(
        request,
        "participation/office/subsidy.html",
        {
            "project": project,
            "sites": project.sites.select_related("district"),
            "review_form": ProjectReviewForm(),
            "fund_form": FundForm(initial={"paid_amount": project.approved_amount or None}),
            "report_form": ReportForm(),
            "site_form": SiteForm(),
            "can_review": can_review_subsidy(request.user),
            "is_applicant": acts_for_agency(request.user, project.agency_id),
        },
    )


def _subsidy_action(request: HttpRequest, project: Any) -> None:
    action = request.POST.get("action", "")
    forms = {"review": ProjectReviewForm, "fund": FundForm, "report": ReportForm, "site": SiteForm}
    if action not in forms:
        messages.error(request, "不明的操作。")
        return
    form = forms[action](request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(
                [f"{form.fields[name].label}：{'、'.join(str(e) for e in errs)}" for name, errs in form.errors.items()]
            )
        data = form.cleaned_data
        if action == "review":
            services.project_review(
                actor=request.user,
                project=project,
                approve=data["approve"],
                approved_amount=data["approved_amount"] or 0,
                note=data["note"],
            )
        elif action == "fund":
            services.project_fund(actor=request.user, project=project, paid_amount=data["paid_amount"])
        elif action == "report":
            services.project_report(actor=request.user, project=project, **data)
        else:
            services.project_site_add(actor=request.user, project=project, **data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "已儲存。")


@require_POST
@staff_only
def office_subsidy_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not can_review_subsidy(request.user):
        raise PermissionDenied("只有研考會可以匯入補助申請")
    if not form.is_valid():
        messages.error(request, "請選擇要匯入的檔案。")
        return redirect("participation:office_subsidies")
    upload = form.cleaned_data["file"]
    try:
        result = services.projects_import(
            actor=request.user, data=upload.read(), filename=upload.name, city_code=settings.YANKAO_CITY_CODE
        )
    except ImportFailed as exc:
        for error in exc.errors[:50]:
            messages.error(request, str(error))
        messages.error(request, f"檔案有 {len(exc.errors)} 個錯誤，未匯入任何資料。")
    else:
        messages.success(request, f"匯入完成：新增 {result.created} 筆，已存在 {result.unchanged} 筆。")
    return redirect("participation:office_subsidies")


@staff_only
def office_subsidy_report(request: HttpRequest, fmt: str) -> HttpResponse:
    """公民參與推動成果: the year's figures as a government document (ODT/DOCX/PDF)."""
    if fmt not in DOCUMENT_FORMATS:
        raise PermissionDenied("不支援的文件格式")
    year = _year(request)
    roc = year - 1911
    projects = selectors.projects_for(user=request.user, year=year).filter(kind="subsidy")
    amount = selectors.subsidy_approved_amount(year=year)
    commute = selectors.school_commute_sites(year=year)
    blocks: list[Any] = [
        Heading(f"{roc} 年度公民參與推動成果"),
        Paragraph(
            f"{roc} 年度本府公民參與推動案共 {selectors.subsidy_application_count(year=year)} 案，"
            f"研考會核定補助 {selectors.subsidy_approved_count(year=year)} 案，補助經費達 {format_amount(amount, '萬元')}。"
        ),
    ]
    if commute:
        places = "、".join(f"{district}{name}" for district, name in commute)
        blocks.append(Paragraph(f"校園通學交通改善公民參與計畫：{len(commute)} 校（{places}）。"))
    blocks.append(
        Table(
            headers=SUBSIDY_HEADERS,
            rows=[list(row) for row in services.subsidies.rows_for_export(projects)],
            caption=f"{roc} 年度公民參與推動案",
        )
    )
    doc = Document(title=f"{roc} 年度公民參與推動成果", blocks=blocks, landscape=True)
    return document_response(doc, fmt=fmt, filename=f"公民參與推動成果-{roc}")
