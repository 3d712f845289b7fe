"""The vocabulary's document counts stay exact as products change, without a full reindex."""

from katalog.catalog.models import Product
from katalog.catalog.tests.factories import ProductFactory
from katalog.search.indexing import _terms_of, index_products, reindex_all
from katalog.search.models import SearchEntry, SearchTerm


def recounted() -> dict[str, int]:
    counts: dict[str, int] = {}
    for name_terms, body_terms in SearchEntry.objects.values_list("name_terms", "body_terms"):
        for term in _terms_of(name_terms, body_terms):
            counts[term] = counts.get(term, 0) + 1
    return counts


def stored() -> dict[str, int]:
    return dict(SearchTerm.objects.values_list("term", "document_count"))


def test_counts_follow_new_changed_and_withdrawn_products(vendor):
    kopi = ProductFactory(vendor=vendor, status="approved", name="Kopi Robusta Liwa")
    ProductFactory(vendor=vendor, status="approved", name="Kopi Arabika Pesawaran")
    reindex_all()
    assert stored()["kopi"] == 2

    new = ProductFactory(vendor=vendor, status="approved", name="Singkong Keju Kopi")
    index_products([new.pk])
    Product.objects.filter(pk=kopi.pk).update(name="Keripik Pisang Cokelat")
    index_products([kopi.pk])
    Product.objects.filter(pk=new.pk).update(status="withdrawn")
    index_products([new.pk])

    assert stored() == recounted()
    assert stored()["kopi"] == 1
    assert "singkong" not in stored()  # its only product was withdrawn
    assert stored()["pisang"] == 1


def test_indexing_the_same_products_again_changes_no_count(vendor):
    products = [ProductFactory(vendor=vendor, status="approved", name=f"Kain Tapis Motif {i}") for i in range(3)]
    reindex_all()
    before = stored()

    index_products([p.pk for p in products])

    assert stored() == before
