"""Every change of a fed object records a change row in the same transaction (connected in apps.py).

Model signals catch each `save()` and `delete()`, whoever calls it; the change hooks of katalog.core.hooks
catch the bulk writes of the catalogue and the imports, which send no signals. Both may see one change,
and one transaction may save an object several times: the extra rows are harmless (a page shows each
object once, at its latest change, in its current state).

Quotes of mini-competitions are deliberately not followed: a change row written when a vendor quotes
would tell the public that quotes are arriving while they are sealed. The evaluation changes the
competition itself, and that is when its public view shows how many quotes there were.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from katalog.accounts.models import Organisation
from katalog.catalog.models import Category, Product, ProductPhoto
from katalog.core import hooks
from katalog.events.models import Commitment, CommitmentRealisation
from katalog.procurement.models import (
    Bast,
    Competition,
    CompetitionInvitation,
    Delivery,
    Order,
    OrderLine,
    Payment,
)
from katalog.vendors.models import Vendor

from . import services
from .models import FeedKind

# Model → (feed kind, attribute holding the fed object's id). An order's public view shows its lines,
# payments and deliveries; a competition's its invitations; a product's its first photo; a commitment's
# the orders that realise it.
FOLLOWED = {
    Order: (FeedKind.ORDERS, "pk"),
    OrderLine: (FeedKind.ORDERS, "order_id"),
    Payment: (FeedKind.ORDERS, "order_id"),
    Delivery: (FeedKind.ORDERS, "order_id"),
    Competition: (FeedKind.COMPETITIONS, "pk"),
    CompetitionInvitation: (FeedKind.COMPETITIONS, "competition_id"),
    Product: (FeedKind.PRODUCTS, "pk"),
    ProductPhoto: (FeedKind.PRODUCTS, "product_id"),
    Commitment: (FeedKind.COMMITMENTS, "pk"),
    CommitmentRealisation: (FeedKind.COMMITMENTS, "commitment_id"),
}

# What a vendor, a buyer organisation or a category shows in the public view of other objects.
# (update_fields holds names as the caller wrote them: "region" or "region_id".)
VENDOR_PUBLIC_FIELDS = frozenset({"code", "name", "scale", "region", "region_id", "status"})
ORGANISATION_PUBLIC_FIELDS = frozenset({"name", "buyer_type", "region", "region_id"})
CATEGORY_PUBLIC_FIELDS = frozenset({"name", "slug", "parent", "parent_id"})


def _followed_changed(sender, instance, **kwargs) -> None:
    kind, attribute = FOLLOWED[sender]
    services.record_changes(kind, [getattr(instance, attribute)])


def _bast_changed(sender, instance: Bast, **kwargs) -> None:
    order_id = Delivery.objects.filter(pk=instance.delivery_id).values_list("order_id", flat=True).first()
    services.record_changes(FeedKind.ORDERS, [order_id])


def _shows(update_fields, public_fields: frozenset) -> bool:
    """Whether a save may have changed one of `public_fields` (a save without update_fields may have)."""
    return update_fields is None or not public_fields.isdisjoint(update_fields)


def _vendor_saved(sender, instance: Vendor, created: bool, update_fields=None, raw: bool = False, **kwargs) -> None:
    if not created and not raw and _shows(update_fields, VENDOR_PUBLIC_FIELDS):
        services.vendors_changed([instance.pk])


def _organisation_saved(sender, instance: Organisation, created: bool, update_fields=None, raw: bool = False,
                        **kwargs) -> None:
    # A vendor business's organisation mirrors the vendor's name and region; the vendor's save covers it.
    if (not created and not raw and instance.kind == Organisation.Kind.BUYER
            and _shows(update_fields, ORGANISATION_PUBLIC_FIELDS)):
        services.buyer_organisations_changed([instance.pk])


def _category_saved(sender, instance: Category, created: bool, update_fields=None, raw: bool = False,
                    **kwargs) -> None:
    if not created and not raw and _shows(update_fields, CATEGORY_PUBLIC_FIELDS):
        services.categories_changed([instance.pk])


def _products_changed(ids: list[int]) -> None:
    services.record_changes(FeedKind.PRODUCTS, ids)


def connect() -> None:
    for model in FOLLOWED:
        post_save.connect(_followed_changed, sender=model, dispatch_uid=f"feed.{model._meta.label}.saved")
        post_delete.connect(_followed_changed, sender=model, dispatch_uid=f"feed.{model._meta.label}.deleted")
    post_save.connect(_bast_changed, sender=Bast, dispatch_uid="feed.bast.saved")
    post_delete.connect(_bast_changed, sender=Bast, dispatch_uid="feed.bast.deleted")
    post_save.connect(_vendor_saved, sender=Vendor, dispatch_uid="feed.vendor.saved")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="feed.organisation.saved")
    post_save.connect(_category_saved, sender=Category, dispatch_uid="feed.category.saved")
    hooks.on_change("product", _products_changed)
    hooks.on_change("vendor", services.vendors_changed)
    hooks.on_change("category", services.categories_changed)
