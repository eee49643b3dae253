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
        from django.db.models.signals import post_delete, post_save

        from yankao.open311.models import ApiClient, ApiPolicy, ServiceAttribute, ServiceProfile
        from yankao.open311.selectors import ATTRIBUTES, CATALOGUE, CLIENTS, POLICIES
        from yankao.service.models import Category

        CATALOGUE.watch(Category, ServiceProfile, ServiceAttribute)
        ATTRIBUTES.watch(ServiceAttribute)
        POLICIES.watch(ApiPolicy)
        CLIENTS.watch(ApiClient)
        # cache invalidation only: the other processes reload their keys at their next request
        post_save.connect(_clients_changed, sender=ApiClient, dispatch_uid="open311-clients-stamp-save")
        post_delete.connect(_clients_changed, sender=ApiClient, dispatch_uid="open311-clients-stamp-delete")


def _clients_changed(**kwargs: object) -> None:
    from django.db import transaction

    from yankao.open311.selectors import clients_changed

    # after the commit: a process reloading before it would read the old rows under the new stamp
    transaction.on_commit(clients_changed)
