from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "yankao.registers.research"
    label = "registers_research"
    verbose_name = "委託研究"
