from django.contrib import admin

from yankao.registers.events.models import Event, EventSeries, Partner

admin.site.register(EventSeries)
admin.site.register(Partner)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["held_on", "series", "kind", "title", "participants"]
    filter_horizontal = ["partners"]
