"""The curators' queues: products waiting for curation and vendors waiting for verification."""

from ninja import Query, Router

from katalog.accounts.access import require_curator
from katalog.catalog import services as catalog_services
from katalog.core import clock
from katalog.vendors import services as vendor_services

from . import selectors, serializers
from .auth import AUTH
from .schemas import (
    ERRORS,
    PageParams,
    QueuedProductOut,
    QueuedProductPage,
    QueuedVendorOut,
    QueuedVendorPage,
    ReasonIn,
)

router = Router(tags=["curation"], auth=AUTH)


def _product(product) -> dict:
    return serializers.product_in_queue(product, now=clock.now())


def _vendor(vendor) -> dict:
    return serializers.vendor_in_queue(vendor, now=clock.now())


def _decide_on_product(request, decide, sku: str, **kwargs) -> dict:
    """Approve or return: curators only; the answer is the product as it now is."""
    require_curator(request.auth)
    product = decide(actor=request.auth, product=selectors.curation_product_get(sku), now=clock.now(), **kwargs)
    return _product(product)


def _decide_on_vendor(request, decide, code: str, **kwargs) -> dict:
    """Verify, return or reject: curators only; the answer is the vendor read again, with its documents."""
    require_curator(request.auth)
    vendor = decide(actor=request.auth, vendor=selectors.curation_vendor_get(code), now=clock.now(), **kwargs)
    return _vendor(selectors.curation_vendor_get(vendor.code))


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
    return _decide_on_product(request, catalog_services.product_approve, sku)


@router.post(
    "/curation/products/{sku}/return",
    response={200: QueuedProductOut, **ERRORS},
    summary="Return a waiting product to its vendor with the reason",
)
def product_return(request, sku: str, payload: ReasonIn):
    return _decide_on_product(request, catalog_services.product_return, sku, reason=payload.reason)


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


@router.post(
    "/curation/vendors/{code}/verify", response={200: QueuedVendorOut, **ERRORS}, summary="Verify a vendor"
)
def vendor_verify(request, code: str):
    return _decide_on_vendor(request, vendor_services.vendor_verify, code)


@router.post(
    "/curation/vendors/{code}/return",
    response={200: QueuedVendorOut, **ERRORS},
    summary="Return a vendor for revision with the reason",
)
def vendor_return(request, code: str, payload: ReasonIn):
    return _decide_on_vendor(request, vendor_services.vendor_return, code, reason=payload.reason)


@router.post(
    "/curation/vendors/{code}/reject",
    response={200: QueuedVendorOut, **ERRORS},
    summary="Reject a vendor for good, with the reason",
)
def vendor_reject(request, code: str, payload: ReasonIn):
    return _decide_on_vendor(request, vendor_services.vendor_reject, code, reason=payload.reason)
