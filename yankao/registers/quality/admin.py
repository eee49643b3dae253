from django.contrib import admin

from yankao.registers.quality.models import PhoneTestPlan, PhoneTestRound, Rubric, RubricItem, ServiceAwardEntry


class RubricItemInline(admin.TabularInline):
    model = RubricItem
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [RubricItemInline]


admin.site.register(PhoneTestPlan)
admin.site.register(PhoneTestRound)


@admin.register(ServiceAwardEntry)
class ServiceAwardEntryAdmin(admin.ModelAdmin):
    list_display = ["year", "edition", "agency", "title", "award_category", "result"]
