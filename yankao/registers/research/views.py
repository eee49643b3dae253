"""Commissioned research: projects, milestone reviews, recommendations and their adoption."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from yankao.org.permissions import is_commission
from yankao.registers.common import maybe_export, run_service, staff_view
from yankao.registers.research import selectors, services
from yankao.registers.research.forms import MilestoneForm, ProjectForm, RespondForm
from yankao.registers.research.models import Milestone, Recommendation


@staff_view
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None)
    if request.method == "POST":
        if not is_commission(request.user):
            raise PermissionDenied("僅研考會可以登錄委託研究")
        if form.is_valid():
            agency = getattr(request.user, "agency", None)
            ok, project = run_service(
                request,
                lambda: services.project_create(actor=request.user, agency=agency, **form.service_kwargs()),  # type: ignore[arg-type]
                success="已登錄委託研究",
            )
            if ok:
                return redirect("registers_research:project_detail", project.pk)
    projects = selectors.project_list_for(user=request.user)
    export = maybe_export(
        request,
        headers=["年度", "研究主題", "受託單位", "契約金額（元）", "簽約日", "狀態", "完成日"],
        rows=lambda: (
            [p.year - 1911, p.title, p.contractor, p.amount, p.signed_on, p.get_status_display(), p.completed_on]
            for p in projects
        ),
        filename="委託研究",
    )
    return export or render(
        request,
        "registers/research/project_list.html",
        {
            "projects": projects,
            "adoption": selectors.adoption_counts(),
            "form": form,
            "can_manage": is_commission(request.user),
        },
    )


@staff_view
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(selectors.project_list_for(user=request.user), pk=pk)
    if request.method == "POST":
        if request.POST.get("action") == "milestone":
            if not is_commission(request.user):
                raise PermissionDenied("僅研考會可以登錄審查")
            milestone = get_object_or_404(Milestone, pk=request.POST.get("milestone"), project=project)
            form = MilestoneForm(request.POST, request.FILES)
            if form.is_valid():
                run_service(
                    request,
                    lambda: services.milestone_hold(actor=request.user, milestone=milestone, **form.cleaned_data),
                    success="已登錄審查",
                )
        else:
            rec = get_object_or_404(Recommendation, pk=request.POST.get("recommendation"), project=project)
            respond = RespondForm(request.POST)
            if respond.is_valid():
                run_service(
                    request,
                    lambda: services.recommendation_respond(
                        actor=request.user, recommendation=rec, **respond.cleaned_data
                    ),
                    success="已回復參採情形",
                )
        return redirect("registers_research:project_detail", project.pk)
    user_agency = getattr(request.user, "agency_id", None)
    return render(
        request,
        "registers/research/project_detail.html",
        {
            "project": project,
            "milestones": project.milestones.all(),
            "recommendations": project.recommendations.select_related("agency"),
            "can_manage": is_commission(request.user),
            "user_agency": user_agency,
            "milestone_form": MilestoneForm(),
            "respond_form": RespondForm(),
        },
    )
