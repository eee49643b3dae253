"""Open311 GeoReport v2: the rules of the API as data, client applications and their keys,
the service definitions' attributes, and the record of every request received through the API.

The cases themselves live in the service app (`service.Case`); this app never stores a second
copy of a case, only what the API adds to it (the client, the idempotency key, the attributes).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel


class ApiPolicy(AuditedModel):
    """The API's limits and defaults, versioned by `effective_from` (Kaohsiung defaults in 0002)."""

    effective_from = models.DateField("生效日", unique=True, default=dt.date(2000, 1, 1))
    jurisdiction_id = models.CharField("jurisdiction_id", max_length=100, default="kcg.gov.tw")
    anonymous_per_minute = models.PositiveIntegerField("未帶金鑰每分鐘請求上限（每 IP）", default=300)
    key_per_minute_default = models.PositiveIntegerField("新金鑰每分鐘請求上限", default=1200)
    default_window_days = models.PositiveSmallIntegerField("預設查詢期間（日）", default=90)
    default_max_requests = models.PositiveIntegerField("預設最多回傳件數", default=1000)
    max_page_size = models.PositiveIntegerField("每頁最多件數", default=1000)
    max_radius_m = models.PositiveIntegerField("半徑查詢上限（公尺）", default=10_000)
    idempotency_days = models.PositiveSmallIntegerField("冪等鍵保存日數", default=30)

    class Meta:
        verbose_name = verbose_name_plural = "Open311 API 設定"
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(default_max_requests__gte=1), name="open311_policy_max_positive"),
            models.CheckConstraint(condition=Q(max_page_size__gte=1), name="open311_policy_page_positive"),
        ]

    def __str__(self) -> str:
        return f"Open311 API 設定（{self.effective_from} 起）"


class ServiceProfile(AuditedModel):
    """How one category (案件類別) of the service catalogue appears in the API.

    `published`: listed in `services` and its cases in `requests`; petitions (人民陳情) are not.
    `address_sensitive`: the place is often a private home, so GETs show only the road, and
    coordinates rounded to about 100 m (個資法).
    """

    class Type(models.TextChoices):
        REALTIME = "realtime", "即時（立即回覆案號）"
        BATCH = "batch", "批次（先回覆 token）"

    category = models.OneToOneField(
        "service.Category", on_delete=models.CASCADE, related_name="open311", verbose_name="案件類別"
    )
    published = models.BooleanField("對外公開（Open311）", default=True)
    address_sensitive = models.BooleanField("地址可能為私人住宅", default=True)
    name_en = models.CharField("英文名稱", max_length=100, blank=True)
    description_en = models.CharField("英文說明", max_length=300, blank=True)
    keywords = models.CharField("關鍵字（逗號分隔）", max_length=200, blank=True)
    service_type = models.CharField("回覆方式", max_length=10, choices=Type.choices, default=Type.REALTIME)

    class Meta:
        verbose_name = verbose_name_plural = "Open311 服務設定"
        ordering = ["category__sort_order", "category__service_code"]

    def __str__(self) -> str:
        return f"{self.category}（Open311）"


class ServiceAttribute(AuditedModel):
    """One extra question of a service definition (GeoReport v2 `attribute`)."""

    class Datatype(models.TextChoices):
        STRING = "string", "短文字"
        NUMBER = "number", "數字"
        DATETIME = "datetime", "日期時間"
        TEXT = "text", "長文字"
        SINGLE = "singlevaluelist", "單選"
        MULTI = "multivaluelist", "複選"

    category = models.ForeignKey(
        "service.Category", on_delete=models.CASCADE, related_name="open311_attributes", verbose_name="案件類別"
    )
    code = models.SlugField("代碼", max_length=50)
    variable = models.BooleanField("需民眾填寫", default=True)
    datatype = models.CharField("資料型態", max_length=20, choices=Datatype.choices)
    required = models.BooleanField("必填", default=False)
    description = models.CharField("題目", max_length=300)
    description_en = models.CharField("英文題目", max_length=300, blank=True)
    datatype_description = models.CharField("填寫說明", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("順序", default=1, validators=[MinValueValidator(1)])
    # [{"key": "...", "name": "...", "name_en": "..."}] for the list datatypes
    values = models.JSONField("選項", default=list, blank=True)
    max_length = models.PositiveIntegerField(
        "長度上限", default=500, validators=[MinValueValidator(1), MaxValueValidator(4000)]
    )

    class Meta:
        verbose_name = verbose_name_plural = "Open311 服務屬性"
        ordering = ["category", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="open311_attribute_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.category}・{self.code}"

    @property
    def value_keys(self) -> set[str]:
        return {str(v.get("key")) for v in self.values or []}


class ApiClient(AuditedModel):
    """A client application (e.g. a FixMyStreet site, a district's app) holding one API key.

    Only the SHA-256 of the key is stored; the key itself is shown once, when issued.
    """

    audit_exclude = ("created_at", "updated_at", "key_hash")

    name = models.CharField("應用程式名稱", max_length=100, unique=True)
    contact = models.CharField("聯絡單位或人", max_length=200, blank=True)
    key_prefix = models.CharField("金鑰前綴", max_length=12, help_text="the first characters, to recognise a key")
    key_hash = models.CharField("金鑰雜湊", max_length=64, unique=True)
    per_minute = models.PositiveIntegerField("每分鐘請求上限", validators=[MinValueValidator(1)])
    is_active = models.BooleanField("有效", default=True)
    revoked_at = models.DateTimeField("撤銷時間", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "Open311 API 金鑰"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_active=True, revoked_at__isnull=True) | Q(is_active=False, revoked_at__isnull=False),
                name="open311_client_revoked_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """One service request received through the API: which client, under which idempotency key,
    which case it became, and the token of the spec's token flow.

    Written in the same transaction as the case, so a retried POST finds it and gets the same
    answer. Not an AuditedModel on purpose: the case it creates already writes its audit event
    (channel "api", the client's name as the actor), and one chain append per request is what
    keeps the API's write rate up.
    """

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="submissions")
    idempotency_key = models.CharField("冪等鍵", max_length=255, null=True, blank=True)
    request_hash = models.CharField("請求內容雜湊", max_length=64)
    token = models.CharField("token", max_length=36, unique=True)
    case = models.OneToOneField(
        "service.Case", on_delete=models.CASCADE, related_name="open311_submission", verbose_name="案件"
    )
    attributes = models.JSONField("屬性", default=dict, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField("收件時間", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "Open311 收件紀錄"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="open311_submission_idempotent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client}・{self.token}"


class RequestUpdate(AuditedModel):
    """An update posted by a client (mySociety's `servicerequestupdates`): a citizen's comment."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="updates")
    case = models.ForeignKey("service.Case", on_delete=models.CASCADE, related_name="open311_updates")
    client_update_id = models.CharField("用戶端更新編號", max_length=100)
    status = models.CharField("用戶端回報狀態", max_length=40, blank=True)  # NOT_COUNCILS_RESPONSIBILITY: 27
    description = models.TextField("內容")
    media_url = models.URLField(max_length=500, blank=True)
    updated_datetime = models.DateTimeField("更新時間")

    class Meta:
        verbose_name = verbose_name_plural = "Open311 案件更新"
        ordering = ["updated_datetime", "id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "client_update_id"], name="open311_update_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case}・{self.client_update_id}"


class ExternalCategory(AuditedModel):
    """A dispatch item of another system (e.g. Taipei 1999's 派工項目) mapped onto the catalogue.

    An unknown item met by an import creates a catalogue entry and a row here with
    `needs_review`, so that the commission decides where it belongs.
    """

    source = models.CharField("來源", max_length=40)
    name = models.CharField("原始項目名稱", max_length=120)
    category = models.ForeignKey(
        "service.Category", on_delete=models.PROTECT, related_name="+", verbose_name="對應類別"
    )
    needs_review = models.BooleanField("待檢視", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "外部派工項目對照"
        ordering = ["source", "name"]
        constraints = [models.UniqueConstraint(fields=["source", "name"], name="open311_external_category_unique")]

    def __str__(self) -> str:
        return f"{self.source}：{self.name} → {self.category}"


class ImportFile(AuditedModel):
    """One source file of a bulk import and what became of its rows (the summary adds up:
    rows read = imported + duplicates + rejected). A finished file is skipped on a re-run."""

    source = models.CharField("來源", max_length=40)
    name = models.CharField("檔名", max_length=200)
    sha256 = models.CharField("檔案雜湊", max_length=64)
    rows_read = models.PositiveIntegerField("讀取列數", default=0)
    imported = models.PositiveIntegerField("匯入", default=0)
    duplicates = models.PositiveIntegerField("重複", default=0)
    rejected = models.PositiveIntegerField("拒收", default=0)
    renumbered = models.PositiveIntegerField("無原始案號（以內容編號）", default=0)
    without_district = models.PositiveIntegerField("無法判定行政區", default=0)
    last_line = models.PositiveIntegerField("已寫入至第幾行", default=1, help_text="resume after this line")
    finished_at = models.DateTimeField("完成時間", null=True, blank=True)
    # [[line, reason], ...]: every rejected or duplicate row (reported, never silently dropped)
    problems = models.JSONField("問題列", default=list, blank=True)

    audit_exclude = ("created_at", "updated_at", "problems")

    class Meta:
        verbose_name = verbose_name_plural = "匯入檔案"
        ordering = ["source", "name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "name"], name="open311_import_file_unique"),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True)
                | Q(rows_read=models.F("imported") + models.F("duplicates") + models.F("rejected")),
                name="open311_import_file_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}：{self.name}"
