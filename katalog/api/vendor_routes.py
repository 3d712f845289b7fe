"""A vendor's own products: list, create, change, submit for curation (members of a vendor only)."""

from ninja import Query, Router, Status

from katalog.catalog import services as catalog_services
from katalog.core import clock

from . import inputs, selectors, serializers
from .auth import AUTH
from .schemas import ERRORS, OwnProductOut, OwnProductPage, PageParams, ProductIn, ProductPatch

router = Router(tags=["vendor"], auth=AUTH)


def _own(vendor, sku: str) -> dict:
    """The product as read again with everything its answer shows."""
    return serializers.product_own(selectors.vendor_product_get(vendor, sku))


@router.get(
    "/vendor/products",
    response={200: OwnProductPage, **ERRORS},
    summary="Your business's products in every status, most recently changed first",
)
def own_product_list(request, paging: Query[PageParams]):
    vendor = selectors.vendor_of(request.auth)
    return selectors.paginate(
        selectors.vendor_products(vendor), page=paging.page, page_size=paging.page_size,
        serialise=serializers.product_own,
    )


@router.post(
    "/vendor/products",
    response={201: OwnProductOut, **ERRORS},
    summary="Create a product (draft); without a SKU one is assigned",
)
def own_product_create(request, payload: ProductIn):
    vendor = selectors.vendor_of(request.auth)
    product = catalog_services.product_create(
        actor=request.auth, vendor=vendor, data=inputs.product_data(payload.dict()), now=clock.now()
    )
    return Status(201, _own(vendor, product.sku))


@router.patch(
    "/vendor/products/{sku}",
    response={200: OwnProductOut, **ERRORS},
    summary="Change the fields sent; a listed product may go back to curation",
)
def own_product_update(request, sku: str, payload: ProductPatch):
    vendor = selectors.vendor_of(request.auth)
    product = catalog_services.product_update(
        actor=request.auth, product=selectors.vendor_product_get(vendor, sku),
        data=inputs.product_data(payload.dict(exclude_unset=True)), now=clock.now(),
    )
    return _own(vendor, product.sku)


@router.post(
    "/vendor/products/{sku}/submit",
    response={200: OwnProductOut, **ERRORS},
    summary="Send a draft or returned product to the curators",
)
def own_product_submit(request, sku: str):
    vendor = selectors.vendor_of(request.auth)
    product = catalog_services.product_submit(
        actor=request.auth, product=selectors.vendor_product_get(vendor, sku), now=clock.now()
    )
    return serializers.product_own(product)
