from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "yankao.registers.council"
    label = "registers_council"
    verbose_name = "議員提案（議決案）"
