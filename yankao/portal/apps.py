from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "yankao.portal"
    label = "portal"
    verbose_name = "入口網站"
