from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "yankao.org"
    label = "org"
    verbose_name = "組織與人員"

    def ready(self) -> None:
        # auth plumbing, not a business rule: allauth tells us when TOTP was set up
        from allauth.mfa.signals import authenticator_added

        from yankao.org.middleware import mark_mfa_activated

        authenticator_added.connect(mark_mfa_activated, dispatch_uid="yankao_mfa_activated")
