"""Rules as data, edited by the commission in the admin (every save goes into the audit trail)."""

from django.contrib import admin

from yankao.service.models import (
    Category,
    CategoryRoute,
    DeadlineRule,
    EscalationStep,
    LegalServicePoint,
    ServicePolicy,
)


class CategoryRouteInline(admin.TabularInline):
    model = CategoryRoute
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["service_code", "name", "kind", "is_urgent_hazard", "deadline_rule_code", "is_active"]
    list_filter = ["kind", "is_urgent_hazard", "is_active"]
    search_fields = ["service_code", "name"]
    inlines = [CategoryRouteInline]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "amount", "unit", "effective_from"]


@admin.register(EscalationStep)
class EscalationStepAdmin(admin.ModelAdmin):
    list_display = ["level", "days_overdue", "notify"]


@admin.register(ServicePolicy)
class ServicePolicyAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "reply_max_chars", "attachment_max_bytes", "duplicate_distance_m"]


@admin.register(LegalServicePoint)
class LegalServicePointAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]
