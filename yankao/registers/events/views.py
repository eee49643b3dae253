"""The commission's courses, workshops and meetings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from yankao.core.charts import bar_chart
from yankao.core.rocdate import format_roc
from yankao.org.permissions import is_commission
from yankao.registers.common import maybe_export, run_service, staff_view, year_param
from yankao.registers.events import selectors, services
from yankao.registers.events.forms import EventForm
from yankao.registers.events.models import Event, EventSeries


@staff_view
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST":
        if not is_commission(request.user):
            raise PermissionDenied("僅研考會可以登錄研習與會議")
        if form.is_valid():
            agency = getattr(request.user, "agency", None)
            ok, event = run_service(
                request,
                lambda: services.event_record(actor=request.user, agency=agency, **form.service_kwargs()),  # type: ignore[arg-type]
                success="已登錄",
            )
            if ok:
                return redirect("registers_events:event_detail", event.pk)
    year = year_param(request)
    series = request.GET.get("series") or None
    events = selectors.event_list(year=year, series=series)
    export = maybe_export(
        request,
        headers=["日期", "系列", "形式", "名稱", "講者", "主題", "合作／與會單位數", "參加人數"],
        rows=lambda: (
            [
                format_roc(e.held_on),
                e.series.name,
                e.get_kind_display(),
                e.title,
                "、".join(e.speaker_list),
                "、".join(e.topic_list),
                getattr(e, "n_partners", 0),
                e.participants,
            ]
            for e in events
        ),
        filename=f"研習與會議-{year - 1911}年",
    )
    if export is not None:
        return export
    with_people = [e for e in events if e.participants]
    return render(
        request,
        "registers/events/event_list.html",
        {
            "events": events,
            "roc_year": year - 1911,
            "series": EventSeries.objects.all(),
            "current": series or "",
            "chart": bar_chart([(e.title[:14], e.participants or 0) for e in with_people], title="參加人數", unit="人")
            if with_people
            else None,
            "with_people": with_people,
            "form": form,
            "can_manage": is_commission(request.user),
        },
    )


@staff_view
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("series", "agency").prefetch_related("partners"), pk=pk)
    return render(request, "registers/events/event_detail.html", {"event": event})
