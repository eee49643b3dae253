from django.apps import AppConfig

from yankao.core.nav import NavItem


def _is_staff(user: object) -> bool:
    from yankao.org.permissions import is_staff_member

    return is_staff_member(user)


def _is_centre(user: object) -> bool:
    from yankao.service.permissions import is_service_centre

    return is_service_centre(user)


def _keeps_faqs(user: object) -> bool:
    from yankao.org.models import Role
    from yankao.org.permissions import has_role, is_commission

    return is_commission(user) or has_role(user, Role.AGENCY_MANAGER)


class ServiceConfig(AppConfig):
    name = "yankao.service"
    label = "service"
    verbose_name = "為民服務（1999、陳情、派工）"

    nav = [
        NavItem("public", "陳情與報案", "service:file_case", order=10),
        NavItem("public", "案件查詢", "service:track", order=11),
        NavItem("public", "常見問答", "service:faq", order=12),
        NavItem("office", "機關收件匣", "service:inbox", visible=_is_staff, order=10),
        NavItem("office", "逾期案件", "service:overdue", visible=_is_staff, order=11),
        NavItem("office", "聯合服務中心", "service:centre", visible=_is_centre, order=12),
        NavItem("office", "1999 話務", "service:calls", visible=_is_centre, order=13),
        NavItem("office", "為民服務統計", "service:stats", visible=_is_centre, order=14),
        NavItem("office", "常見問答維護", "service:faq_office", visible=_keeps_faqs, order=15),
    ]
    # `yankao import <kind> FILE` and `yankao stats <app>` find their handlers here
    importers = {
        "cases": "yankao.service.imports.import_cases",
        "calls": "yankao.service.imports.import_calls",
    }
    stats = {"service": "yankao.service.stats.stats_command_payload"}

    def ready(self) -> None:
        from yankao.org.models import Agency
        from yankao.service.models import Category, CategoryRoute, DeadlineRule, ServicePolicy
        from yankao.service.services.rules import RULEBOOK

        # a change to a rule the intake reads drops this process's snapshot of the rules
        RULEBOOK.watch(Agency, Category, CategoryRoute, DeadlineRule, ServicePolicy)
