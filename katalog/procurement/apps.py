from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "katalog.procurement"
    label = "procurement"
    verbose_name = "Procurement"
