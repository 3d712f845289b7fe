import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from katalog.core.tabular import read_table
from katalog.imports.models import ImportJob
from katalog.imports.products import PRODUCT_COLUMNS, import_products
from katalog.imports.vendors import VENDOR_COLUMNS, import_vendors
from katalog.vendors.models import Vendor

from .sheets import vendor_row, vendors_csv

pytestmark = pytest.mark.django_db

PAGES = [
    ("get", reverse("imports:index")),
    ("get", reverse("imports:template", kwargs={"kind": "vendors", "format": "csv"})),
    ("post", reverse("imports:upload", kwargs={"kind": "vendors"})),
]


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload(client, kind: str, content: bytes, name: str = "data.csv", **options):
    data = {f"{kind}-file": SimpleUploadedFile(name, content, content_type="text/csv")}
    data.update({f"{kind}-{key}": "on" for key, on in options.items() if on})
    return client.post(reverse("imports:upload", kwargs={"kind": kind}), data)


@pytest.mark.parametrize(("method", "url"), PAGES)
def test_sends_anonymous_visitors_to_the_login_page(client, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("method", "url"), PAGES)
@pytest.mark.parametrize("person", ["vendor_owner", "buyer", "leader"])
def test_refuses_everyone_but_curators(client, request, person, method, url):
    client.force_login(request.getfixturevalue(person))

    response = getattr(client, method)(url)

    assert response.status_code == 403
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("person", ["curator", "administrator"])
def test_shows_both_forms_and_the_template_links_to_curators(english_client, request, person):
    english_client.force_login(request.getfixturevalue(person))

    response = english_client.get(reverse("imports:index"))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="vendors-file"' in content and 'name="vendors-verified"' in content
    assert 'name="products-approve"' in content and 'name="products-create_categories"' in content
    for kind in ("vendors", "products"):
        for file_format in ("csv", "xlsx"):
            assert reverse("imports:template", kwargs={"kind": kind, "format": file_format}) in content


def test_imports_an_upload_and_shows_the_counts(english_client, curator):
    english_client.force_login(curator)

    response = upload(english_client, "vendors", vendors_csv(vendor_row(1), vendor_row(2)), verified=True)

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("imports:job", kwargs={"job_id": job.pk})
    assert (job.status, job.options, job.created_by, job.data) == (
        "finished", {"verified": True, "skip_invalid": False}, curator, b"")
    assert set(Vendor.objects.values_list("status", flat=True)) == {"verified"}
    page = english_client.get(response.url).content.decode()
    assert "Every row was imported." in page
    assert "data.csv" in page


def test_shows_every_bad_row_and_says_nothing_was_imported(english_client, curator):
    english_client.force_login(curator)
    content = vendors_csv(vendor_row(1), vendor_row(2, npwp="12345"), vendor_row(3, regency_code="99"))

    response = upload(english_client, "vendors", content)
    page = english_client.get(response.url).content.decode()

    assert Vendor.objects.count() == 0
    assert "Nothing was imported: fix these rows or tick" in page
    assert "<td>3</td><td><code>npwp</code></td>" in page
    assert "<td>4</td><td><code>regency_code</code></td>" in page
    errors = english_client.get(reverse("imports:job_errors", kwargs={"job_id": ImportJob.objects.get().pk}))
    assert errors.content.decode("utf-8-sig").splitlines()[0:2] == [
        "row,column,message", "3,npwp,NPWP must have 15 or 16 digits (found '12345')."]


def test_skipping_invalid_rows_from_the_page_imports_the_valid_ones(english_client, curator):
    english_client.force_login(curator)

    response = upload(english_client, "vendors", vendors_csv(vendor_row(1), vendor_row(2, npwp="1")),
                      skip_invalid=True)

    page = english_client.get(response.url).content.decode()
    assert Vendor.objects.count() == 1
    assert "1 row with errors was skipped" in page


def test_says_why_an_unreadable_file_was_not_imported(english_client, curator):
    english_client.force_login(curator)

    response = upload(english_client, "products", b"sku,name\nA,B\n")

    job = ImportJob.objects.get()
    assert job.status == "failed" and "lacks the column" in job.error_message
    page = english_client.get(response.url).content.decode()
    assert "Nothing was imported." in page and "lacks the column" in page


def test_refuses_a_file_that_is_not_csv_or_xlsx(english_client, curator):
    english_client.force_login(curator)

    response = upload(english_client, "vendors", b"%PDF-1.4", name="vendors.pdf")

    assert response.status_code == 400
    assert "Choose a CSV or XLSX file." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_answers_not_found_for_an_unknown_kind_job_or_template(client, curator):
    client.force_login(curator)

    assert client.post(reverse("imports:upload", kwargs={"kind": "orders"})).status_code == 404
    assert client.get(reverse("imports:job", kwargs={"job_id": 999})).status_code == 404
    assert client.get(reverse("imports:template", kwargs={"kind": "vendors", "format": "ods"})).status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_templates_parse_back_and_their_examples_import_cleanly(client, curator, file_format):
    client.force_login(curator)
    files = {}
    for kind, columns in (("vendors", VENDOR_COLUMNS), ("products", PRODUCT_COLUMNS)):
        response = client.get(reverse("imports:template", kwargs={"kind": kind, "format": file_format}))
        assert response.status_code == 200
        assert f"katalog-{kind}-template.{file_format}" in response["Content-Disposition"]
        files[kind] = response.content
        table = read_table(response.content, filename=f"t.{file_format}", required=columns)
        assert table.header == columns and len(table.rows) == 2

    vendors = import_vendors(files["vendors"], filename=f"v.{file_format}")
    products = import_products(files["products"], filename=f"p.{file_format}")

    assert (vendors.errors, vendors.created) == ([], 2)
    assert (products.errors, products.created) == ([], 2)


def test_a_waiting_import_page_refreshes_itself_until_the_report_is_there(english_client, curator):
    from katalog.imports import services

    english_client.force_login(curator)
    job = services.import_job_create(actor=curator, kind="vendors", data=vendors_csv(vendor_row(1)),
                                     filename="v.csv", options={})
    url = reverse("imports:job", kwargs={"job_id": job.pk})

    waiting = english_client.get(url).content.decode()
    services.import_job_run(job_id=job.pk)
    fragment = english_client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert f'hx-get="{url}"' in waiting and "Waiting to run" in waiting
    assert "<html" not in fragment and "hx-get" not in fragment
    assert "Every row was imported." in fragment


def test_lists_recent_imports_with_a_fixed_number_of_queries(client, curator, django_assert_max_num_queries):
    from katalog.imports import services

    client.force_login(curator)
    for n in range(5):
        services.import_job_create(actor=curator, kind="vendors", data=b"x", filename=f"v{n}.csv", options={})

    with django_assert_max_num_queries(5):  # 4, plus the navigation bell's unread count
        response = client.get(reverse("imports:index"))

    assert response.content.decode().count("v4.csv") == 1
