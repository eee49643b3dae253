from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "yankao.core"
    label = "core"
    verbose_name = "核心"
