from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "yankao.registers.quality"
    label = "registers_quality"
    verbose_name = "服務品質"
