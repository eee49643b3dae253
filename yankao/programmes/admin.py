"""The commission edits the rules of administration here (they are data): 列管作業規定, delay
reasons, evaluation criteria and grade bands. Domain records are read-only in the admin."""

from __future__ import annotations

from django.contrib import admin

from yankao.programmes import models


@admin.register(models.ControlRules)
class ControlRulesAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "report_due_day", "behind_warning_pp", "behind_serious_pp", "execution_low_pct"]


@admin.register(models.DelayReason)
class DelayReasonAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active", "sort_order"]


@admin.register(models.EvaluationCriterion)
class EvaluationCriterionAdmin(admin.ModelAdmin):
    list_display = ["scheme", "effective_from", "code", "name", "weight"]
    list_filter = ["scheme", "effective_from"]


@admin.register(models.GradeBand)
class GradeBandAdmin(admin.ModelAdmin):
    list_display = ["scheme", "effective_from", "grade", "min_score"]
    list_filter = ["scheme"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(models.Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["year", "code", "name", "lead_agency", "control_level", "status"]
    list_filter = ["year", "control_level", "status"]
    search_fields = ["code", "name"]


@admin.register(models.MonthlyReport)
class MonthlyReportAdmin(ReadOnlyAdmin):
    list_display = ["programme", "month", "status", "planned_pct", "actual_pct", "delay_level", "is_late"]
    list_filter = ["status", "delay_level", "month"]
