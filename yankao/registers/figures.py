"""Every figure of the 113 report's register sections, read through the registers' selectors.

The annual-report app should call the selectors themselves (listed in docs/registers.md); this
module gathers them for the figures API and the demo test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from yankao.org.models import Agency
from yankao.registers.council import selectors as council
from yankao.registers.doctime import selectors as doctime
from yankao.registers.events import selectors as events
from yankao.registers.overseas import selectors as overseas
from yankao.registers.quality import selectors as quality
from yankao.registers.research import selectors as research
from yankao.registers.risks import selectors as risks
from yankao.registers.security import selectors as security
from yankao.registers.workreports import selectors as workreports


def _commission_id() -> int | None:
    agency = Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, kind=Agency.Kind.COMMISSION).first()
    return agency.pk if agency else None


def register_figures(*, year: int, council_term: int = 4, council_number: int = 3) -> dict[str, Any]:
    """The figures for `year` (Gregorian); the council session is the one the report names."""
    session = council.session_by_label(term=council_term, number=council_number)
    rdec = _commission_id() or 0
    presidents = events.event_list(year=year, series="presidents").first()
    net_zero_unis = events.event_list(year=year, series="net_zero_universities").first()
    progress = security.audit_progress(year=year)
    red = security.red_team_figures(year=year)
    visits = doctime.visit_figures(year=year)
    return {
        "council": {
            "session": str(session) if session else None,
            "total": council.proposal_total(session=session) if session else 0,
            "by_category": dict(council.proposal_counts_by_category(session=session)) if session else {},
            "reported_on_time": council.session_reported_on_time(session=session) if session else None,
        },
        "doctime": {
            "categories": doctime.category_count(),
            "months_analysed": doctime.months_analysed(year=year),
            "visit_first_day": _iso(visits.first_day),
            "visit_last_day": _iso(visits.last_day),
            "visit_report_sent_on": _iso(visits.report_sent_on),
            "agencies_visited": visits.agencies,
        },
        "risks": {
            "total": risks.risk_total(agency_id=rdec, year=year),
            "before": risks.risk_counts_for(agency_id=rdec, year=year, stage=risks.BEFORE),
            "after": risks.risk_counts_for(agency_id=rdec, year=year, stage=risks.AFTER),
            "lowered": risks.risks_lowered(agency_id=rdec, year=year),
        },
        "phone_test": {
            "agencies": quality.plan_agency_count(year=year),
            "calls_first_half": quality.round_call_count(year=year, half=1),
            "calls_second_half": quality.round_call_count(year=year, half=2),
            "samples": quality.sample_count(year=year),
            "city_score_first_half": _str(quality.city_score(year=year, half=1)),
            "city_score_second_half": _str(quality.city_score(year=year, half=2)),
        },
        "service_award_winners": [list(w) for w in quality.award_winners(year=year)],
        "research": {
            "completed": [[y - 1911, t, _iso(d)] for y, t, d in research.completed_in(year=year)],
            "midterm_reviews": [
                [y - 1911, t, _iso(d)] for y, t, d in research.reviews_held_in(year=year, kind="midterm")
            ],
        },
        "overseas": {
            "published": overseas.reports_published(year=year),
            "recommendations": overseas.recommendation_counts(year=year),
        },
        "security": {
            "audits_planned": progress.planned,
            "audits_done": progress.done,
            "audits_percent": progress.percent_whole,
            "audits_remaining": progress.remaining,
            "auditors": security.auditor_count(year=year)["total"],
            "audit_briefings": security.briefing_count(year=year, topic="audit"),
            "maturity_briefings": security.briefing_count(year=year, topic="maturity_briefing"),
            "maturity_coaching": security.briefing_count(year=year, topic="maturity_coaching"),
            "red_teams": red.teams,
            "red_team_systems": red.systems,
            "red_team_retest_passed": red.retest_passed,
            "maturity": {
                f.agency_class: [f.target_level, f.at_target, f.assessed] for f in security.maturity_figures(year=year)
            },
            "maturity_share": _str(security.maturity_share_at_target(year=year)),
        },
        "events": {
            "cross_strait_courses": events.event_count(year=year, series="cross_strait"),
            "presidents_meeting_on": _iso(presidents.held_on) if presidents else None,
            "presidents_universities": events.partner_count(event=presidents) if presidents else 0,
            "presidents_topics": events.topic_count(event=presidents) if presidents else 0,
            "net_zero_training": events.event_count(year=year, series="net_zero", kinds=["class", "workshop"]),
            "net_zero_training_participants": events.participants_total(
                year=year, series="net_zero", kinds=["class", "workshop"]
            ),
            "net_zero_forum_participants": events.participants_total(year=year, series="net_zero", kinds=["forum"]),
            "net_zero_universities": events.partner_count(event=net_zero_unis) if net_zero_unis else 0,
            "service_courses": events.event_count(year=year, series="service"),
        },
        "work_reports_sent": workreports.compilations_sent(year=year),
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
