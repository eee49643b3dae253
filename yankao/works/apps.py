from django.apps import AppConfig

from yankao.core.nav import NavItem


def _sees_all(user: object) -> bool:
    from yankao.org.permissions import sees_all_agencies

    return sees_all_agencies(user)


def _staff(user: object) -> bool:
    from yankao.org.permissions import is_staff_member

    return is_staff_member(user)


class WorksConfig(AppConfig):
    name = "yankao.works"
    label = "works"
    verbose_name = "工程查核"

    nav = [
        NavItem("public", "全民督工", "works:report_new", order=40),
        NavItem("office", "工程查核", "works:projects", visible=_staff, order=40),
        NavItem("office", "工程查核總覽", "works:overview", visible=_sees_all, order=41),
    ]
