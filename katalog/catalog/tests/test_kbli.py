from katalog.catalog import services
from katalog.catalog.kbli import category_kbli_codes
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.vendors.tests.factories import VendorFactory


def test_a_category_without_codes_inherits_its_parents(db):
    top = Category.objects.create(name="Uji", slug="uji", level=1, kbli_codes=["28", "33"])
    middle = Category.objects.create(name="Uji Tengah", slug="uji-tengah", level=2, parent=top)
    leaf = Category.objects.create(name="Uji Daun", slug="uji-daun", level=3, parent=middle)

    assert category_kbli_codes(leaf) == ["28", "33"]
    assert category_kbli_codes(leaf, {c.pk: c for c in (top, middle, leaf)}) == ["28", "33"]


def test_a_tree_without_codes_accepts_every_vendor(db):
    top = Category.objects.create(name="Bebas", slug="bebas", level=1)
    leaf = Category.objects.create(name="Bebas Daun", slug="bebas-daun", level=2, parent=top)
    product = ProductFactory(category=leaf, vendor=VendorFactory(kbli=["10792"]))

    assert services.product_kbli_problem(product) is None


def test_says_why_the_vendors_kbli_does_not_fit_the_category(db):
    product = ProductFactory(
        category=Category.objects.get(name="Traktor Roda Dua"), vendor=VendorFactory(kbli=["10792"])
    )

    assert services.product_kbli_problem(product) == (
        "Your KBLI codes 10792 do not fit the category Traktor Roda Dua, "
        "which needs KBLI starting with 28, 33, 46 or 47."
    )
    assert services.product_kbli_problem(product, for_curator=True).startswith("The vendor's KBLI codes 10792")


def test_a_fitting_kbli_has_no_problem(db):
    product = ProductFactory(
        category=Category.objects.get(name="Traktor Roda Dua"), vendor=VendorFactory(kbli=["10792", "28210"])
    )

    assert services.product_kbli_problem(product) is None


def test_a_vendor_without_kbli_is_told_so(db):
    product = ProductFactory(category=Category.objects.get(name="Jasa Keamanan"), vendor=VendorFactory(kbli=[]))

    assert "no KBLI codes" in services.product_kbli_problem(product)
