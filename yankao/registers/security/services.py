"""Every write to the information-security programme: audits and findings, red-team tests,
maturity self-assessments, briefings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yankao.org.models import Agency
from yankao.registers.security.models import (
    AuditFinding,
    Auditor,
    AuditPlan,
    Briefing,
    MaturityAssessment,
    MaturityTarget,
    RedTeamExercise,
    SecurityAudit,
    TestedSystem,
)
from yankao.registers.security.permissions import can_manage_security, can_remediate


def _require(actor: Any) -> None:
    if not can_manage_security(actor):
        raise PermissionDenied("僅研考會可以管理資安稽核登錄")


def _save(obj: Any) -> Any:
    with transaction.atomic():
        obj.save()
    return obj


def plan_create(
    *, actor: Any, year: int, title: str, planned_audits: int, remainder_due: dt.date | None = None
) -> AuditPlan:
    _require(actor)
    if planned_audits < 1:
        raise ValidationError("規劃稽核場次須大於 0")
    if AuditPlan.objects.filter(year=year).exists():
        raise ValidationError(f"{year - 1911} 年度稽核計畫已建立")
    return _save(AuditPlan(year=year, title=title, planned_audits=planned_audits, remainder_due=remainder_due))


def auditor_add(*, actor: Any, plan: AuditPlan, name: str, kind: str, affiliation: str) -> Auditor:
    _require(actor)
    if kind not in Auditor.Kind.values:
        raise ValidationError("稽核團員類別須為機關資安人員、學界或業界專家")
    if not name.strip():
        raise ValidationError("請填寫姓名")
    return _save(Auditor(plan=plan, name=name.strip(), kind=kind, affiliation=affiliation.strip()))


def briefing_add(*, actor: Any, year: int, topic: str, held_on: dt.date, title: str, participants: int = 0) -> Briefing:
    _require(actor)
    if topic not in Briefing.Topic.values:
        raise ValidationError("未知的說明會類別")
    return _save(Briefing(year=year, topic=topic, held_on=held_on, title=title, participants=participants))


def audit_schedule(*, actor: Any, plan: AuditPlan, agency: Agency, scheduled_on: dt.date) -> SecurityAudit:
    _require(actor)
    if plan.audits.count() >= plan.planned_audits:
        raise ValidationError(f"已排定 {plan.planned_audits} 場，達計畫上限")
    return _save(SecurityAudit(plan=plan, agency=agency, scheduled_on=scheduled_on))


def audit_complete(
    *,
    actor: Any,
    audit: SecurityAudit,
    audited_on: dt.date,
    auditors: Iterable[Auditor],
    findings: Iterable[tuple[str, dt.date]] = (),
) -> SecurityAudit:
    """Record an on-site audit: who audited, and each finding with its remediation deadline."""
    _require(actor)
    auditors = list(auditors)
    if audit.status == SecurityAudit.Status.DONE:
        raise ValidationError("此場稽核已完成")
    if not auditors:
        raise ValidationError("請選擇稽核團員")
    if any(a.plan_id != audit.plan_id for a in auditors):
        raise ValidationError("稽核團員不屬於本年度計畫")
    with transaction.atomic():
        audit.audited_on, audit.status = audited_on, SecurityAudit.Status.DONE
        audit.save()
        audit.auditors.set(auditors)
        for description, due_on in findings:
            if due_on < audited_on:
                raise ValidationError("改善期限不可早於稽核日")
            AuditFinding(audit=audit, description=description, due_on=due_on).save()
    return audit


def finding_remediate(*, actor: Any, finding: AuditFinding, remediation: str) -> AuditFinding:
    """The audited agency reports its remediation."""
    if not can_remediate(actor, finding):
        raise PermissionDenied("只有受稽核機關可以填報改善措施")
    if finding.status == AuditFinding.Status.CLOSED:
        raise ValidationError("此發現事項已結案")
    if not remediation.strip():
        raise ValidationError("請填寫改善措施")
    finding.remediation = remediation.strip()
    return _save(finding)


def finding_close(*, actor: Any, finding: AuditFinding, closed_on: dt.date) -> AuditFinding:
    _require(actor)
    if not finding.remediation:
        raise ValidationError("機關尚未填報改善措施，不能結案")
    finding.status, finding.closed_on = AuditFinding.Status.CLOSED, closed_on
    return _save(finding)


def exercise_create(*, actor: Any, year: int, title: str, teams: int) -> RedTeamExercise:
    _require(actor)
    if teams < 1:
        raise ValidationError("紅隊數須大於 0")
    return _save(RedTeamExercise(year=year, title=title, teams=teams))


def system_test(
    *,
    actor: Any,
    exercise: RedTeamExercise,
    agency: Agency,
    name: str,
    team_no: int,
    tested_on: dt.date,
    weaknesses: int,
) -> TestedSystem:
    """第一階段初測 of one system."""
    _require(actor)
    if not 1 <= team_no <= exercise.teams:
        raise ValidationError(f"紅隊編號須為 1 到 {exercise.teams}")
    if weaknesses < 0:
        raise ValidationError("弱點數不可為負")
    if TestedSystem.objects.filter(exercise=exercise, name=name).exists():
        raise ValidationError(f"「{name}」已登錄")
    return _save(
        TestedSystem(
            exercise=exercise, agency=agency, name=name, team_no=team_no, tested_on=tested_on, weaknesses=weaknesses
        )
    )


def system_retest(*, actor: Any, system: TestedSystem, retested_on: dt.date, fixed: int) -> TestedSystem:
    """第二階段複測: passes only when every weakness found is fixed."""
    _require(actor)
    if not 0 <= fixed <= system.weaknesses:
        raise ValidationError(f"已修補數須介於 0 到 {system.weaknesses}")
    if retested_on < system.tested_on:
        raise ValidationError("複測日不可早於初測日")
    system.fixed, system.retested_on, system.retest_passed = fixed, retested_on, fixed == system.weaknesses
    return _save(system)


def maturity_record(
    *, actor: Any, year: int, agency: Agency, agency_class: str, level: int, assessed_on: dt.date
) -> MaturityAssessment:
    """A self-assessment; it keeps the target level in force for its class that year."""
    _require(actor)
    target = (
        MaturityTarget.objects.filter(agency_class=agency_class, year_from__lte=year).order_by("-year_from").first()
    )
    if target is None:
        raise ValidationError(f"資安責任等級 {agency_class} 沒有成熟度目標設定")
    if not 0 <= level <= 5:
        raise ValidationError("成熟度等級須為 Level 0 到 5")
    if MaturityAssessment.objects.filter(year=year, agency=agency).exists():
        raise ValidationError(f"{agency} 已登錄 {year - 1911} 年度自評")
    return _save(
        MaturityAssessment(
            year=year,
            agency=agency,
            agency_class=agency_class,
            level=level,
            target_level=target.target_level,
            assessed_on=assessed_on,
        )
    )
