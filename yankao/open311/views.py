"""Pages of the Open311 app: API keys and the external item mapping (the commission), and the
public open-data page with its downloads."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yankao.core.exports import EXPORT_FORMATS, export_response
from yankao.open311 import external, permissions, selectors, services
from yankao.open311 import opendata as open_data
from yankao.open311.forms import ClientForm, ExternalCategoryForm, PeriodForm
from yankao.open311.models import ApiClient


def staff_required(check: Callable[[Any], bool], message: str) -> Any:
    """Sign-in first (anonymous → the login page), then `check(user)` or 403 with a Chinese message."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


CLIENT_HEADERS = ["應用程式名稱", "聯絡單位或人", "金鑰前綴", "每分鐘上限", "狀態", "發給時間", "撤銷時間"]


def _client_rows(clients: Any) -> Any:
    for c in clients:
        yield [
            c.name,
            c.contact,
            c.key_prefix,
            c.per_minute,
            "有效" if c.is_active else "已撤銷",
            c.created_at,
            c.revoked_at,
        ]


@staff_required(permissions.can_manage_clients, "只有研考會可以管理 API 金鑰")
def clients(request: HttpRequest) -> HttpResponse:
    """API 金鑰: the list (exportable), and a new key issued (shown once)."""
    fmt = request.GET.get("format", "")
    listing = selectors.client_list()
    if fmt in EXPORT_FORMATS:
        return export_response(headers=CLIENT_HEADERS, rows=_client_rows(listing), filename="open311-clients", fmt=fmt)
    form = ClientForm(request.POST or None)
    new_key = ""
    if request.method == "POST" and form.is_valid():
        try:
            client, new_key = services.api_client_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                per_minute=form.cleaned_data["per_minute"],
            )
            messages.success(request, f"已發給「{client.name}」新金鑰。金鑰只顯示這一次，請立即複製交給對方。")
            form = ClientForm()
        except ValidationError as exc:
            add_errors(form, exc)
    context = {"title": "Open311 API 金鑰", "clients": listing, "form": form, "new_key": new_key}
    return render(request, "open311/clients.html", context)


@require_POST
@staff_required(permissions.can_manage_clients, "只有研考會可以管理 API 金鑰")
def client_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_object_or_404(ApiClient, pk=pk)
    try:
        services.api_client_revoke(actor=request.user, client=client)
        messages.success(request, f"已撤銷「{client.name}」的金鑰")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("open311:clients")


EXTERNAL_HEADERS = ["來源", "原始項目名稱", "對應服務代碼", "對應類別", "待檢視"]


@staff_required(permissions.can_review_external_categories, "只有研考會可以檢視外部派工項目對照")
def external_categories(request: HttpRequest) -> HttpResponse:
    """外部派工項目對照: items met by imports, those marked for review first."""
    items = external.external_category_list()
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS:
        rows = (
            [i.source, i.name, i.category.service_code, i.category.name, "是" if i.needs_review else ""] for i in items
        )
        return export_response(headers=EXTERNAL_HEADERS, rows=rows, filename="open311-external-categories", fmt=fmt)
    form = ExternalCategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = external.external_category_set(
                actor=request.user, pk=form.cleaned_data["item"], category=form.cleaned_data["category"]
            )
            messages.success(request, f"「{item.name}」已對應到「{item.category.name}」")
            return redirect("open311:external_categories")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    return render(request, "open311/external_categories.html", {"title": "外部派工項目對照", "items": items})


def opendata(request: HttpRequest) -> HttpResponse:
    """開放資料: the field dictionary and the download of any period (public)."""
    form = PeriodForm(request.GET or None)
    counts = None
    if request.GET and form.is_valid():
        counts = open_data.opendata_counts(start=form.cleaned_data["start"], end=form.cleaned_data["end"])
    context = {"title": "為民服務案件開放資料", "form": form, "fields": open_data.FIELDS, "counts": counts}
    return render(request, "open311/opendata.html", context)


def opendata_download(request: HttpRequest, fmt: str) -> HttpResponseBase:
    form = PeriodForm(request.GET or None)
    if fmt not in ("csv", "json"):
        return render(
            request,
            "open311/opendata.html",
            {"title": "為民服務案件開放資料", "form": form, "fields": open_data.FIELDS, "error": "只提供 CSV 與 JSON"},
            status=404,
        )
    if not form.is_valid():
        context = {"title": "為民服務案件開放資料", "form": form, "fields": open_data.FIELDS}
        return render(request, "open311/opendata.html", context, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = open_data.opendata_rows(start=start, end=end, now=timezone.now())
    name = f"kaohsiung-cases-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(open_data.csv_chunks(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(
            open_data.json_chunks(rows, start=start, end=end), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def opendata_fields(request: HttpRequest, fmt: str) -> HttpResponse:
    """The field dictionary (欄位說明) as XLSX, ODS or CSV."""
    if fmt not in EXPORT_FORMATS:
        return HttpResponse("只提供 xlsx、ods、csv", status=404, content_type="text/plain; charset=utf-8")
    rows = ([f.name, f.label, f.type, f.description] for f in open_data.FIELDS)
    return export_response(
        headers=["欄位", "名稱", "型態", "說明"], rows=rows, filename="kaohsiung-cases-fields", fmt=fmt
    )
