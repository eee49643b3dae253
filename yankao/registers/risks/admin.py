from django.contrib import admin

from yankao.registers.risks.models import (
    AssessmentCycle,
    Countermeasure,
    LevelBand,
    MatrixCell,
    RiskItem,
    RiskScale,
    ScaleLevel,
)


class ScaleLevelInline(admin.TabularInline):
    model = ScaleLevel
    extra = 0


class LevelBandInline(admin.TabularInline):
    model = LevelBand
    extra = 0


@admin.register(RiskScale)
class RiskScaleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "size", "is_default"]
    inlines = [ScaleLevelInline, LevelBandInline]


@admin.register(MatrixCell)
class MatrixCellAdmin(admin.ModelAdmin):
    list_display = ["scale", "likelihood", "impact", "band"]
    list_filter = ["scale"]


@admin.register(AssessmentCycle)
class AssessmentCycleAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "scale", "status"]


@admin.register(RiskItem)
class RiskItemAdmin(admin.ModelAdmin):
    list_display = ["cycle", "code", "title", "level", "residual_level"]


admin.site.register(Countermeasure)
