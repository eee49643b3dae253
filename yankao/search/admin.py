from django.contrib import admin

from yankao.search.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "agency", "base_url", "is_active", "last_crawled_at")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "base_url")
