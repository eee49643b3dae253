from django.apps import AppConfig

from yankao.core.nav import NavItem


def _is_commission(user: object) -> bool:
    from yankao.open311.permissions import can_manage_clients

    return can_manage_clients(user)


class Open311Config(AppConfig):
    name = "yankao.open311"
    label = "open311"
    verbose_name = "Open311 GeoReport v2 API 與開放資料"

    nav = [
        NavItem("public", "開放資料", "open311:opendata", order=30),
        NavItem("office", "Open311 API 金鑰", "open311:clients", visible=_is_commission, order=20),
        NavItem("office", "外部派工項目對照", "open311:external_categories", visible=_is_commission, order=21),
    ]
    # `yankao import taipei-1999 FOLDER`
    importers = {"taipei-1999": "yankao.open311.importers.taipei.command"}

    def ready(self) -> None:
        from yankao.open311.models import ServiceAttribute, ServiceProfile
        from yankao.open311.selectors import ATTRIBUTES, CATALOGUE
        from yankao.service.models import Category

        CATALOGUE.watch(Category, ServiceProfile, ServiceAttribute)
        ATTRIBUTES.watch(ServiceAttribute)
