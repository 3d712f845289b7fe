from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "katalog.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from katalog.core import hooks

        from . import indexing

        hooks.on_change("product", indexing.products_changed)
        hooks.on_change("vendor", indexing.vendors_changed)
        hooks.on_change("category", indexing.categories_changed)
