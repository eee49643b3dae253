"""Cases (案件) from every channel, their steps, attachments, extensions and surveys."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.service.models.rules import Category


class Channel(models.TextChoices):
    PHONE = "phone", "1999 電話"
    COUNTER = "counter", "臨櫃"
    MAYOR_MAILBOX = "mayor_mailbox", "市長信箱"
    DIGITAL_CITIZEN = "digital_citizen", "高雄數位市民—市政服務"
    LETTER = "letter", "書面"
    FAX = "fax", "傳真"
    LINE_VIDEO = "line_video", "LINE 手語視訊"


class CaseType(models.TextChoices):
    PETITION = "petition", "人民陳情"
    DISPATCH = "dispatch", "派工"
    CONSULTATION = "consultation", "諮詢"
    OTHER = "other", "其他"


class Status(models.TextChoices):
    RECEIVED = "received", "已受理"
    ASSIGNED = "assigned", "已分案"
    ACCEPTED = "accepted", "機關已接收"
    IN_PROGRESS = "in_progress", "處理中"
    REPLIED = "replied", "已回覆"
    CLOSED = "closed", "已結案"


OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.ACCEPTED, Status.IN_PROGRESS, Status.REPLIED)


class Difficulty(models.TextChoices):
    SIMPLE = "simple", "簡易"
    NORMAL = "normal", "一般"
    COMPLEX = "complex", "複雜"


class ReplyChannel(models.TextChoices):
    EMAIL = "email", "電子郵件"
    SMS = "sms", "簡訊"
    LINE = "line", "LINE"
    NONE = "none", "不需回覆"


class Case(AuditedModel):
    """One case: a petition (人民陳情), a dispatch (派工), a consultation recorded as a case, or other.

    It keeps the rule values it was given (agency, deadline) so catalogue edits never rewrite it.
    `version` guards against two officers saving the same case at once.
    """

    audit_exclude = ("created_at", "updated_at", "verification_code")

    number = models.CharField("案號", max_length=30, unique=True)
    channel = models.CharField("管道", max_length=20, choices=Channel.choices)
    type = models.CharField("案件類型", max_length=15, choices=CaseType.choices)
    # indexed by service_case_cat_recv (category, received_at)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="cases", verbose_name="類別", db_index=False
    )
    subject = models.CharField("主旨", max_length=120, blank=True)
    description = models.TextField("內容")
    address = models.CharField("地址", max_length=200, blank=True)
    lat = models.DecimalField("緯度", max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField("經度", max_digits=9, decimal_places=6, null=True, blank=True)
    district = models.ForeignKey(
        "org.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="行政區"
    )
    # indexed by service_case_inbox and service_case_agency_recv, which start with it
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="權責機關",
        db_index=False,
    )
    # officer, citizen, duplicate_of: empty on most cases (every imported one), so indexed only
    # where set (Meta.indexes); a lookup `= x` or `IN (…)` implies NOT NULL and uses the index
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承辦人",
        db_index=False,
    )
    # the citizen: optional; an anonymous case (行政程序法 §173) is accepted and flagged
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_cases",
        verbose_name="陳情人帳號",
        db_index=False,
    )
    contact_name = models.CharField("陳情人姓名", max_length=60, blank=True)
    contact_phone = models.CharField("聯絡電話", max_length=30, blank=True)
    contact_email = models.EmailField("電子郵件", blank=True)
    contact_line = models.CharField("LINE 帳號", max_length=60, blank=True)
    is_anonymous = models.BooleanField("匿名陳情", default=False)
    may_contact = models.BooleanField("同意聯繫", default=True)
    reply_channel = models.CharField("回覆方式", max_length=10, choices=ReplyChannel.choices, default="none")
    verification_code = models.CharField("查詢碼", max_length=12, blank=True)

    status = models.CharField("狀態", max_length=15, choices=Status.choices, default=Status.RECEIVED)
    is_urgent = models.BooleanField("緊急派工", default=False)
    difficulty = models.CharField("難易度", max_length=10, choices=Difficulty.choices, blank=True)
    # the deadline as given (rule code, amount, unit and the computed time), never recomputed
    deadline_rule_code = models.CharField("期限規則", max_length=40, blank=True)
    deadline_amount = models.DecimalField("期限數量", max_digits=6, decimal_places=2, null=True, blank=True)
    deadline_unit = models.CharField("期限單位", max_length=20, blank=True)
    deadline_at = models.DateTimeField("處理期限", null=True, blank=True)
    is_overdue = models.BooleanField("逾期", default=False)
    escalation_level = models.PositiveSmallIntegerField("逾期通報層級", default=0)

    received_at = models.DateTimeField("受理時間")
    assigned_at = models.DateTimeField("分案時間", null=True, blank=True)
    accepted_at = models.DateTimeField("接收時間", null=True, blank=True)
    replied_at = models.DateTimeField("回覆時間", null=True, blank=True)
    closed_at = models.DateTimeField("結案時間", null=True, blank=True)
    reply_text = models.TextField("回覆內容", blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="重複於",
        db_index=False,
    )
    # answer of the satisfaction survey (copied from Survey, or given by an import)
    satisfied = models.BooleanField("滿意", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = verbose_name_plural = "案件"
        ordering = ["-received_at"]
        # every index is maintained on each insert (the Taipei import writes 1.6 M rows): no index
        # that another one starts with (status: service_case_due), none over empty columns
        indexes = [
            models.Index(fields=["updated_at"], name="service_case_updated"),
            models.Index(fields=["received_at"], name="service_case_received"),
            models.Index(fields=["agency", "status", "received_at"], name="service_case_inbox"),
            models.Index(fields=["agency", "received_at"], name="service_case_agency_recv"),
            models.Index(fields=["category", "received_at"], name="service_case_cat_recv"),
            models.Index(fields=["status", "deadline_at"], name="service_case_due"),
            models.Index(fields=["officer"], condition=Q(officer__isnull=False), name="service_case_officer"),
            models.Index(fields=["citizen"], condition=Q(citizen__isnull=False), name="service_case_citizen"),
            models.Index(
                fields=["duplicate_of"], condition=Q(duplicate_of__isnull=False), name="service_case_duplicate_of"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lng__isnull=True) | Q(lat__isnull=False, lng__isnull=False),
                name="service_case_lat_lng_together",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="service_case_closed_has_time"
            ),
            models.CheckConstraint(
                condition=Q(status="received") | Q(agency__isnull=False), name="service_case_assigned_has_agency"
            ),
            models.CheckConstraint(condition=~Q(duplicate_of=models.F("id")), name="service_case_not_own_duplicate"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_location(self) -> bool:
        return self.lat is not None and self.lng is not None

    @property
    def open311_status(self) -> str:
        """Open311 GeoReport v2 knows only open and closed."""
        return "closed" if self.status == Status.CLOSED else "open"


class CaseNumberCounter(models.Model):
    """The last sequence number handed out for one day (locked while a number is taken)."""

    day = models.DateField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "案號序號"

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


class CaseStep(AuditedModel):
    """One step of a case's timeline (歷程): who did what, with the reason given."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "受理"
        ASSIGNED = "assigned", "分案"
        ACCEPTED = "accepted", "接收"
        TRANSFERRED = "transferred", "退回／改分"
        STARTED = "started", "開始處理"
        REPLIED = "replied", "回覆民眾"
        CLOSED = "closed", "結案"
        REOPENED = "reopened", "重新開案"
        DUPLICATE = "duplicate", "併案（重複案件）"
        EXTENSION_REQUESTED = "extension_requested", "申請展延"
        EXTENSION_DECIDED = "extension_decided", "展延核定"
        OVERDUE = "overdue", "逾期通報"
        SURVEYED = "surveyed", "滿意度回覆"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps", verbose_name="案件")
    kind = models.CharField("步驟", max_length=25, choices=Kind.choices)
    at = models.DateTimeField("時間")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField("執行者", max_length=100, blank=True)
    from_status = models.CharField("原狀態", max_length=15, blank=True)
    to_status = models.CharField("新狀態", max_length=15, blank=True)
    note = models.TextField("說明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "案件歷程"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case}・{self.get_kind_display()}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"service/{instance.case.number}/{filename}"


class Attachment(AuditedModel):
    """A photo or document attached to a case (size and type checked by the service)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", verbose_name="案件")
    file = models.FileField("檔案", upload_to=attachment_path, max_length=300)
    original_name = models.CharField("原始檔名", max_length=200)
    content_type = models.CharField("檔案類型", max_length=100)
    size = models.PositiveIntegerField("大小")

    class Meta:
        verbose_name = verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.original_name


class DeadlineExtension(AuditedModel):
    """展延: asked by the agency's officer, approved or refused by its manager or the centre."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待核定"
        APPROVED = "approved", "核准"
        REFUSED = "refused", "不准"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions", verbose_name="案件")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_deadline = models.DateTimeField("申請展延至")
    reason = models.TextField("展延理由")
    previous_deadline = models.DateTimeField("原期限", null=True, blank=True)
    decision = models.CharField("核定", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("核定時間", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "展延申請"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case} 展延（{self.get_decision_display()}）"


class Survey(AuditedModel):
    """滿意度調查 sent after closure by the channel the citizen used; answered once by token."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="survey", verbose_name="案件")
    token = models.CharField("代碼", max_length=40, unique=True)
    sent_via = models.CharField("寄送管道", max_length=10, choices=ReplyChannel.choices)
    sent_at = models.DateTimeField("寄送時間")
    answered_at = models.DateTimeField("回覆時間", null=True, blank=True)
    satisfied = models.BooleanField("滿意", null=True, blank=True)
    score = models.PositiveSmallIntegerField("評分（1–5）", null=True, blank=True)
    comment = models.TextField("意見", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "滿意度調查"
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="service_survey_score_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} 滿意度"
