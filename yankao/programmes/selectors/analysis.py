"""Delay status and the monthly analysis (月分析報告): counts per agency, the behind list with its
reasons, budget execution and trends — everything computed from the counted monthly reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
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


def behind_streaks(
    *,
    month: dt.date,
    programme_ids: set[int] | None = None,
    programmes: QuerySet[Programme] | None = None,
    depth: int = 3,
) -> dict[int, int]:
    """Programme → how many months running (up to `depth`) it has been behind, ending at `month`."""
    months = [add_months(month, -i) for i in range(depth)]
    qs = MonthlyReport.objects.filter(
        month__in=months, status__in=MonthlyReport.COUNTED, delay_level__in=BEHIND
    ).order_by()
    if programme_ids is not None:
        qs = qs.filter(programme_id__in=programme_ids)
    if programmes is not None:
        qs = qs.filter(programme__in=programmes.values("pk"))
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
    running / 3 or more), seriously behind, low execution, money allocated and spent.

    Counted in SQL per agency (no per-report rows), so a month of thousands of programmes stays quick."""
    programmes = _scoped(programmes_in_month(month), agency_ids)
    owed = {
        pk: (agency_id, due_day)
        for pk, agency_id, due_day in programmes.values_list("pk", "lead_agency_id", "report_due_day")
    }
    reports = counted_reports(month).filter(programme__in=programmes.values("pk"))
    rows: dict[int, dict[str, Any]] = defaultdict(_empty_row)
    for agency_id, _due in owed.values():
        rows[agency_id]["programmes"] += 1
    figures = reports.values("programme__lead_agency_id").annotate(
        reported=Count("pk"),
        late=Count("pk", filter=Q(is_late=True)),
        behind=Count("pk", filter=Q(delay_level__in=BEHIND)),
        serious=Count("pk", filter=Q(delay_level=Level.SERIOUS)),
        low_execution=Count("pk", filter=Q(low_execution=True)),
        allocated=Sum("budget_allocated"),
        spent=Sum("budget_spent"),
    )
    for f in figures:
        row = rows[f["programme__lead_agency_id"]]
        for key in ("reported", "late", "behind", "serious", "low_execution"):
            row[key] = f[key]
        row["allocated"], row["spent"] = f["allocated"] or Decimal(0), f["spent"] or Decimal(0)
    reported = set(reports.values_list("programme_id", flat=True))
    due_dates: dict[int, dt.date] = {}
    for pid in owed.keys() - reported:
        agency_id, due_day = owed[pid]
        due = due_dates.get(due_day) or due_dates.setdefault(due_day, report_due_date(month, due_day))
        if today > due:
            rows[agency_id]["missing"] += 1
    for pid, streak in behind_streaks(month=month).items():
        if pid in owed:
            rows[owed[pid][0]]["behind_2" if streak == 2 else "behind_3plus" if streak >= 3 else "behind_1"] += 1
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


@dataclass
class BehindRow:
    """One programme behind plan in a month, flat for lists and documents (no model instances:
    the monthly analysis may list hundreds of them)."""

    report_id: int
    programme_id: int
    code: str
    name: str
    agency: str
    planned_pct: Decimal
    actual_pct: Decimal
    behind_pp: Decimal
    delay_level: str
    reason: str
    delay_note: str
    countermeasure: str
    streak: int = 1

    @property
    def level_label(self) -> str:
        return str(Level(self.delay_level).label)


def behind_list(*, month: dt.date, agency_ids: set[int] | None = None, limit: int | None = None) -> list[BehindRow]:
    """落後計畫: counted reports of `month` behind plan, worst first (the first `limit`), each with
    its `streak` (months running, up to 12)."""
    qs = counted_reports(month).filter(delay_level__in=BEHIND)
    if agency_ids is not None:
        qs = qs.filter(programme__lead_agency_id__in=agency_ids)
    flat = qs.order_by("-behind_pp", "programme__code").values_list(
        "pk",
        "programme_id",
        "programme__code",
        "programme__name",
        "programme__lead_agency__short_name",
        "programme__lead_agency__name",
        "planned_pct",
        "actual_pct",
        "behind_pp",
        "delay_level",
        "delay_reason__code",
        "delay_reason__name",
        "delay_note",
        "countermeasure",
    )
    rows: list[BehindRow] = []
    values: Any = flat[:limit] if limit else flat
    for v in values:
        pk, pid, code, name, short, full, planned, actual, behind, level, rcode, rname, note, counter = v
        reason = f"{rcode} {rname}" if rcode else ""
        rows.append(
            BehindRow(pk, pid, code, name, short or full, planned, actual, behind, level, reason, note, counter)
        )
    streaks = behind_streaks(month=month, programme_ids={r.programme_id for r in rows}, depth=12)
    for row in rows:
        row.streak = streaks.get(row.programme_id, 1)
    return rows


def delay_reason_counts(*, month: dt.date, agency_ids: set[int] | None = None) -> list[tuple[str, int]]:
    qs = counted_reports(month).filter(delay_level__in=BEHIND)
    if agency_ids is not None:
        qs = qs.filter(programme__lead_agency_id__in=agency_ids)
    rows = qs.values("delay_reason__code", "delay_reason__name").annotate(n=Count("pk")).order_by("-n")
    return [(f"{r['delay_reason__code'] or ''} {r['delay_reason__name'] or '未填'}".strip(), r["n"]) for r in rows]


def trend(*, month: dt.date, months: int = 12, agency_ids: set[int] | None = None) -> list[dict[str, Any]]:
    """Month by month up to `month` (same ROC year only): reported, behind, serious, execution rate."""
    first = max(add_months(month, -(months - 1)), month.replace(month=1))
    wanted = [add_months(first, i) for i in range((month.year - first.year) * 12 + month.month - first.month + 1)]
    # months listed (not a range) so that the planner uses the (month, status, …) covering index
    qs = MonthlyReport.objects.filter(month__in=wanted, status__in=MonthlyReport.COUNTED)
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
            "code": r.code,
            "name": r.name,
            "agency": r.agency,
            "planned_pct": str(r.planned_pct),
            "actual_pct": str(r.actual_pct),
            "behind_pp": str(r.behind_pp),
            "level": r.level_label,
            "streak": r.streak,
            "reason": r.reason,
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
