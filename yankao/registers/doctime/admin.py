from django.contrib import admin

from yankao.registers.doctime.models import DocCategory, InspectionVisit, MonthlyStat, TimelinessRule

admin.site.register(DocCategory)
admin.site.register(TimelinessRule)


@admin.register(MonthlyStat)
class MonthlyStatAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "month", "category", "received", "closed", "closed_on_time", "overdue"]
    list_filter = ["year", "category"]


@admin.register(InspectionVisit)
class InspectionVisitAdmin(admin.ModelAdmin):
    list_display = ["year", "agency", "scheduled_on", "visited_on", "status"]
