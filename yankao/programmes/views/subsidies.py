"""基本設施補助 cases: the commission lists a case with its amount; the commission or the executing
agency records the monthly tracking; the commission sends a problem case to a coordination meeting.
The list is work.subsidy_list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yankao.programmes import permissions
from yankao.programmes.forms import SubsidyCaseForm, SubsidyMeetingForm, SubsidyTrackForm
from yankao.programmes.models import AgendaItem, SubsidyCase
from yankao.programmes.services import subsidy_case_create, subsidy_send_to_meeting, subsidy_track

from . import work
from ._common import agency_filter, commission_only, service_errors_on, staff_view


@staff_view
@require_POST
def subsidy_new(request: HttpRequest) -> HttpResponse:
    commission_only(request, "只有研考會可以列管補助案件")
    form = SubsidyCaseForm(request.POST)
    if form.is_valid():
        try:
            case = subsidy_case_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"已列管補助案件「{case}」")
            return redirect("programmes:subsidy_detail", pk=case.pk)
    return work.subsidy_list(request, case_form=form)


@staff_view
def subsidy_detail(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    """A case, its monthly tracking and the meetings it was brought to."""
    case = get_object_or_404(SubsidyCase.objects.filter(agency_filter(request.user)).select_related("agency"), pk=pk)
    is_commission = permissions.can_manage_programmes(request.user)
    can_track = is_commission or permissions.can_act_for_agency(request.user, case.agency_id)
    latest = case.tracking.order_by("-month").first()
    return render(
        request,
        "programmes/subsidy_detail.html",
        {
            "case": case,
            "tracking": case.tracking.order_by("month"),
            "track_form": (forms.get("track_form") or SubsidyTrackForm(initial=_track_initial(latest)))
            if can_track
            else None,
            "meeting_form": (forms.get("meeting_form") or SubsidyMeetingForm()) if is_commission else None,
            "agenda": case_agenda(case),
        },
        status=400 if forms else 200,
    )


def _track_initial(latest: Any) -> dict[str, Any]:
    if latest is None:
        return {}
    return {"progress_pct": latest.progress_pct, "spent": latest.spent}


def case_agenda(case: SubsidyCase) -> list[Any]:
    return list(AgendaItem.objects.filter(subsidy_case=case).select_related("meeting").order_by("meeting__held_on"))


@staff_view
@require_POST
def subsidy_write(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """每月追蹤 (commission or the executing agency) or 提報協調會報 (commission)."""
    case = get_object_or_404(SubsidyCase.objects.filter(agency_filter(request.user)), pk=pk)
    if part == "track":
        if not (
            permissions.can_manage_programmes(request.user)
            or permissions.can_act_for_agency(request.user, case.agency_id)
        ):
            raise PermissionDenied("您沒有權限填報此案件")
        form: Any = SubsidyTrackForm(request.POST)
    elif part == "meeting":
        commission_only(request, "只有研考會可以將案件提報協調會報")
        form = SubsidyMeetingForm(request.POST)
    else:
        raise Http404
    if form.is_valid():
        actor: Any = request.user
        try:
            if part == "track":
                subsidy_track(actor=actor, case=case, **form.cleaned_data)
            else:
                item = subsidy_send_to_meeting(actor=actor, case=case, **form.cleaned_data)
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            if part == "track":
                messages.success(request, "已登錄每月追蹤")
                return redirect("programmes:subsidy_detail", pk=pk)
            messages.success(request, f"已提報「{item.meeting}」第 {item.seq} 案")
            return redirect("programmes:meeting_detail", pk=item.meeting_id)
    return subsidy_detail(request, pk, **{f"{part}_form": form})
