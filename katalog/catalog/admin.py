"""Admin: curators edit the category tree here. Products change only through services (read-only)."""

from django.contrib import admin

from katalog.core.admin import ReadOnlyAdminMixin

from .models import Category, PriceChange, Product, ProductPhoto


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "level", "position", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    ordering = ["level", "position", "name"]


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class ProductPhotoInline(ReadOnlyInline):
    model = ProductPhoto
    fields = ["image", "position", "uploaded_at"]


class PriceChangeInline(ReadOnlyInline):
    model = PriceChange
    fields = ["changed_at", "old_price_idr", "new_price_idr", "changed_by", "source"]


@admin.register(Product)
class ProductAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: creating, editing and curating go through the product pages and services."""

    list_display = ["name", "sku", "vendor", "category", "price_idr", "status", "submitted_at", "approved_at"]
    list_filter = ["status", "category__parent__parent"]
    search_fields = ["name", "sku", "vendor__name"]
    list_select_related = ["vendor", "category"]
    inlines = [ProductPhotoInline, PriceChangeInline]
