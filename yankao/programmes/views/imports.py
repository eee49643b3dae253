"""匯入: agencies start from spreadsheets; errors are shown with their line numbers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from yankao.core.tabular import ImportFailed
from yankao.programmes.forms import ImportForm
from yankao.programmes.services import imports

from ._common import staff_view

TEMPLATES = {
    "programmes": (imports.PROGRAMME_COLUMNS, imports.PROGRAMME_OPTIONAL),
    "milestones": (imports.PLAN_COLUMNS, imports.PLAN_OPTIONAL),
    "progress": (imports.PROGRESS_COLUMNS, imports.PROGRESS_OPTIONAL),
    "kpis": (imports.KPI_COLUMNS, imports.KPI_OPTIONAL),
}


@staff_view
def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = imports.import_file(
                actor=request.user,  # type: ignore[arg-type]
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                filename=upload.name,
            )
        except ImportFailed as exc:
            errors = [str(e) for e in exc.errors]
        except PermissionDenied as exc:
            errors = [str(exc)]
        else:
            messages.success(request, f"已匯入 {batch.rows} 筆（{batch.filename}）")
            return redirect("programmes:import")
    columns = [(label, TEMPLATES[kind]) for kind, label in ImportForm.KINDS]
    return render(request, "programmes/import.html", {"form": form, "errors": errors, "columns": columns})
