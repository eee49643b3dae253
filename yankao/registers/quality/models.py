"""服務品質: phone courtesy tests (電話禮貌測試) and Government Service Award entries (政府服務獎)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class Rubric(AuditedModel):
    """評分項目表: a versioned scoring rubric; a plan keeps the rubric it was given."""

    code = models.CharField("代碼", max_length=20, unique=True)
    name = models.CharField("名稱", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "電話禮貌測試評分表"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def max_total(self) -> int:
        return sum(item.max_points for item in self.items.all())


class RubricItem(AuditedModel):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="items")
    code = models.CharField("代碼", max_length=20)
    name = models.CharField("項目", max_length=60)
    max_points = models.PositiveSmallIntegerField("配分")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "評分項目"
        ordering = ["rubric", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["rubric", "code"], name="rubric_item_unique")]

    def __str__(self) -> str:
        return f"{self.name}（{self.max_points} 分）"


class PhoneTestPlan(AuditedModel):
    """電話服務品質及禮貌測試實施計畫 of one year: the agencies tested and the calls per round."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("計畫名稱", max_length=200)
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="plans")
    calls_per_round = models.PositiveIntegerField("每次測試通數")
    agencies = models.ManyToManyField(Agency, related_name="phone_test_plans", verbose_name="受測機關")
    contractor = models.CharField("受託廠商", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "電話禮貌測試計畫"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class PhoneTestRound(AuditedModel):
    class Half(models.IntegerChoices):
        FIRST = 1, "上半年"
        SECOND = 2, "下半年"

    plan = models.ForeignKey(PhoneTestPlan, on_delete=models.CASCADE, related_name="rounds")
    half = models.PositiveSmallIntegerField("梯次", choices=Half.choices)
    starts_on = models.DateField("測試起日")
    ends_on = models.DateField("測試迄日")
    letters_sent_on = models.DateField("結果函送日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "電話禮貌測試梯次"
        ordering = ["plan", "half"]
        constraints = [models.UniqueConstraint(fields=["plan", "half"], name="phone_round_unique")]

    def __str__(self) -> str:
        return f"{self.plan.year - 1911}年{self.get_half_display()}電話禮貌測試"


class PhoneTestCall(AuditedModel):
    """One test call: the agency, when, each rubric item's points (JSON by item code) and the total."""

    round = models.ForeignKey(PhoneTestRound, on_delete=models.CASCADE, related_name="calls")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="phone_test_calls")
    called_on = models.DateField("測試日")
    scores = models.JSONField("各項得分")
    total = models.PositiveSmallIntegerField("總分")
    note = models.CharField("紀要", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "測試電話"
        ordering = ["round", "agency__sort_order", "called_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(total__lte=100), name="phone_call_total_max")]
        indexes = [models.Index(fields=["round", "agency"])]

    def __str__(self) -> str:
        return f"{self.round} {self.agency} {self.total}"


class ServiceAwardEntry(AuditedModel):
    """政府服務獎 entry: the agency's case and where it got to."""

    class Result(models.TextChoices):
        SUBMITTED = "submitted", "已推薦"
        FIRST_ROUND = "first_round", "通過初審"
        FINALIST = "finalist", "進入決審"
        WON = "won", "獲獎"
        NOT_AWARDED = "not_awarded", "未獲獎"

    year = models.PositiveSmallIntegerField("年度")
    edition = models.CharField("屆別", max_length=30)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="service_award_entries")
    title = models.CharField("參獎案名", max_length=200)
    award_category = models.CharField("獎項類別", max_length=30)
    result = models.CharField("結果", max_length=12, choices=Result.choices, default=Result.SUBMITTED)
    announced_on = models.DateField("公布日", null=True, blank=True)
    ceremony_on = models.DateField("頒獎日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府服務獎參獎"
        ordering = ["-year", "agency__sort_order"]
        constraints = [models.UniqueConstraint(fields=["year", "agency", "title"], name="award_entry_unique")]

    def __str__(self) -> str:
        return f"{self.edition} {self.agency}「{self.title}」"
