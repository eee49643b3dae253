from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "yankao.registers.events"
    label = "registers_events"
    verbose_name = "研習與會議"
