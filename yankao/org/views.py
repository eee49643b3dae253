from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from yankao.core.audit import history_for
from yankao.org import permissions, selectors
from yankao.org.models import User


def agency_directory(request: HttpRequest) -> HttpResponse:
    """機關名錄: public."""
    from django.conf import settings

    agencies = selectors.agency_list(city_code=settings.YANKAO_CITY_CODE)
    return render(request, "org/agency_directory.html", {"agencies": agencies})


@login_required
def staff_directory(request: HttpRequest) -> HttpResponse:
    if not permissions.is_staff_member(request.user):
        raise PermissionDenied("此頁僅限機關人員使用")
    return render(request, "org/staff_directory.html", {"staff": selectors.staff_list_for(request.user)})


@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(selectors.staff_list_for(request.user), pk=pk)
    return render(request, "org/staff_detail.html", {"person": person, "history": history_for(person)[:100]})


__all__ = ["User", "agency_directory", "staff_detail", "staff_directory"]
