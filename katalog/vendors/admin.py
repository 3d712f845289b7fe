"""Admin for vendor data: read-mostly. Changes of state go through the services (curator pages)."""

from django.contrib import admin

from katalog.core.admin import ReadOnlyAdminMixin

from .models import Vendor, VendorDocument


class VendorDocumentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = VendorDocument
    extra = 0
    fields = ("kind", "number", "issuer", "issued_date", "valid_until", "tkdn_pct", "bmp_pct", "uploaded_at")
    readonly_fields = fields
    show_change_link = True


@admin.register(Vendor)
class VendorAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "status", "scale", "region", "submitted_at", "verified_at")
    list_filter = ("status", "scale", "region")
    search_fields = ("code", "name", "nib", "npwp")
    list_select_related = ("region",)
    date_hierarchy = "created_at"
    inlines = [VendorDocumentInline]


@admin.register(VendorDocument)
class VendorDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("vendor", "kind", "number", "issuer", "valid_until", "tkdn_pct", "bmp_pct")
    list_filter = ("kind", "vendor__status")
    search_fields = ("number", "issuer", "vendor__name", "vendor__code")
    list_select_related = ("vendor",)
    date_hierarchy = "valid_until"
