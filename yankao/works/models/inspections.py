"""工程施工查核: unannounced inspections, the committee's scores, coded defects, photos,
re-inspections (複查) and the follow-up of 丙等 results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency

from .projects import Project
from .rules import DefectCode, Party


class Inspection(AuditedModel):
    class Kind(models.TextChoices):
        REGULAR = "regular", "查核"
        REINSPECTION = "reinspection", "複查"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        FINAL = "final", "已定稿"

    number = models.CharField("查核編號", max_length=30, unique=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="inspections")
    # copied from the project at the time of inspection, for scoping and statistics
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="主辦機關")
    tier = models.CharField("工程規模級距", max_length=12)
    kind = models.CharField("類別", max_length=14, choices=Kind.choices, default=Kind.REGULAR)
    follow_up_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reinspections", verbose_name="原查核"
    )
    inspected_on = models.DateField("查核日期")
    unannounced = models.BooleanField("不預先通知", default=True)
    progress_planned_pct = models.DecimalField("預定進度（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    progress_actual_pct = models.DecimalField("實際進度（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    summary = models.TextField("查核意見", blank=True)
    score = models.DecimalField("查核成績", max_digits=5, decimal_places=2, null=True, blank=True)
    grade = models.CharField("等第", max_length=10, blank=True)  # copied from the GradeBand in force
    needs_follow_up = models.BooleanField("丙等追蹤", default=False)
    status = models.CharField("狀態", max_length=8, choices=Status.choices, default=Status.DRAFT)
    finalised_at = models.DateTimeField("定稿時間", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = verbose_name_plural = "工程施工查核"
        ordering = ["-inspected_on", "-number"]
        indexes = [models.Index(fields=["inspected_on"]), models.Index(fields=["agency", "inspected_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)), name="works_insp_score_0_100"
            ),
            models.CheckConstraint(
                condition=Q(kind="regular", follow_up_of__isnull=True)
                | Q(kind="reinspection", follow_up_of__isnull=False),
                name="works_reinspection_has_original",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.project.name}"


class InspectionMember(AuditedModel):
    """A member of the inspection committee (查核小組) at one visit, with the score given."""

    class Role(models.TextChoices):
        LEADER = "leader", "領隊"
        MEMBER = "member", "府內委員"
        EXTERNAL = "external", "外聘委員"
        STAFF = "staff", "工作人員"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("姓名", max_length=60)
    role = models.CharField("職務", max_length=10, choices=Role.choices, default=Role.MEMBER)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.DecimalField("評分", max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "查核委員"
        ordering = ["inspection", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)), name="works_member_score_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class Defect(AuditedModel):
    """A coded defect found at an inspection, charged to a party, to be improved by a date."""

    class Severity(models.TextChoices):
        MINOR = "minor", "一般缺失"
        MAJOR = "major", "重大缺失"

    class Status(models.TextChoices):
        OPEN = "open", "待改善"
        ANSWERED = "answered", "機關已回復"
        ACCEPTED = "accepted", "書面審查結案"
        CLOSED = "closed", "複查結案"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="defects")
    code = models.ForeignKey(DefectCode, on_delete=models.PROTECT, related_name="defects", verbose_name="缺失代碼")
    party = models.CharField("責任歸屬", max_length=12, choices=Party.choices)
    severity = models.CharField("嚴重程度", max_length=8, choices=Severity.choices, default=Severity.MINOR)
    description = models.TextField("缺失說明")
    points = models.PositiveSmallIntegerField("扣點")  # copied from the code, doubled for a major defect
    improve_by = models.DateField("改善期限")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.OPEN)
    reply = models.TextField("改善情形", blank=True)
    replied_at = models.DateTimeField("回復時間", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_by = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, null=True, blank=True, related_name="closed_defects"
    )
    closed_on = models.DateField("結案日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "查核缺失"
        ordering = ["inspection", "code__code", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_by__isnull=False), name="works_closed_defect_has_reinspection"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code.code} {self.description[:30]}"

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.ACCEPTED)


def photo_path(instance: Photo, filename: str) -> str:
    return f"works/photos/{instance.inspection_id or 'reports'}/{filename}"


class Photo(AuditedModel):
    """A site photo of an inspection (optionally of one defect) or of a 全民督工 report."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="photos")
    defect = models.ForeignKey(Defect, on_delete=models.CASCADE, null=True, blank=True, related_name="photos")
    report = models.ForeignKey(
        "works.CitizenReport", on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    image = models.FileField("照片", upload_to=photo_path)
    caption = models.CharField("說明", max_length=200, blank=True)
    content_type = models.CharField(max_length=40)

    class Meta:
        verbose_name = verbose_name_plural = "照片"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inspection__isnull=False) | Q(report__isnull=False), name="works_photo_has_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class FollowUpAction(AuditedModel):
    """丙等 follow-up: a notice, a penalty under the contract, a hearing, a transfer to audit."""

    class Kind(models.TextChoices):
        NOTICE = "notice", "函送改善通知"
        PENALTY = "penalty", "依契約扣罰"
        PERSONNEL = "personnel", "相關人員懲處"
        OTHER = "other", "其他處置"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField("處置", max_length=10, choices=Kind.choices)
    taken_on = models.DateField("日期")
    amount = models.DecimalField("金額（元）", max_digits=12, decimal_places=0, null=True, blank=True)
    note = models.TextField("說明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "丙等追蹤處置"
        ordering = ["inspection", "taken_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.taken_on}"
