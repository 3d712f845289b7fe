from django.contrib import admin, messages
from django.db import transaction

from .indexing import reindex_all
from .models import SynonymGroup


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """Curators keep the synonym list; saving rebuilds the index so products earn the new tokens."""

    list_display = ["name", "is_active", "updated_at"]
    search_fields = ["name", "phrases"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(reindex_all)
        messages.info(request, "The search index is being rebuilt with the new synonyms.")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(reindex_all)
