from django.contrib import admin

from katalog.core.admin import ReadOnlyAdminMixin

from .models import Holiday, Order, OrderLine


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Curators keep the public holidays: they are not working days when an order's response time is counted."""

    list_display = ["date", "name"]
    search_fields = ["name"]
    date_hierarchy = "date"


class OrderLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderLine
    extra = 0
    fields = ["position", "sku", "name", "unit", "quantity", "unit_price_idr", "tkdn_pct", "is_local"]


@admin.register(Order)
class OrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Orders change only through the procurement services (each change audited): read-only here."""

    list_display = ["number", "buyer_organisation", "vendor", "status", "total_idr", "created_at"]
    list_filter = ["status", "budget_source"]
    search_fields = ["number", "sp_number", "title", "vendor__name", "buyer_organisation__name"]
    inlines = [OrderLineInline]
