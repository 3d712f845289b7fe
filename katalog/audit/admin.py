from django.contrib import admin

from katalog.core.admin import ReadOnlyAdminMixin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["occurred_at", "event_type", "target_label", "actor_name"]
    list_filter = ["event_type"]
    search_fields = ["target_label", "actor_name", "target_id"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
