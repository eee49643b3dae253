from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "yankao.registers.security"
    label = "registers_security"
    verbose_name = "資通安全"
