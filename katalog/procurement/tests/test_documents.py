"""The printable Surat Pesanan and BAST: figures equal the stored ones, PDFs render, access is checked."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.money import terbilang
from katalog.procurement.documents import content as documents
from katalog.procurement.models import Bast, Delivery, DeliveryLine, Order, OrderLine

NOW = dt.datetime(2025, 3, 12, 3, 30, tzinfo=dt.UTC)  # 10.30 in Jakarta


def make_order(*, buyer_org, vendor, ppk, products_and_quantities, unit_prices, sp_number="SP-001/2025", **extra):
    """An issued order with stored line snapshots and a stored total equal to their sum."""
    order = Order.objects.create(
        number=extra.pop("number", "PSN-2025-000001"), buyer_organisation=buyer_org, vendor=vendor,
        created_by=ppk, ppk=ppk, status="accepted", title="Pengadaan kain tapis untuk cendera mata",
        delivery_address="Jl. Wolter Monginsidi No. 69, Bandar Lampung", delivery_date=dt.date(2025, 4, 1),
        budget_source="apbd", budget_year=2025, sp_number=sp_number, sp_sequence=1 if sp_number else None,
        sp_year=2025 if sp_number else None, sp_terms="Pengiriman dalam dua tahap.", sp_signed_at=NOW,
        sp_signed_by=ppk, created_at=NOW, updated_at=NOW, **extra,
    )
    total = 0
    for position, ((product, quantity), price) in enumerate(zip(products_and_quantities, unit_prices, strict=True), 1):
        OrderLine.objects.create(
            order=order, product=product, position=position, quantity=quantity, sku=product.sku, name=product.name,
            unit=product.unit, category_id=product.category_id, list_price_idr=product.price_idr,
            unit_price_idr=price, tkdn_pct=Decimal("45.00"), bmp_pct=Decimal("5.00"), is_local=True,
        )
        total += quantity * price
    order.total_idr = total
    order.save(update_fields=["total_idr"])
    return order


def make_bast(order, *, quantities, shipped_by, signed_by, value_idr=None):
    delivery = Delivery.objects.create(order=order, sequence=1, shipped_at=NOW, shipped_by=shipped_by, carrier="JNE 123")
    lines = list(order.lines.all())
    value = 0
    for line, quantity in zip(lines, quantities, strict=True):
        DeliveryLine.objects.create(delivery=delivery, order_line=line, quantity=quantity)
        value += quantity * line.unit_price_idr
    return Bast.objects.create(
        delivery=delivery, number="BAST/001/2025", function_ok=True, quantity_ok=True, on_time=False,
        conforming=False, non_conformity="Terlambat dua hari.", signed_by=signed_by, signed_at=NOW,
        value_idr=value if value_idr is None else value_idr,
    )


@pytest.fixture
def order(buyer_org, vendor, buyer):
    first = ProductFactory(vendor=vendor)
    second = ProductFactory(vendor=vendor)
    # 2 x 500.000 + 1 x 250.000 = 1.250.000
    return make_order(
        buyer_org=buyer_org, vendor=vendor, ppk=buyer,
        products_and_quantities=[(first, 2), (second, 1)], unit_prices=[500_000, 250_000],
    )


@pytest.fixture
def bast(order, vendor_owner, buyer):
    return make_bast(order, quantities=[1, 1], shipped_by=vendor_owner, signed_by=buyer)


# Terbilang, as written on the documents.
@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (1_250_000, "satu juta dua ratus lima puluh ribu rupiah"),
        (1_000, "seribu rupiah"),
        (750_000, "tujuh ratus lima puluh ribu rupiah"),
        (2_500_000_000, "dua miliar lima ratus juta rupiah"),
    ],
)
def test_terbilang_spells_the_amount_in_indonesian(amount, words):
    assert terbilang(amount) == words


# The Surat Pesanan's figures.
def test_surat_pesanan_total_equals_the_stored_order_total(order):
    context = documents.surat_pesanan_context(order)

    assert context["total"]["value"] == order.total_idr == 1_250_000
    assert context["total"]["display"] == "Rp1.250.000"
    assert context["total_in_words"] == "satu juta dua ratus lima puluh ribu rupiah"
    assert [line["subtotal"]["value"] for line in context["lines"]] == [1_000_000, 250_000]
    assert [line["no"] for line in context["lines"]] == [1, 2]
    assert context["lines"][0]["tkdn"] == "45%"


def test_surat_pesanan_shows_both_parties_and_the_ppk(order, vendor, buyer):
    context = documents.surat_pesanan_context(order)

    assert context["document"]["number"] == "SP-001/2025"
    assert context["vendor"]["nib"] == vendor.nib
    assert context["vendor"]["npwp"] == vendor.npwp
    assert context["signatories"]["ppk"]["name"] == (buyer.name or buyer.username)
    assert context["terms"] == "Pengiriman dalam dua tahap."
    assert context["letterhead"]["authority"] == "PEMERINTAH PROVINSI LAMPUNG"


def test_surat_pesanan_is_refused_when_the_lines_disagree_with_the_stored_total(order):
    Order.objects.filter(pk=order.pk).update(total_idr=1_250_001)
    order.refresh_from_db()

    with pytest.raises(documents.DocumentIntegrityError, match="1.250.001"):
        documents.surat_pesanan_context(order)


def test_surat_pesanan_is_refused_before_it_is_issued(order):
    order.sp_number = ""

    with pytest.raises(documents.DocumentIntegrityError):
        documents.surat_pesanan_context(order)


# The BAST's figures.
def test_bast_values_the_delivered_quantities_at_the_agreed_prices(bast):
    context = documents.bast_context(bast)

    assert [line["quantity"] for line in context["lines"]] == [1, 1]
    assert [line["ordered_quantity"] for line in context["lines"]] == [2, 1]
    assert context["total"]["value"] == bast.value_idr == 750_000
    assert context["total_in_words"] == "tujuh ratus lima puluh ribu rupiah"
    assert context["order_total"]["value"] == 1_250_000
    assert context["inspection"] == {
        "function_ok": True, "quantity_ok": True, "on_time": False, "conforming": False,
        "non_conformity": "Terlambat dua hari.",
    }


def test_bast_is_refused_when_its_stored_value_disagrees(bast):
    Bast.objects.filter(pk=bast.pk).update(value_idr=1)
    bast.refresh_from_db()

    with pytest.raises(documents.DocumentIntegrityError, match="Rp1[;,]"):
        documents.bast_context(bast)


# PDF.
def test_render_pdf_returns_a_pdf(order):
    from django.template.loader import render_to_string

    html = render_to_string("procurement/documents/surat_pesanan.html", documents.surat_pesanan_context(order))

    assert documents.render_pdf(html, base_url=None).startswith(b"%PDF")


# Pages and access.
def sp_url(order, pdf=False):
    name = "surat_pesanan_pdf" if pdf else "surat_pesanan"
    return reverse(f"procurement_documents:{name}", args=[order.number])


def bast_url(bast, pdf=False):
    return reverse(f"procurement_documents:{'bast_pdf' if pdf else 'bast'}", args=[bast.pk])


@pytest.mark.parametrize("who", ["buyer", "vendor_owner"])
def test_buyer_and_vendor_see_the_surat_pesanan(client, order, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(sp_url(order))

    assert response.status_code == 200
    body = response.content.decode()
    assert "SURAT PESANAN" in body
    assert "Rp1.250.000" in body
    assert "satu juta dua ratus lima puluh ribu rupiah" in body.lower()


@pytest.mark.parametrize("who", ["buyer", "vendor_owner"])
def test_buyer_and_vendor_download_the_surat_pesanan_pdf(client, order, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(sp_url(order, pdf=True))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("pdf", [False, True])
def test_another_organisation_gets_404_for_the_surat_pesanan(client, order, other_vendor_owner, pdf):
    client.force_login(other_vendor_owner)

    assert client.get(sp_url(order, pdf=pdf)).status_code == 404


def test_another_buyer_organisation_gets_404(client, order):
    stranger = MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user
    client.force_login(stranger)

    assert client.get(sp_url(order)).status_code == 404


def test_surat_pesanan_page_is_404_before_it_is_issued(client, order, buyer):
    Order.objects.filter(pk=order.pk).update(sp_number="")
    client.force_login(buyer)

    assert client.get(sp_url(order)).status_code == 404


def test_surat_pesanan_page_refuses_a_mismatching_order(client, order, buyer):
    Order.objects.filter(pk=order.pk).update(total_idr=999)
    client.force_login(buyer)

    for pdf in (False, True):
        response = client.get(sp_url(order, pdf=pdf))
        assert response.status_code == 409
        assert not response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["buyer", "vendor_owner"])
def test_buyer_and_vendor_see_the_bast_and_its_pdf(client, bast, who, request):
    client.force_login(request.getfixturevalue(who))

    page = client.get(bast_url(bast))
    pdf = client.get(bast_url(bast, pdf=True))

    assert page.status_code == 200
    assert "BERITA ACARA SERAH TERIMA" in page.content.decode()
    assert "Terlambat dua hari." in page.content.decode()
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("pdf", [False, True])
def test_another_organisation_gets_404_for_the_bast(client, bast, other_vendor_owner, pdf):
    client.force_login(other_vendor_owner)

    assert client.get(bast_url(bast, pdf=pdf)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, order):
    response = client.get(sp_url(order))

    assert response.status_code == 302
