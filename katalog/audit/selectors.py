"""Reading the audit trail of one object."""

from .models import AuditEvent


def audit_history_for(target, *, limit: int = 200) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:limit]
    )
