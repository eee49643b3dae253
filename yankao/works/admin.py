"""The commission edits the works rules here (tiers, grade bands, the defect catalogue, the rule
set); add a new version with a later `effective_from` rather than editing one in use."""

from django.contrib import admin

from yankao.works.models import AmountTier, DefectCode, GradeBand, Inspection, Project, TrainingSession, WorksRule


@admin.register(AmountTier)
class AmountTierAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "min_amount", "statutory_rate", "statutory_min_count", "effective_from"]
    list_filter = ["code"]


@admin.register(GradeBand)
class GradeBandAdmin(admin.ModelAdmin):
    list_display = ["name", "min_score", "needs_follow_up", "effective_from"]


@admin.register(DefectCode)
class DefectCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "party", "points", "is_active"]
    list_filter = ["chapter", "party", "is_active"]
    search_fields = ["code", "title"]


@admin.register(WorksRule)
class WorksRuleAdmin(admin.ModelAdmin):
    list_display = [
        "effective_from",
        "filing_due_day",
        "behind_threshold_pct",
        "documentary_checks_per_month",
        "improvement_days",
        "report_handling_working_days",
    ]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["tender_number", "name", "agency", "tier_name", "status"]
    list_filter = ["tier", "status"]
    search_fields = ["tender_number", "name"]
    readonly_fields = ["tier", "tier_name", "version"]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["number", "project", "inspected_on", "kind", "score", "grade", "status"]
    list_filter = ["kind", "grade", "status"]
    readonly_fields = ["score", "grade", "needs_follow_up", "tier", "version"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["held_on", "title", "co_organiser", "attendees"]
