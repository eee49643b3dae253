from django.apps import AppConfig


class OverseasConfig(AppConfig):
    name = "yankao.registers.overseas"
    label = "registers_overseas"
    verbose_name = "出國報告"
