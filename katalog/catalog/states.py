"""The product life cycle as data: which action moves a product from which status to which."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from katalog.core.errors import InvalidTransition

from .models import ProductStatus

SUBMIT = "submit"
APPROVE = "approve"
RETURN = "return"
WITHDRAW = "withdraw"
# An edit of a listed product (a large price change, a new name...) sends it back to curation.
RECURATE = "recurate"

ACTION_LABELS = {
    SUBMIT: gettext_lazy("submitted for curation"),
    APPROVE: gettext_lazy("approved"),
    RETURN: gettext_lazy("returned"),
    WITHDRAW: gettext_lazy("withdrawn"),
    RECURATE: gettext_lazy("sent back to curation"),
}

# status -> {action: next status}
ALLOWED_TRANSITIONS: dict[str, dict[str, str]] = {
    ProductStatus.DRAFT: {SUBMIT: ProductStatus.SUBMITTED},
    ProductStatus.SUBMITTED: {
        APPROVE: ProductStatus.APPROVED,
        RETURN: ProductStatus.RETURNED,
        WITHDRAW: ProductStatus.WITHDRAWN,
    },
    ProductStatus.APPROVED: {WITHDRAW: ProductStatus.WITHDRAWN, RECURATE: ProductStatus.SUBMITTED},
    ProductStatus.RETURNED: {SUBMIT: ProductStatus.SUBMITTED},
    ProductStatus.WITHDRAWN: {SUBMIT: ProductStatus.SUBMITTED},
}


def can(status: str, action: str) -> bool:
    return action in ALLOWED_TRANSITIONS.get(status, {})


def next_status(status: str, action: str) -> str:
    """The status after `action`, or InvalidTransition saying why the action is not possible now."""
    target = ALLOWED_TRANSITIONS.get(status, {}).get(action)
    if target is None:
        raise InvalidTransition(
            _("A product that is “%(status)s” cannot be %(action)s.")
            % {"status": ProductStatus(status).label, "action": ACTION_LABELS[action]}
        )
    return target
