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

    def ready(self) -> None:
        # auth plumbing: a LINE sign-in with a verified phone verifies the citizen's identity
        from allauth.account.signals import user_logged_in
        from allauth.socialaccount.signals import social_account_added, social_account_updated

        from yankao.participation.line_login import on_social_login, on_user_logged_in

        social_account_added.connect(on_social_login, dispatch_uid="participation_line_added")
        social_account_updated.connect(on_social_login, dispatch_uid="participation_line_updated")
        user_logged_in.connect(on_user_logged_in, dispatch_uid="participation_line_login")
