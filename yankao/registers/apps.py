from typing import Any

from django.apps import AppConfig

from yankao.core.nav import NavItem


def _is_staff(user: Any) -> bool:
    from yankao.org.permissions import is_staff_member  # imports models: not at app-loading time

    return is_staff_member(user)


class RegistersConfig(AppConfig):
    name = "yankao.registers"
    label = "registers"
    verbose_name = "管考登錄簿"
    nav = [
        NavItem("office", "管考登錄簿", "registers:index", visible=_is_staff, order=40),
        NavItem("public", "出國報告", "registers_overseas:public_list", order=40),
    ]
