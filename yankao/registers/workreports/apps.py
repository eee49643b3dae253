from django.apps import AppConfig


class WorkreportsConfig(AppConfig):
    name = "yankao.registers.workreports"
    label = "registers_workreports"
    verbose_name = "施政報告彙編"
