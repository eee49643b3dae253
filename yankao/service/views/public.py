"""The citizen site: file a case, get its number, follow it, answer the survey. No personal data shown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from yankao.org.permissions import is_citizen
from yankao.service import selectors, services
from yankao.service.forms import CaseFileForm, SurveyForm, TrackForm
from yankao.service.models import Survey
from yankao.service.views.common import add_errors

FILED_SESSION_KEY = "service_filed"


@require_http_methods(["GET", "POST"])
def file_case(request: HttpRequest) -> HttpResponse:
    """線上陳情／報案: anyone may file; a signed-in citizen's case is linked to their account."""
    form = CaseFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_create(
                actor=request.user,
                channel="digital_citizen",
                category=data["category"],
                description=data["description"],
                address=data["address"],
                lat=data["lat"],
                lng=data["lng"],
                citizen=request.user if is_citizen(request.user) else None,
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                reply_channel=data["reply_channel"],
                may_contact=data["may_contact"],
                attachments=data["photos"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            request.session[FILED_SESSION_KEY] = {"number": case.number, "code": case.verification_code}
            return redirect("service:filed")
    return render(request, "service/file_case.html", {"form": form})


def filed(request: HttpRequest) -> HttpResponse:
    """The number and verification code, shown once after filing."""
    data = request.session.get(FILED_SESSION_KEY)
    if not data:
        return redirect("service:file_case")
    case = selectors.case_public_status(number=data["number"], code=data["code"])
    return render(request, "service/filed.html", {"case": case, "code": data["code"]})


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """案件查詢 by number and verification code: status and reply only, never personal data."""
    form = TrackForm(request.POST or None)
    case = None
    if request.method == "POST" and form.is_valid():
        case = selectors.case_public_status(number=form.cleaned_data["number"], code=form.cleaned_data["code"])
        if case is None:
            form.add_error(None, "案號或查詢碼不正確。")
    return render(request, "service/track.html", {"form": form, "case": case})


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    found = Survey.objects.select_related("case").filter(token=token).first()
    if found is None:
        raise Http404("找不到此滿意度調查")
    form = SurveyForm(request.POST or None)
    if found.answered_at is None and request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(
                token=token,
                satisfied=form.cleaned_data["satisfied"],
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "感謝您回覆滿意度調查。")
            return redirect(reverse("service:survey", args=[token]))
    return render(request, "service/survey.html", {"survey": found, "form": form})


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """我的案件: the cases filed while signed in."""
    cases = selectors.case_list_for(user=request.user)[:200] if is_citizen(request.user) else []
    return render(request, "service/my_cases.html", {"cases": cases})


@login_required
def my_case(request: HttpRequest, number: str) -> HttpResponse:
    if not is_citizen(request.user):
        raise Http404
    case = selectors.case_list_for(user=request.user).filter(number=number).first()
    if case is None:
        raise Http404("找不到此案件")
    return render(
        request,
        "service/my_case.html",
        {"case": case, "timeline": selectors.case_timeline(case), "survey": getattr(case, "survey", None)},
    )
