from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from yankao.org.models import Agency, City, District, RoleGrant, Unit, User


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "city"]
    exclude = ["boundary"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "district", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    inlines = [UnitInline]


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "kind", "agency", "is_active"]
    list_filter = ["kind", "agency__kind", "is_active"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("機關", {"fields": ("kind", "display_name", "phone", "agency", "unit", "title")}),
    )
    inlines = [RoleGrantInline]
