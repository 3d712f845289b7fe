from decimal import Decimal

import pytest
from django.urls import reverse

from katalog.accounts.tests.factories import MembershipFactory
from katalog.catalog.models import Category, PriceChange, Product
from katalog.catalog.tests.factories import ProductFactory, png_upload, tkdn_certificate
from katalog.vendors.tests.factories import VendorFactory


@pytest.fixture
def draft(vendor):
    return ProductFactory(vendor=vendor, status="draft", name="Tapis Draf")


def product_urls(product):
    pk = product.pk
    photo_pk = product.photos.first().pk if product.photos.exists() else 999
    return {
        "detail": ("get", reverse("catalog:vendor_product_detail", kwargs={"pk": pk})),
        "edit": ("get", reverse("catalog:vendor_product_edit", kwargs={"pk": pk})),
        "photos": ("get", reverse("catalog:vendor_product_photos", kwargs={"pk": pk})),
        "photo_delete": ("post", reverse("catalog:vendor_product_photo_delete", kwargs={"pk": pk, "photo_pk": photo_pk})),
        "submit": ("post", reverse("catalog:vendor_product_submit", kwargs={"pk": pk})),
        "withdraw": ("post", reverse("catalog:vendor_product_withdraw", kwargs={"pk": pk})),
    }


def call(client, method, url):
    return getattr(client, method)(url)


# ---- Permission matrix ----

@pytest.mark.parametrize("page", ["detail", "edit", "photos", "photo_delete", "submit", "withdraw"])
def test_anonymous_visitors_are_sent_to_log_in(client, draft, page):
    method, url = product_urls(draft)[page]

    response = call(client, method, url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", ["detail", "edit", "photos", "photo_delete", "submit", "withdraw"])
@pytest.mark.parametrize("actor_name", ["other_vendor_owner", "buyer", "curator", "leader"])
def test_nobody_but_the_vendor_reaches_its_product_pages(request, client, draft, page, actor_name):
    client.force_login(request.getfixturevalue(actor_name))
    method, url = product_urls(draft)[page]

    response = call(client, method, url)

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["catalog:vendor_product_list", "catalog:vendor_product_create"])
@pytest.mark.parametrize("actor_name", ["buyer", "curator", "leader"])
def test_people_without_a_vendor_business_cannot_list_products(request, client, name, actor_name):
    client.force_login(request.getfixturevalue(actor_name))

    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["catalog:vendor_product_list", "catalog:vendor_product_create"])
def test_the_vendor_list_and_create_pages_need_a_login(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", ["detail", "edit", "photos"])
def test_the_vendor_sees_its_own_product_pages(client, vendor_owner, draft, page):
    client.force_login(vendor_owner)
    method, url = product_urls(draft)[page]

    assert call(client, method, url).status_code == 200


def test_a_staff_member_of_the_vendor_may_manage_its_products(client, vendor, draft):
    staff = MembershipFactory(organisation=vendor.organisation, role="vendor_staff").user
    client.force_login(staff)

    response = client.post(reverse("catalog:vendor_product_submit", kwargs={"pk": draft.pk}))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"


# ---- The product list ----

def test_the_list_shows_every_product_with_status_reason_and_kbli_problem(client, vendor, vendor_owner):
    ProductFactory(vendor=vendor, status="approved", name="Tapis Tayang")
    ProductFactory(vendor=vendor, status="returned", name="Tapis Kembali", status_reason="Foto buram.")
    ProductFactory(vendor=vendor, status="draft", name="Traktor Mini", category=Category.objects.get(name="Traktor Roda Dua"))
    ProductFactory(name="Produk Orang Lain")
    client.force_login(vendor_owner)

    html = client.get(reverse("catalog:vendor_product_list")).content.decode()

    assert "Tapis Tayang" in html and "Tapis Kembali" in html and "Traktor Mini" in html
    assert "Produk Orang Lain" not in html
    assert "Foto buram." in html
    assert "do not fit the category Traktor Roda Dua" in html


def test_a_vendor_that_is_not_verified_is_told_why_it_cannot_list(client, db):
    vendor = VendorFactory(status="returned", status_reason="NIB tidak cocok dengan nama usaha.")
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
    client.force_login(owner)

    html = client.get(reverse("catalog:vendor_product_list")).content.decode()
    response = client.get(reverse("catalog:vendor_product_create"))

    assert "A curator must verify it before you can list products" in html
    assert "NIB tidak cocok dengan nama usaha." in html
    assert reverse("catalog:vendor_product_create") not in html
    assert response.status_code == 302


def test_the_list_does_not_query_per_product(client, vendor, vendor_owner, django_assert_max_num_queries):
    ProductFactory.create_batch(25, vendor=vendor, status="submitted")
    client.force_login(vendor_owner)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalog:vendor_product_list"))

    assert len(response.context["rows"]) == 25


# ---- Create, edit, photos, submit, withdraw ----

def form_data(**overrides):
    data = {
        "sku": "", "name": "Kain Tapis Siger", "category": str(Category.objects.get(name="Tapis Lembaran").pk),
        "description": "Tenun tangan.", "unit": "lembar", "price_idr": "1500000", "min_order": "1",
        "capacity_per_month": "", "origin_region": "", "tkdn_document": "", "tkdn_pct": "", "bmp_pct": "",
    }
    data.update(overrides)
    return data


def test_a_vendor_creates_a_product_through_the_form(client, vendor, vendor_owner):
    client.force_login(vendor_owner)

    response = client.post(reverse("catalog:vendor_product_create"), form_data(certifications=["HALAL"]))

    product = Product.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("catalog:vendor_product_detail", kwargs={"pk": product.pk})
    assert (product.vendor, product.status, product.price_idr) == (vendor, "draft", 1_500_000)
    assert product.certifications == ["HALAL"]


def test_the_form_shows_a_refusal_next_to_the_field(client, vendor, vendor_owner):
    ProductFactory(sku="TAPIS-1")
    client.force_login(vendor_owner)

    response = client.post(reverse("catalog:vendor_product_create"), form_data(sku="TAPIS-1"))

    assert response.status_code == 200
    assert "TAPIS-1 is already used" in response.content.decode()
    assert Product.objects.count() == 1


def test_the_form_offers_only_the_vendors_own_tkdn_certificates(client, vendor, other_vendor, vendor_owner):
    own = tkdn_certificate(vendor, number="TKDN-OWN")
    tkdn_certificate(other_vendor, number="TKDN-OTHER")
    client.force_login(vendor_owner)

    html = client.get(reverse("catalog:vendor_product_create")).content.decode()
    response = client.post(reverse("catalog:vendor_product_create"), form_data(tkdn_document=str(own.pk)))

    assert "TKDN-OWN" in html and "TKDN-OTHER" not in html
    assert response.status_code == 302
    assert Product.objects.get().tkdn_pct == Decimal("42.50")


def test_editing_the_price_of_a_listed_product_keeps_the_history_and_may_recurate(client, vendor, vendor_owner):
    product = ProductFactory(vendor=vendor, status="approved", price_idr=1_000_000, origin_region=None)
    client.force_login(vendor_owner)
    data = form_data(
        name=product.name, description=product.description, unit=product.unit, price_idr="1200000",
        capacity_per_month=str(product.capacity_per_month), tkdn_pct="45", bmp_pct="5", certifications=["TKDN"],
    )
    del data["sku"]

    response = client.post(reverse("catalog:vendor_product_edit", kwargs={"pk": product.pk}), data)

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.price_idr == 1_200_000
    assert product.status == "submitted"
    assert PriceChange.objects.get(product=product).old_price_idr == 1_000_000
    detail = client.get(reverse("catalog:vendor_product_detail", kwargs={"pk": product.pk})).content.decode()
    assert "Rp1,000,000" in detail and "Rp1,200,000" in detail  # the price history


def test_a_vendor_uploads_and_deletes_a_photo(client, draft, vendor_owner):
    client.force_login(vendor_owner)
    url = reverse("catalog:vendor_product_photos", kwargs={"pk": draft.pk})

    client.post(url, {"image": png_upload()})
    photo = draft.photos.get()
    client.post(reverse("catalog:vendor_product_photo_delete", kwargs={"pk": draft.pk, "photo_pk": photo.pk}))

    assert not draft.photos.exists()


def test_an_upload_that_is_not_an_image_is_refused_on_the_form(client, draft, vendor_owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(vendor_owner)

    response = client.post(
        reverse("catalog:vendor_product_photos", kwargs={"pk": draft.pk}),
        {"image": SimpleUploadedFile("x.png", b"GIF89a....", content_type="image/png")},
    )

    assert response.status_code == 200
    assert "Only JPG, PNG files are accepted" in response.content.decode()
    assert not draft.photos.exists()


def test_a_vendor_submits_and_withdraws_a_product(client, draft, vendor_owner):
    client.force_login(vendor_owner)

    client.post(reverse("catalog:vendor_product_submit", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.status == "submitted"

    client.post(reverse("catalog:vendor_product_withdraw", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.status == "withdrawn"


def test_a_refused_action_is_shown_as_a_message(client, vendor, vendor_owner):
    product = ProductFactory(vendor=vendor, status="approved")
    client.force_login(vendor_owner)

    response = client.post(reverse("catalog:vendor_product_submit", kwargs={"pk": product.pk}), follow=True)

    assert "cannot be submitted for curation" in response.content.decode()


def test_actions_need_post(client, draft, vendor_owner):
    client.force_login(vendor_owner)

    assert client.get(reverse("catalog:vendor_product_submit", kwargs={"pk": draft.pk})).status_code == 405


def test_the_product_page_warns_about_a_kbli_mismatch_before_submitting(client, vendor, vendor_owner):
    product = ProductFactory(vendor=vendor, status="draft", category=Category.objects.get(name="Traktor Roda Dua"))
    client.force_login(vendor_owner)

    html = client.get(reverse("catalog:vendor_product_detail", kwargs={"pk": product.pk})).content.decode()

    assert "Your KBLI codes 13921, 32909 do not fit the category Traktor Roda Dua" in html
