from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext as _

from .models import SynonymGroup
from .tasks import rebuild_index


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """Curators keep the synonym list; saving rebuilds the index (in the task worker) so products earn the
    new tokens. The query side sees the new synonyms within seconds."""

    list_display = ["name", "is_active", "updated_at"]
    search_fields = ["name", "phrases"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(rebuild_index.enqueue)
        messages.info(request, _("The search index is being rebuilt with the new synonyms."))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(rebuild_index.enqueue)
