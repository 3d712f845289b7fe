from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "katalog.events"
    label = "events"
    verbose_name = "Events"
