from typing import Any

from django.apps import AppConfig

from yankao.core.nav import NavItem


def _staff(user: Any) -> bool:
    from yankao.org.permissions import is_staff_member

    return is_staff_member(user)


class ParticipationConfig(AppConfig):
    name = "yankao.participation"
    label = "participation"
    verbose_name = "公民參與"
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        NavItem("public", "公民參與", "participation:home", order=30),
        NavItem("office", "公民參與", "participation:office_home", visible=_staff, order=30),
    ]
