from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "katalog.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from .tasks import register_hooks

        register_hooks()
