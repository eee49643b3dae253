from django.apps import AppConfig

from yankao.core.nav import NavItem


def _can_manage(user: object) -> bool:
    from yankao.search.permissions import can_manage_sources

    return can_manage_sources(user)


class SearchConfig(AppConfig):
    name = "yankao.search"
    label = "search"
    verbose_name = "跨機關搜尋"
    nav = [
        NavItem("public", "搜尋", "search:search", order=90),
        NavItem("office", "搜尋來源", "search:sources", visible=_can_manage, order=190),
    ]
