from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "katalog.audit"
    label = "audit"
    verbose_name = "Audit trail"
