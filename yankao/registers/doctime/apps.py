from django.apps import AppConfig


class DoctimeConfig(AppConfig):
    name = "yankao.registers.doctime"
    label = "registers_doctime"
    verbose_name = "公文處理時效"
