"""What the apps' admin pages share. core has no models of its own to register."""


class ReadOnlyAdminMixin:
    """Rows are created and changed by the services, which check the rules and write the audit trail.

    For a ModelAdmin and for an inline alike (an inline's permission checks also receive `obj`).
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
