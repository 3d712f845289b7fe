from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "katalog.imports"
    label = "imports"
    verbose_name = "Spreadsheet imports"
