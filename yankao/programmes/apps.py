from django.apps import AppConfig

from yankao.core.nav import NavItem


def _is_staff(user: object) -> bool:
    from yankao.org.permissions import is_staff_member

    return is_staff_member(user)


def _is_commission(user: object) -> bool:
    from yankao.org.permissions import is_commission

    return is_commission(user)


class ProgrammesConfig(AppConfig):
    name = "yankao.programmes"
    label = "programmes"
    verbose_name = "管制考核"
    default_auto_field = "django.db.models.BigAutoField"

    nav = [
        NavItem("public", "列管計畫", "programmes:public_list", order=40),
        NavItem("office", "我的列管計畫", "programmes:my_programmes", visible=_is_staff, order=20),
        NavItem("office", "列管計畫", "programmes:programme_list", visible=_is_staff, order=21),
        NavItem("office", "月報審核", "programmes:approval_queue", visible=_is_staff, order=22),
        NavItem("office", "管考儀表板", "programmes:dashboard", visible=_is_commission, order=23),
    ]
