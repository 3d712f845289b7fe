"""The curators' queues: products waiting for curation and vendors waiting for verification."""

from ninja import Query, Router

from katalog.accounts.access import require_curator
from katalog.catalog import services as catalog_services
from katalog.core import clock
from katalog.vendors import services as vendor_services

from . import selectors, serializers
from .auth import AUTH
from .schemas import (
    ErrorOut,
    PageParams,
    QueuedProductOut,
    QueuedProductPage,
    QueuedVendorOut,
    QueuedVendorPage,
    ReasonIn,
)

router = Router(tags=["curation"], auth=AUTH)

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _product(product) -> dict:
    return serializers.product_in_queue(product, now=clock.now())


def _vendor(vendor) -> dict:
    return serializers.vendor_in_queue(vendor, now=clock.now())


# ---- Products ----

@router.get(
    "/curation/products",
    response={200: QueuedProductPage, **ERRORS},
    summary="Products waiting for curation, longest waiting first",
)
def product_queue(request, paging: Query[PageParams]):
    require_curator(request.auth)
    return selectors.paginate(
        selectors.curation_products(), page=paging.page, page_size=paging.page_size, serialise=_product
    )


@router.post(
    "/curation/products/{sku}/approve",
    response={200: QueuedProductOut, **ERRORS},
    summary="List (tayang) a waiting product",
)
def product_approve(request, sku: str):
    require_curator(request.auth)
    product = catalog_services.product_approve(
        actor=request.auth, product=selectors.curation_product_get(sku), now=clock.now()
    )
    return _product(product)


@router.post(
    "/curation/products/{sku}/return",
    response={200: QueuedProductOut, **ERRORS},
    summary="Return a waiting product to its vendor with the reason",
)
def product_return(request, sku: str, payload: ReasonIn):
    require_curator(request.auth)
    product = catalog_services.product_return(
        actor=request.auth, product=selectors.curation_product_get(sku), reason=payload.reason, now=clock.now()
    )
    return _product(product)


# ---- Vendors ----

@router.get(
    "/curation/vendors",
    response={200: QueuedVendorPage, **ERRORS},
    summary="Vendors waiting for verification, longest waiting first",
)
def vendor_queue(request, paging: Query[PageParams]):
    require_curator(request.auth)
    return selectors.paginate(
        selectors.curation_vendors(), page=paging.page, page_size=paging.page_size, serialise=_vendor
    )


def _decided(vendor) -> dict:
    return _vendor(selectors.curation_vendor_get(vendor.code))


@router.post(
    "/curation/vendors/{code}/verify", response={200: QueuedVendorOut, **ERRORS}, summary="Verify a vendor"
)
def vendor_verify(request, code: str):
    require_curator(request.auth)
    vendor = vendor_services.vendor_verify(
        actor=request.auth, vendor=selectors.curation_vendor_get(code), now=clock.now()
    )
    return _decided(vendor)


@router.post(
    "/curation/vendors/{code}/return",
    response={200: QueuedVendorOut, **ERRORS},
    summary="Return a vendor for revision with the reason",
)
def vendor_return(request, code: str, payload: ReasonIn):
    require_curator(request.auth)
    vendor = vendor_services.vendor_return(
        actor=request.auth, vendor=selectors.curation_vendor_get(code), reason=payload.reason, now=clock.now()
    )
    return _decided(vendor)


@router.post(
    "/curation/vendors/{code}/reject",
    response={200: QueuedVendorOut, **ERRORS},
    summary="Reject a vendor for good, with the reason",
)
def vendor_reject(request, code: str, payload: ReasonIn):
    require_curator(request.auth)
    vendor = vendor_services.vendor_reject(
        actor=request.auth, vendor=selectors.curation_vendor_get(code), reason=payload.reason, now=clock.now()
    )
    return _decided(vendor)
