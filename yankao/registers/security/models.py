"""資通安全: on-site audits of the agencies' security maintenance plans, red-team exercises, and
maturity self-assessments (資安治理成熟度評估)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class AuditPlan(AuditedModel):
    """資通安全維護計畫實施情形稽核: the year's plan of N on-site audits."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("計畫名稱", max_length=200)
    planned_audits = models.PositiveIntegerField("規劃稽核場次")
    remainder_due = models.DateField("未完成場次預定完成日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "資安稽核計畫"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class Auditor(AuditedModel):
    """稽核團員 of the 產官學稽核團."""

    class Kind(models.TextChoices):
        STAFF = "staff", "機關資安人員"
        ACADEMIC = "academic", "學界專家"
        INDUSTRY = "industry", "業界專家"

    plan = models.ForeignKey(AuditPlan, on_delete=models.CASCADE, related_name="auditors")
    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("類別", max_length=10, choices=Kind.choices)
    affiliation = models.CharField("服務單位", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "稽核團員"
        ordering = ["plan", "kind", "pk"]

    def __str__(self) -> str:
        return self.name


class Briefing(AuditedModel):
    """說明會 / 輔導: briefings for auditors, and maturity-assessment sessions."""

    class Topic(models.TextChoices):
        AUDIT = "audit", "稽核說明會"
        MATURITY_BRIEFING = "maturity_briefing", "成熟度評估說明會"
        MATURITY_COACHING = "maturity_coaching", "成熟度評估輔導"

    year = models.PositiveSmallIntegerField("年度")
    topic = models.CharField("類別", max_length=20, choices=Topic.choices)
    held_on = models.DateField("日期")
    title = models.CharField("名稱", max_length=200)
    participants = models.PositiveIntegerField("參加人數", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "資安說明會及輔導"
        ordering = ["year", "held_on"]

    def __str__(self) -> str:
        return self.title


class SecurityAudit(AuditedModel):
    """One on-site audit of one agency."""

    class Status(models.TextChoices):
        PLANNED = "planned", "已排定"
        DONE = "done", "已完成"

    plan = models.ForeignKey(AuditPlan, on_delete=models.CASCADE, related_name="audits")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="security_audits")
    scheduled_on = models.DateField("排定日")
    audited_on = models.DateField("稽核日", null=True, blank=True)
    auditors = models.ManyToManyField(Auditor, related_name="audits", blank=True, verbose_name="稽核團員")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        verbose_name = verbose_name_plural = "資安實地稽核"
        ordering = ["plan", "scheduled_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status="planned") | Q(audited_on__isnull=False), name="audit_done_dated")
        ]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.scheduled_on}"


class AuditFinding(AuditedModel):
    """A finding and its remediation, open until closed."""

    class Status(models.TextChoices):
        OPEN = "open", "改善中"
        CLOSED = "closed", "已結案"

    audit = models.ForeignKey(SecurityAudit, on_delete=models.CASCADE, related_name="findings")
    description = models.TextField("發現事項")
    remediation = models.TextField("改善措施", blank=True)
    due_on = models.DateField("改善期限")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField("結案日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "稽核發現"
        ordering = ["audit", "pk"]

    def __str__(self) -> str:
        return self.description[:40]


class RedTeamExercise(AuditedModel):
    """資安紅藍隊攻防演練."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名稱", max_length=200)
    teams = models.PositiveSmallIntegerField("紅隊數")

    class Meta:
        verbose_name = verbose_name_plural = "紅藍隊攻防演練"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class TestedSystem(AuditedModel):
    """A system or host tested in the first stage, and whether the re-test confirmed the fixes."""

    exercise = models.ForeignKey(RedTeamExercise, on_delete=models.CASCADE, related_name="systems")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="red_team_systems")
    name = models.CharField("系統名稱", max_length=200)
    team_no = models.PositiveSmallIntegerField("紅隊編號")
    tested_on = models.DateField("初測日")
    weaknesses = models.PositiveSmallIntegerField("弱點數", default=0)
    fixed = models.PositiveSmallIntegerField("已修補", default=0)
    retested_on = models.DateField("複測日", null=True, blank=True)
    retest_passed = models.BooleanField("複測確認改善", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "演練受測系統"
        ordering = ["exercise", "team_no", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(fixed__lte=models.F("weaknesses")), name="fixed_le_weaknesses"),
            models.UniqueConstraint(fields=["exercise", "name"], name="tested_system_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class MaturityTarget(AuditedModel):
    """The level each class of agency (資安責任等級 B, C) should reach; versioned by year."""

    year_from = models.PositiveSmallIntegerField("適用年度起")
    agency_class = models.CharField("資安責任等級", max_length=1)
    target_level = models.PositiveSmallIntegerField("目標等級")
    goal_share = models.DecimalField("達成比率目標（%）", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = verbose_name_plural = "成熟度目標"
        ordering = ["agency_class", "-year_from"]
        constraints = [models.UniqueConstraint(fields=["year_from", "agency_class"], name="maturity_target_unique")]

    def __str__(self) -> str:
        return f"{self.agency_class} 級 Level {self.target_level}"


class MaturityAssessment(AuditedModel):
    """One agency's self-assessment; it keeps the target it was measured against."""

    year = models.PositiveSmallIntegerField("年度")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="maturity_assessments")
    agency_class = models.CharField("資安責任等級", max_length=1)
    level = models.PositiveSmallIntegerField("自評等級")
    target_level = models.PositiveSmallIntegerField("目標等級")
    assessed_on = models.DateField("自評日")

    class Meta:
        verbose_name = verbose_name_plural = "成熟度自評"
        ordering = ["year", "agency_class", "agency__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["year", "agency"], name="maturity_once_a_year"),
            models.CheckConstraint(condition=Q(level__lte=5), name="maturity_level_max"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} Level {self.level}"

    @property
    def at_target(self) -> bool:
        return self.level >= self.target_level
