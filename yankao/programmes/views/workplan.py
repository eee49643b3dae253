"""The writes on a programme's page: its work plan (作業計畫: milestones and the planned cumulative
% per month) by the commission, the programme's project manager or the agency manager, and its
control status (列管狀態) by the commission. A refusal re-renders the page with status 400."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from yankao.programmes import permissions
from yankao.programmes.forms import ProgrammeStatusForm, WorkPlanForm
from yankao.programmes.selectors import programmes as sel
from yankao.programmes.services import programme_set_plan, programme_set_status
from yankao.programmes.services.programmes import MilestoneInput

from ._common import commission_only, service_errors_on, staff_view
from .programmes import programme_detail


@staff_view
@require_POST
def programme_write(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    programme = get_object_or_404(sel.programme_list_for(user=request.user), pk=pk)
    actor: Any = request.user
    if part == "plan":
        if not permissions.can_edit_plan(actor, programme):
            raise PermissionDenied("您沒有權限編修此計畫的作業計畫")
        form: Any = WorkPlanForm(request.POST, programme=programme)
    elif part == "status":
        commission_only(request, "只有研考會可以變更列管狀態")
        form = ProgrammeStatusForm(request.POST)
    else:
        raise Http404
    if form.is_valid():
        try:
            if part == "plan":
                milestones = [MilestoneInput(**row) for row in form.cleaned_data["rows"]]
                programme_set_plan(
                    actor=actor,
                    programme=programme,
                    milestones=milestones,
                    plan_months=form.cleaned_data["plan_months"],
                )
                messages.success(request, "已儲存作業計畫")
            else:
                programme_set_status(actor=actor, programme=programme, status=form.cleaned_data["status"])
                messages.success(request, f"列管狀態已改為「{programme.get_status_display()}」")
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            return redirect("programmes:programme_detail", pk=pk)
    return programme_detail(request, pk, **{f"{part}_form": form})
