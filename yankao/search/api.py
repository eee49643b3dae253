"""JSON API: GET /search/api/?q=… (hits), GET /search/api/answer/?q=… (an answer with its sources)."""

from __future__ import annotations

from dataclasses import asdict

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from yankao.search import answers, selectors
from yankao.search.views import PAGE_SIZE, parse_search


@require_GET
def search(request: HttpRequest) -> JsonResponse:
    query, filters, page = parse_search(request.GET)
    mode = request.GET.get("mode", "hybrid")
    if mode not in ("hybrid", "fulltext", "vector"):
        return JsonResponse({"error": "mode 須為 hybrid、fulltext 或 vector"}, status=400)
    results = selectors.search(query=query, filters=filters, mode=mode, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return JsonResponse(
        {"query": query, "page": page, "mode": mode, "hits": [h.as_dict() for h in results.hits]},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def answer(request: HttpRequest) -> JsonResponse:
    query, filters, _ = parse_search(request.GET)
    results = selectors.search(query=query, filters=filters, limit=5)
    reply = answers.answer_compose(query, results.hits)
    return JsonResponse(
        {
            "query": query,
            "answer": reply.text,
            "generated": reply.generated,
            "note": reply.note,
            "sources": [asdict(s) for s in reply.sources],
        },
        json_dumps_params={"ensure_ascii": False},
    )
