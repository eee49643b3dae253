"""Search pages: the public search (everyone) and the sources (研考會)."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yankao.search import answers, selectors, services, tasks
from yankao.search.forms import SearchForm, SourceEditForm, SourceForm
from yankao.search.models import Source
from yankao.search.permissions import can_manage_sources

PAGE_SIZE = 10


def _commission_only(view: Any) -> Any:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_manage_sources(request.user):
            raise PermissionDenied("僅研考會可以管理搜尋來源")
        return view(request, *args, **kwargs)

    return wrapper


def parse_search(data: Any) -> tuple[str, selectors.Filters, int]:
    form = SearchForm(data)
    if not form.is_valid():
        return str(data.get("q", ""))[:200], selectors.Filters(), 1
    c = form.cleaned_data
    filters = selectors.Filters(
        agency_id=c["agency"].pk if c["agency"] else None,
        type=c["type"],
        date_from=c["date_from"],
        date_to=c["date_to"],
    )
    try:
        page = max(1, min(int(data.get("page", 1)), 10))
    except ValueError:
        page = 1
    return c["q"], filters, page


def search(request: HttpRequest) -> HttpResponse:
    """跨機關搜尋: results, and an answer from the best passages (or the city's language model)."""
    form = SearchForm(request.GET or None)
    query, filters, page = parse_search(request.GET)
    results = (
        selectors.search(query=query, filters=filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        if query
        else None
    )
    answer = None
    if results and results.hits and page == 1:
        answer = (
            answers.answer_compose(query, results.hits)
            if request.GET.get("answer")
            else answers.passages_answer(results.hits)
        )
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "answer": answer,
            "llm": answers.configured(),
            "page": page,
            "next_page": page + 1 if results and len(results.hits) == PAGE_SIZE and page < 10 else None,
        },
    )


@_commission_only
def sources(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.source_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"已新增搜尋來源「{source.name}」")
            return redirect("search:sources")
    return render(
        request,
        "search/sources.html",
        {"form": form, "sources": selectors.source_list(), "stats": selectors.index_stats()},
    )


@_commission_only
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a source or 停用/啟用 it; invalid input gives the form again with HTTP 400."""
    source = get_object_or_404(Source.objects.select_related("agency"), pk=pk)
    form = SourceEditForm(request.POST or None, source=source)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.source_update(actor=request.user, source=source, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"已更新搜尋來源「{source.name}」")
                return redirect("search:sources")
        source.refresh_from_db()  # the heading shows what is saved, not the rejected input
        return render(request, "search/source_edit.html", {"form": form, "source": source}, status=400)
    return render(request, "search/source_edit.html", {"form": form, "source": source})


@_commission_only
@require_POST
def source_crawl(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    if source.kind == Source.Kind.RECORDS:
        tasks.search_index_records.enqueue()
    else:
        tasks.search_crawl_source.enqueue(source.pk)
    messages.success(request, f"已排入更新：{source.name}（進度見工作頁）")
    return redirect("search:sources")
