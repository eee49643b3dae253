"""Delay status and the monthly analysis (月分析報告): counts per agency, the behind list with its
reasons, budget execution and trends — everything computed from the counted monthly reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from yankao.org.models import Agency
from yankao.programmes.models import MonthlyReport, Programme
from yankao.programmes.months import add_months, report_due_date

from .programmes import counted_reports, programmes_in_month

Level = MonthlyReport.DelayLevel
BEHIND = (Level.WARNING, Level.SERIOUS)
HUNDRED = Decimal(100)


def rate(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """part / whole in %, two places, half-up; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part or 0) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def behind_streaks(*, month: dt.date, programme_ids: set[int] | None = None, depth: int = 3) -> dict[int, int]:
    """Programme → how many months running (up to `depth`) it has been behind, ending at `month`."""
    months = [add_months(month, -i) for i in range(depth)]
    qs = MonthlyReport.objects.filter(month__in=months, status__in=MonthlyReport.COUNTED, delay_level__in=BEHIND)
    if programme_ids is not None:
        qs = qs.filter(programme_id__in=programme_ids)
    behind: dict[int, set[dt.date]] = defaultdict(set)
    for pid, m in qs.values_list("programme_id", "month"):
        behind[pid].add(m)
    streaks = {}
    for pid, held in behind.items():
        n = 0
        while n < depth and months[n] in held:
            n += 1
        if n:
            streaks[pid] = n
    return streaks


def _scoped(qs: QuerySet[Programme], agency_ids: set[int] | None) -> QuerySet[Programme]:
    return qs if agency_ids is None else qs.filter(lead_agency_id__in=agency_ids)


def agency_status(*, month: dt.date, today: dt.date, agency_ids: set[int] | None = None) -> list[dict[str, Any]]:
    """One row per lead agency: programmes, reported, missing, late, behind (this month / 2 months
    running / 3 or more), seriously behind, low execution, money allocated and spent."""
    programmes = _scoped(programmes_in_month(month), agency_ids)
    due_days = dict(programmes.values_list("pk", "report_due_day"))
    owed = dict(programmes.values_list("pk", "lead_agency_id"))
    reports = counted_reports(month).filter(programme_id__in=owed.keys())
    rows: dict[int, dict[str, Any]] = defaultdict(_empty_row)
    for agency_id in owed.values():
        rows[agency_id]["programmes"] += 1
    reported: set[int] = set()
    for r in reports.values(
        "programme_id", "delay_level", "is_late", "low_execution", "budget_allocated", "budget_spent"
    ):
        row = rows[owed[r["programme_id"]]]
        reported.add(r["programme_id"])
        row["reported"] += 1
        row["late"] += r["is_late"]
        row["behind"] += r["delay_level"] in BEHIND
        row["serious"] += r["delay_level"] == Level.SERIOUS
        row["low_execution"] += r["low_execution"]
        row["allocated"] += r["budget_allocated"]
        row["spent"] += r["budget_spent"]
    for pid in owed.keys() - reported:
        if today > report_due_date(month, due_days[pid]):
            rows[owed[pid]]["missing"] += 1
    for pid, streak in behind_streaks(month=month, programme_ids=set(owed)).items():
        rows[owed[pid]]["behind_2" if streak == 2 else "behind_3plus" if streak >= 3 else "behind_1"] += 1
    agencies = Agency.objects.in_bulk(list(rows))
    out = []
    for agency_id, row in rows.items():
        row["agency"] = agencies[agency_id]
        row["execution_rate"] = rate(row["spent"], row["allocated"])
        out.append(row)
    return sorted(out, key=lambda r: (r["agency"].sort_order, r["agency"].code))


def _empty_row() -> dict[str, Any]:
    keys = ("programmes", "reported", "missing", "late", "behind", "serious", "behind_1", "behind_2")
    row: dict[str, Any] = dict.fromkeys(keys, 0)
    row.update(behind_3plus=0, low_execution=0, allocated=Decimal(0), spent=Decimal(0))
    return row


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = _empty_row()
    for row in rows:
        for key in total:
            total[key] += row[key]
    total["execution_rate"] = rate(total["spent"], total["allocated"])
    return total


def behind_list(*, month: dt.date, agency_ids: set[int] | None = None) -> list[MonthlyReport]:
    """落後計畫: counted reports of `month` behind plan, worst first, each with `streak` set."""
    qs = counted_reports(month).filter(delay_level__in=BEHIND)
    if agency_ids is not None:
        qs = qs.filter(programme__lead_agency_id__in=agency_ids)
    reports = list(
        qs.select_related("programme", "programme__lead_agency", "delay_reason").order_by(
            "-behind_pp", "programme__code"
        )
    )
    streaks = behind_streaks(month=month, programme_ids={r.programme_id for r in reports}, depth=12)
    for report in reports:
        report.streak = streaks.get(report.programme_id, 1)  # type: ignore[attr-defined]
    return reports


def delay_reason_counts(*, month: dt.date, agency_ids: set[int] | None = None) -> list[tuple[str, int]]:
    qs = counted_reports(month).filter(delay_level__in=BEHIND)
    if agency_ids is not None:
        qs = qs.filter(programme__lead_agency_id__in=agency_ids)
    rows = qs.values("delay_reason__code", "delay_reason__name").annotate(n=Count("pk")).order_by("-n")
    return [(f"{r['delay_reason__code'] or ''} {r['delay_reason__name'] or '未填'}".strip(), r["n"]) for r in rows]


def trend(*, month: dt.date, months: int = 12, agency_ids: set[int] | None = None) -> list[dict[str, Any]]:
    """Month by month up to `month` (same ROC year only): reported, behind, serious, execution rate."""
    first = max(add_months(month, -(months - 1)), month.replace(month=1))
    qs = MonthlyReport.objects.filter(month__gte=first, month__lte=month, status__in=MonthlyReport.COUNTED)
    if agency_ids is not None:
        qs = qs.filter(programme__lead_agency_id__in=agency_ids)
    rows = (
        qs.values("month")
        .annotate(
            reported=Count("pk"),
            behind=Count("pk", filter=Q(delay_level__in=BEHIND)),
            serious=Count("pk", filter=Q(delay_level=Level.SERIOUS)),
            allocated=Sum("budget_allocated"),
            spent=Sum("budget_spent"),
        )
        .order_by("month")
    )
    return [{**row, "execution_rate": rate(row["spent"], row["allocated"])} for row in rows]


def programme_delay_status(programme: Programme) -> MonthlyReport | None:
    """The programme's latest counted report (its delay status is that report's)."""
    return (
        programme.reports.filter(status__in=MonthlyReport.COUNTED)
        .select_related("delay_reason")
        .order_by("-month")
        .first()
    )


def monthly_analysis(*, month: dt.date, today: dt.date | None = None) -> dict[str, Any]:
    """The figures of the monthly analysis report, JSON-ready (stored by `analysis_generate`)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    agencies = agency_status(month=month, today=today)
    total = totals(agencies)

    def plain(row: dict[str, Any]) -> dict[str, Any]:
        out = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items() if k != "agency"}
        if "agency" in row:
            out["agency"] = row["agency"].short_name or row["agency"].name
        return out

    behind = [
        {
            "code": r.programme.code,
            "name": r.programme.name,
            "agency": r.programme.lead_agency.short_name or r.programme.lead_agency.name,
            "planned_pct": str(r.planned_pct),
            "actual_pct": str(r.actual_pct),
            "behind_pp": str(r.behind_pp),
            "level": r.get_delay_level_display(),
            "streak": r.streak,  # type: ignore[attr-defined]
            "reason": str(r.delay_reason or ""),
            "note": r.delay_note,
            "countermeasure": r.countermeasure,
        }
        for r in behind_list(month=month)
    ]
    return {
        "month": month.isoformat(),
        "agencies": [plain(r) for r in agencies],
        "total": plain(total),
        "behind": behind,
        "reasons": delay_reason_counts(month=month),
        "trend": [plain({**r, "month": r["month"].isoformat()}) for r in trend(month=month)],
    }
