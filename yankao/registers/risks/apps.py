from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "yankao.registers.risks"
    label = "registers_risks"
    verbose_name = "風險管理"
