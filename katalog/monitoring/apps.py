from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "katalog.monitoring"
    label = "monitoring"
    verbose_name = "P3DN monitoring"

    def ready(self) -> None:
        from .hooks import connect

        connect()
