from django.contrib import admin

from yankao.registers.council.models import Councillor, CouncilSession, Proposal, ProposalCategory, ReplyRule


@admin.register(ProposalCategory)
class ProposalCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "default_agency_code", "sort_order", "is_active"]


@admin.register(ReplyRule)
class ReplyRuleAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "reply_working_days", "note"]


@admin.register(CouncilSession)
class CouncilSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "report_due", "compiled_on"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["session", "number", "category", "agency", "status", "reply_deadline", "replied_on"]
    list_filter = ["session", "category", "status"]
    search_fields = ["number", "title"]


@admin.register(Councillor)
class CouncillorAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "is_active"]
    search_fields = ["name"]
