from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "bps_code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name", "bps_code"]
