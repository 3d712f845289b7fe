"""System checks for project conventions."""

from django.apps import apps
from django.core import checks
from django.db import models


@checks.register(checks.Tags.models)
def check_money_fields_are_integers(app_configs=None, **kwargs):
    """Every `*_idr` field holds whole rupiah in an integer column, never a float or decimal."""
    errors = []
    for model in apps.get_models():
        if not model.__module__.startswith("katalog."):
            continue
        for field in model._meta.get_fields():
            if getattr(field, "name", "").endswith("_idr") and not isinstance(
                field, models.BigIntegerField | models.PositiveBigIntegerField
            ):
                errors.append(
                    checks.Error(
                        f"{model.__name__}.{field.name} holds rupiah but is not a BigIntegerField.",
                        id="katalog.E001",
                        obj=model,
                    )
                )
    return errors
