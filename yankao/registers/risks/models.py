"""風險管理: the risk register of 行政院「風險管理及危機處理作業原則」 — scales, matrix and level
bands as data, yearly assessment cycles, risks before and after new countermeasures."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class RiskScale(AuditedModel):
    """A likelihood × impact scale (3×3 by default, 5×5 selectable) with its matrix."""

    code = models.CharField("代碼", max_length=20, unique=True)
    name = models.CharField("名稱", max_length=60)
    size = models.PositiveSmallIntegerField("等級數")
    is_default = models.BooleanField("預設", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "風險尺度"
        ordering = ["size", "code"]
        constraints = [models.CheckConstraint(condition=Q(size__gte=2) & Q(size__lte=9), name="risk_scale_size")]

    def __str__(self) -> str:
        return self.name


class ScaleLevel(AuditedModel):
    """One level of one axis, with the national description of what it means."""

    class Axis(models.TextChoices):
        LIKELIHOOD = "likelihood", "發生機率"
        IMPACT = "impact", "影響程度"

    scale = models.ForeignKey(RiskScale, on_delete=models.CASCADE, related_name="levels")
    axis = models.CharField("軸", max_length=12, choices=Axis.choices)
    value = models.PositiveSmallIntegerField("等級")
    label = models.CharField("名稱", max_length=20)
    description = models.TextField("說明")

    class Meta:
        verbose_name = verbose_name_plural = "風險尺度等級"
        ordering = ["scale", "axis", "value"]
        constraints = [models.UniqueConstraint(fields=["scale", "axis", "value"], name="scale_level_unique")]

    def __str__(self) -> str:
        return f"{self.get_axis_display()} {self.value} {self.label}"


class LevelBand(AuditedModel):
    """風險等級 (低度、中度、高度、極度) and its colour on the risk map."""

    scale = models.ForeignKey(RiskScale, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField("代碼", max_length=10)  # low / medium / high / extreme
    label = models.CharField("名稱", max_length=20)
    rank = models.PositiveSmallIntegerField("順序")
    colour = models.CharField("顏色", max_length=7)
    text_colour = models.CharField("文字顏色", max_length=7, default="#000000")

    class Meta:
        verbose_name = verbose_name_plural = "風險等級"
        ordering = ["scale", "rank"]
        constraints = [models.UniqueConstraint(fields=["scale", "code"], name="level_band_unique")]

    def __str__(self) -> str:
        return self.label


class MatrixCell(AuditedModel):
    """The risk matrix: which band a (likelihood, impact) pair falls in."""

    scale = models.ForeignKey(RiskScale, on_delete=models.CASCADE, related_name="cells")
    likelihood = models.PositiveSmallIntegerField("發生機率")
    impact = models.PositiveSmallIntegerField("影響程度")
    band = models.ForeignKey(LevelBand, on_delete=models.PROTECT, related_name="cells")

    class Meta:
        verbose_name = verbose_name_plural = "風險矩陣"
        constraints = [models.UniqueConstraint(fields=["scale", "likelihood", "impact"], name="matrix_cell_unique")]

    def __str__(self) -> str:
        return f"{self.scale} L{self.likelihood}×I{self.impact} → {self.band}"


class AssessmentCycle(AuditedModel):
    """One agency's yearly assessment (風險評估及處理彙總表與機關風險圖像); it keeps its scale."""

    class Status(models.TextChoices):
        DRAFT = "draft", "評估中"
        APPROVED = "approved", "已核定"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="risk_cycles")
    year = models.PositiveSmallIntegerField("年度")
    scale = models.ForeignKey(RiskScale, on_delete=models.PROTECT, related_name="cycles", verbose_name="風險尺度")
    team = models.CharField("專案小組", max_length=100, default="風險管理及危機處理專案小組")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField("核定日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "風險評估年度作業"
        ordering = ["-year", "agency__sort_order"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="risk_cycle_once_a_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year - 1911}年風險評估"


class Objective(AuditedModel):
    """施政目標 the risks threaten."""

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="objectives")
    text = models.CharField("目標", max_length=300)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "施政目標"
        ordering = ["cycle", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.text


class RiskItem(AuditedModel):
    """風險項目: scenario, existing controls, current risk, and residual risk after new countermeasures.

    The band codes are copied from the matrix when the risk is rated, so a later matrix edit does
    not rewrite a past assessment.
    """

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="risks")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="risks", null=True, blank=True)
    code = models.CharField("風險編號", max_length=10)
    title = models.CharField("風險項目", max_length=200)
    scenario = models.TextField("風險情境")
    existing_controls = models.TextField("現有風險對策")
    likelihood = models.PositiveSmallIntegerField("發生機率")
    impact = models.PositiveSmallIntegerField("影響程度")
    level = models.CharField("現有風險等級", max_length=10)
    residual_likelihood = models.PositiveSmallIntegerField("殘餘發生機率", null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField("殘餘影響程度", null=True, blank=True)
    residual_level = models.CharField("殘餘風險等級", max_length=10, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "風險項目"
        ordering = ["cycle", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="risk_code_unique"),
            models.CheckConstraint(condition=Q(likelihood__gte=1) & Q(impact__gte=1), name="risk_rated_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int | None:
        if self.residual_likelihood is None or self.residual_impact is None:
            return None
        return self.residual_likelihood * self.residual_impact


class Countermeasure(AuditedModel):
    """新增風險對策: what will be done, by whom, by when."""

    class Status(models.TextChoices):
        PLANNED = "planned", "規劃中"
        DONE = "done", "已完成"

    risk = models.ForeignKey(RiskItem, on_delete=models.CASCADE, related_name="countermeasures")
    description = models.TextField("對策")
    owner = models.CharField("負責單位", max_length=100)
    due_on = models.DateField("完成期限")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField("完成日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "新增風險對策"
        ordering = ["risk", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.risk.code} {self.description[:30]}"
