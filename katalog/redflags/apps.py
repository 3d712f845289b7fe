from django.apps import AppConfig


class RedFlagsConfig(AppConfig):
    name = "katalog.redflags"
    label = "redflags"
    verbose_name = "Red flags"

    def ready(self) -> None:
        from .hooks import connect

        connect()
