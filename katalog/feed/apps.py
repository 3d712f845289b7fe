from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "katalog.feed"
    label = "feed"
    verbose_name = "Change feed"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
