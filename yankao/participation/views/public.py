"""Citizen-facing pages: proposals, verification, budgets, consultations, statistics, open data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yankao.core.charts import bar_chart
from yankao.core.exports import export_response
from yankao.participation import selectors, services
from yankao.participation.forms import (
    CodeForm,
    CommentForm,
    EmailForm,
    IdeaForm,
    MobileForm,
    ProposalForm,
    ResidenceForm,
)
from yankao.participation.models import BudgetProcess, Consultation, ParticipationProject, Proposal, ProposalComment
from yankao.participation.permissions import can_propose

from .common import client_ip, device_id, flash_errors, form_errors, maybe_export, remember_device

PUBLIC_HEADERS = ["編號", "提議標題", "狀態", "主管機關", "有效附議數", "成案門檻", "附議截止日", "回應結果"]


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/home.html",
        {
            "rules": selectors.proposal_rules_in_force(on=timezone.localdate()),
            "endorsing": selectors.proposal_public_list(state=Proposal.State.ENDORSING)[:5],
            "verification": services.verification_for(request.user),
        },
    )


def proposal_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    agency = request.GET.get("agency", "")
    q = request.GET.get("q", "").strip()[:100]
    proposals = selectors.proposal_public_list(state=state, agency_id=int(agency) if agency.isdigit() else None, q=q)
    export = maybe_export(
        request,
        headers=PUBLIC_HEADERS,
        rows=lambda: (
            [
                p.pk,
                p.title,
                p.get_state_display(),
                p.responsible_agency,
                p.endorsement_count,
                p.endorsement_threshold,
                p.endorsement_closes_on,
                p.response.get_decision_display() if hasattr(p, "response") else "",
            ]
            for p in proposals
        ),
        filename="想提議",
    )
    if export:
        return export
    return render(
        request,
        "participation/proposal_list.html",
        {
            "proposals": proposals[:200],
            "states": [(s, label) for s, label in Proposal.State.choices if s in Proposal.PUBLIC_STATES],
            "state": state,
            "q": q,
        },
    )


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(user=request.user, pk=pk)
    context = {
        "proposal": proposal,
        "progress": selectors.endorsement_progress(proposal),
        "response": getattr(proposal, "response", None),
        "comments": selectors.comments_shown(proposal=proposal).select_related("author"),
        "comment_form": CommentForm(),
        "endorsed": selectors.endorsed_by(user=request.user, proposal=proposal),
        "can_act": can_propose(request.user),
        "is_proposer": proposal.proposer_id == request.user.pk,
        "suggested": proposal.suggested.select_related("agency"),
        "programme": selectors.programme_progress(proposal),
    }
    return remember_device(request, render(request, "participation/proposal_detail.html", context))


@login_required
def proposal_new(request: HttpRequest) -> HttpResponse:
    if not can_propose(request.user):
        raise PermissionDenied("提議限市民帳號使用，請以市民帳號登入。")
    verification = services.verification_for(request.user)
    if not (verification and verification.is_verified):
        messages.info(request, "提議前請先完成手機與電子郵件實名驗證。")
        return redirect("participation:verify")
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                actor=request.user,
                title=form.cleaned_data["title"],
                content=form.cleaned_data["content"],
                expected_benefit=form.cleaned_data["expected_benefit"],
                agencies=list(form.cleaned_data["agencies"]),
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "提議已送出，研考會將於期限內完成檢核。")
            return redirect("participation:proposal_detail", pk=proposal.pk)
    return render(request, "participation/proposal_form.html", {"form": form})


@require_POST
@login_required
def proposal_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(user=request.user, pk=pk)
    try:
        services.proposal_endorse(
            actor=request.user, proposal=proposal, ip=client_ip(request), device=device_id(request)
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "感謝您的附議！提議成案及機關回應時，我們會以電子郵件通知您。")
    return redirect("participation:proposal_detail", pk=pk)


@require_POST
@login_required
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(user=request.user, pk=pk)
    try:
        services.proposal_withdraw(actor=request.user, proposal=proposal)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "提議已撤回。")
    return redirect("participation:proposal_detail", pk=pk)


@require_POST
@login_required
def proposal_comment(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(user=request.user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_post(actor=request.user, proposal=proposal, body=form.cleaned_data["body"])
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, "留言已發表。")
    else:
        messages.error(request, "請輸入留言內容（2,000 字以內）。")
    return redirect("participation:proposal_detail", pk=pk)


@require_POST
@login_required
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(ProposalComment, pk=pk, proposal__state__in=Proposal.PUBLIC_STATES)
    try:
        services.comment_report(actor=request.user, comment=comment, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "已收到您的檢舉，管理者將儘速處理。")
    return redirect("participation:proposal_detail", pk=comment.proposal_id)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """實名驗證: send and confirm a code to the mobile, then to the email; declare the home district."""
    if not can_propose(request.user):
        raise PermissionDenied("實名驗證僅限市民帳號。")
    step = request.POST.get("step", "")
    forms = {
        "mobile": MobileForm(request.POST if step == "mobile" else None),
        "sms_code": CodeForm(request.POST if step == "sms_code" else None, prefix="sms"),
        "email": EmailForm(
            request.POST if step == "email" else None,
            initial={"email": request.user.email},  # type: ignore[union-attr]
        ),
        "email_code": CodeForm(request.POST if step == "email_code" else None, prefix="mail"),
        "residence": ResidenceForm(request.POST if step == "residence" else None),
    }
    if request.method == "POST" and step in forms and forms[step].is_valid():
        data = forms[step].cleaned_data
        try:
            if step == "mobile":
                services.verification_code_send(user=request.user, channel="sms", target=data["mobile"])
                messages.success(request, "驗證碼已以簡訊寄出。")
            elif step == "email":
                services.verification_code_send(user=request.user, channel="email", target=data["email"])
                messages.success(request, "驗證碼已寄至您的電子郵件。")
            elif step in ("sms_code", "email_code"):
                channel = "sms" if step == "sms_code" else "email"
                services.verification_code_confirm(user=request.user, channel=channel, code=data["code"])
                messages.success(request, "驗證成功。")
            else:
                services.verification_set_residence(user=request.user, district=data["district"])
                messages.success(request, "已更新居住行政區。")
        except ValidationError as exc:
            form_errors(forms[step], exc)
        else:
            return redirect("participation:verify")
    return render(
        request, "participation/verify.html", {"forms": forms, "verification": services.verification_for(request.user)}
    )


@login_required
def my_participation(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/my_participation.html",
        {
            "proposals": selectors.proposals_of(user=request.user),
            "verification": services.verification_for(request.user),
        },
    )


def stats(request: HttpRequest) -> HttpResponse:
    """統計: proposals by state and agency, average time to response, endorsements, subsidies."""
    year = _year(request)
    by_state = selectors.proposal_counts_by_state(year=year)
    labels = dict(Proposal.State.choices)
    state_rows = [(labels[s], n) for s, n in by_state.items() if s in Proposal.PUBLIC_STATES]
    by_agency = selectors.proposal_counts_by_agency(year=year)
    subsidy = {
        "applications": selectors.subsidy_application_count(year=year),
        "approved": selectors.subsidy_approved_count(year=year),
        "amount": selectors.subsidy_approved_amount(year=year),
        "by_type": selectors.subsidy_by_type(year=year),
        "commute": selectors.school_commute_sites(year=year),
    }
    export = maybe_export(
        request,
        headers=["項目", "數值"],
        rows=lambda: [
            *[(f"提議－{label}", n) for label, n in state_rows],
            ("有效附議數", selectors.endorsement_total(year=year)),
            ("平均回應日數", selectors.average_days_to_response(year=year) or ""),
            ("公民參與推動案（案）", subsidy["applications"]),
            ("核定補助（案）", subsidy["approved"]),
            ("核定補助經費（元）", subsidy["amount"]),
        ],
        filename=f"公民參與統計-{year - 1911}",
    )
    if export:
        return export
    return render(
        request,
        "participation/stats.html",
        {
            "year": year,
            "roc_year": year - 1911,
            "state_rows": state_rows,
            "state_chart": bar_chart(state_rows, title=f"{year - 1911} 年提議狀態", unit=" 案"),
            "by_agency": by_agency,
            "avg_days": selectors.average_days_to_response(year=year),
            "endorsements": selectors.endorsement_total(year=year),
            "budget_total": selectors.budget_total_for(year=year),
            "subsidy": subsidy,
            "subsidy_chart": bar_chart(
                [(label, n) for label, n, _ in selectors.subsidy_by_type(year=year)],
                title=f"{year - 1911} 年核定補助案件（依類型）",
                unit=" 案",
            ),
        },
    )


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit():
        year = int(raw)
        year = year + 1911 if year < 1911 else year
        if 1990 <= year <= 2100:
            return year
    return timezone.localdate().year


def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """開放資料: public proposals and responses as CSV or JSON, without personal data."""
    if fmt not in ("csv", "json"):
        raise Http404("開放資料提供 CSV 與 JSON")
    rows = selectors.open_data_rows()
    if fmt == "json":
        body = json.dumps({"proposals": rows}, ensure_ascii=False, indent=1)
        return HttpResponse(body, content_type="application/json; charset=utf-8")
    headers = list(selectors.OPEN_DATA_HEADERS.values())
    keys = list(selectors.OPEN_DATA_HEADERS)
    return export_response(
        headers=headers, rows=([r[k] for k in keys] for r in rows), filename="想提議開放資料", fmt="csv"
    )


# --- participatory budgeting ----------------------------------------------------------------


def budget_list(request: HttpRequest) -> HttpResponse:
    processes = selectors.budget_process_list()
    export = maybe_export(
        request,
        headers=["名稱", "年度", "主辦機關", "投票資格", "預算總額（元）", "投票方式", "階段", "有效選票"],
        rows=lambda: (
            [
                p.title,
                p.year - 1911,
                p.agency,
                p.district or "全市",
                p.total_budget,
                p.get_voting_style_display(),
                p.get_phase_display(),
                p.ballot_count,
            ]
            for p in processes
        ),
        filename="參與式預算",
    )
    return export or render(request, "participation/budget_list.html", {"processes": processes})


def budget_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(selectors.budget_process_list(), pk=pk)
    projects = (
        process.projects.exclude(status="idea")
        if process.phase != BudgetProcess.Phase.IDEAS
        else process.projects.all()
    )
    return render(
        request,
        "participation/budget_detail.html",
        {
            "process": process,
            "projects": projects,
            "idea_form": IdeaForm(),
            "can_act": can_propose(request.user),
            "results": process.projects.filter(status__in=["selected", "not_selected"]).order_by(
                "-votes", "cost_estimate", "pk"
            ),
            "voted": _has_voted(request.user, process),
        },
    )


def _has_voted(user: object, process: BudgetProcess) -> bool:
    verification = services.verification_for(user)
    return bool(
        verification
        and verification.identity_id
        and process.ballots.filter(identity_id=verification.identity_id).exists()
    )


@require_POST
@login_required
def budget_idea(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(BudgetProcess, pk=pk)
    form = IdeaForm(request.POST)
    if not form.is_valid():
        messages.error(request, "請填寫提案名稱與說明。")
        return redirect("participation:budget_detail", pk=pk)
    try:
        services.budget_idea_submit(actor=request.user, process=process, **form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "提案已送出，將由主辦機關評估可行性。")
    return redirect("participation:budget_detail", pk=pk)


@require_POST
@login_required
def budget_vote(request: HttpRequest, pk: int) -> HttpResponse:
    process = get_object_or_404(BudgetProcess, pk=pk)
    ids = [int(v) for v in request.POST.getlist("project") if v.isdigit()]
    try:
        services.budget_ballot_cast(actor=request.user, process=process, project_ids=ids)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, "投票完成，感謝您的參與！")
    return redirect("participation:budget_detail", pk=pk)


# --- consultations and the subsidy programme ---------------------------------------------------


def consultation_list(request: HttpRequest) -> HttpResponse:
    consultations = selectors.consultation_list()
    export = maybe_export(
        request,
        headers=["政策草案", "機關", "開始日", "截止日", "意見數", "採納說明"],
        rows=lambda: (
            [c.title, c.agency, c.opens_on, c.closes_on, getattr(c, "comment_count", 0), c.summary]
            for c in consultations
        ),
        filename="眾開講",
    )
    return export or render(
        request, "participation/consultation_list.html", {"consultations": consultations, "today": timezone.localdate()}
    )


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(selectors.consultation_list(), pk=pk)
    return render(
        request,
        "participation/consultation_detail.html",
        {
            "consultation": consultation,
            "comments": consultation.comments.filter(hidden=False),
            "form": CommentForm(),
            "open": consultation.opens_on <= timezone.localdate() <= consultation.closes_on,
            "can_act": can_propose(request.user),
        },
    )


@require_POST
@login_required
def consultation_comment(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "請輸入意見。")
    else:
        try:
            services.consultation_comment(actor=request.user, consultation=consultation, body=form.cleaned_data["body"])
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, "意見已送出。")
    return redirect("participation:consultation_detail", pk=pk)


def subsidy_results(request: HttpRequest) -> HttpResponse:
    """The public results of the participation subsidy programme for a year (no personal data)."""
    year = _year(request)
    projects = (
        ParticipationProject.objects.filter(year=year)
        .select_related("agency", "project_type")
        .prefetch_related("sites__district")
    )
    export = maybe_export(
        request,
        headers=["年度", "機關", "計畫名稱", "類型", "議題", "參與方式", "計畫總經費", "申請補助", "核定補助", "狀態"],
        rows=lambda: services.subsidies.rows_for_export(projects),
        filename=f"公民參與推動案-{year - 1911}",
    )
    if export:
        return export
    return render(
        request,
        "participation/subsidy_results.html",
        {
            "year": year,
            "roc_year": year - 1911,
            "projects": projects,
            "applications": selectors.subsidy_application_count(year=year),
            "approved": selectors.subsidy_approved_count(year=year),
            "amount": selectors.subsidy_approved_amount(year=year),
            "commute": selectors.school_commute_sites(year=year),
        },
    )
