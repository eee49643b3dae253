from django.apps import AppConfig

from yankao.core.nav import NavItem


def _is_staff(user: object) -> bool:
    from yankao.org.permissions import is_staff_member

    return is_staff_member(user)


class ReportsConfig(AppConfig):
    name = "yankao.reports"
    label = "reports"
    verbose_name = "定期報告"
    nav = [
        NavItem("public", "施政績效報告", "reports:public_list", order=80),
        NavItem("office", "定期報告", "reports:office_list", visible=_is_staff, order=80),
    ]

    def ready(self) -> None:
        from yankao.reports.figures import load_catalogue

        load_catalogue()
