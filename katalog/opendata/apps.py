from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "katalog.opendata"
    label = "opendata"
    verbose_name = "Open data (OCDS)"
