"""Public read API of the catalogue: listed products of verified vendors, vendors, categories, regions.

No authentication. Each handler parses, calls one selector and serialises.
"""

from ninja import Query, Router, Schema
from pydantic import Field

from katalog.catalog.selectors import category_tree
from katalog.core import clock

from . import selectors, serializers
from .schemas import CategoryOut, ErrorOut, ProductOut, ProductPage, RegionOut, VendorOut

router = Router(tags=["catalogue"])


class ProductFilters(Schema):
    page: int = Field(1, description="Page number, from 1.")
    page_size: int = Field(24, description="Items per page, at most settings.KATALOG['API_PAGE_SIZE_MAX'].")
    category: str = Field("", description="Category slug; includes its subcategories.")
    vendor: str = Field("", description="Vendor code.")
    regency: str = Field("", description="Kemendagri code of the vendor's regency/city, e.g. 18.71.")
    local: bool = Field(False, description="Only 'Produk Lokal Lampung' (made in the province by a vendor of it).")
    q: str = Field("", description="Words to look for in name, description, vendor and category.")


@router.get(
    "/products",
    response={200: ProductPage, 422: ErrorOut},
    auth=None,
    summary="Listed products (approved, of verified vendors), newest first",
)
def product_list(request, filters: Query[ProductFilters]):
    queryset = selectors.products_public(
        category=filters.category, vendor=filters.vendor, regency=filters.regency, local=filters.local, q=filters.q
    )
    return selectors.paginate(
        queryset, page=filters.page, page_size=filters.page_size, serialise=serializers.product_public
    )


@router.get(
    "/products/{sku}", response={200: ProductOut, 404: ErrorOut}, auth=None, summary="One listed product"
)
def product_detail(request, sku: str):
    return serializers.product_public(selectors.product_public_get(sku))


@router.get(
    "/vendors/{code}", response={200: VendorOut, 404: ErrorOut}, auth=None, summary="A verified vendor"
)
def vendor_detail(request, code: str):
    vendor, certificates, product_count = selectors.vendor_public_get(code, today=clock.today())
    return serializers.vendor_public(vendor, certificates=certificates, product_count=product_count)


@router.get(
    "/categories",
    response=list[CategoryOut],
    auth=None,
    summary="The category tree (three levels) with fitting KBLI codes and listed-product counts",
)
def category_list(request):
    return [serializers.category_node(node) for node in category_tree()]


@router.get(
    "/regions",
    response=list[RegionOut],
    auth=None,
    summary="Provinces and regencies/cities with Kemendagri and BPS codes",
)
def region_list(request):
    return [serializers.region(r) for r in selectors.regions_all()]
