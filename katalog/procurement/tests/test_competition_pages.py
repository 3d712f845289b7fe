"""The mini-competition pages (kompetisi/): the whole flow through the pages, sealed quotes on every page
and in the CSV, the deadline, and who may see and do what."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.money import format_rupiah
from katalog.procurement.competitions import services as services
from katalog.procurement.competitions.views import order_path
from katalog.procurement.models import Competition, CompetitionQuote, CompetitionStatus, Order, OrderStatus
from katalog.vendors.tests.factories import VendorFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)  # 10:00 in Jakarta
DEADLINE = dt.datetime(2025, 6, 5, 3, 0, tzinfo=dt.UTC)  # 5 June 2025, 10:00 WIB
AFTER = DEADLINE + dt.timedelta(minutes=5)
# Prices no page may show before the deadline to anyone but their vendor (quantity 3: totals differ).
PRICE_A, PRICE_B = 123_456_789, 987_654_321
QUANTITY = 3


# ---- Set-up ----

def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clock_start():
    return NOW


def _text(message: str) -> str:
    """A message as the pages show it (in the site's default language, Indonesian)."""
    with translation.override("id"):
        return str(_(message))


def _digits_forms(amount: int) -> list[str]:
    """Every way a page or a CSV may write an amount: plain, grouped with dots, grouped with commas."""
    return [str(amount), f"{amount:,}", f"{amount:,}".replace(",", ".")]


def _assert_no_price(content: str, *amounts: int) -> None:
    for amount in amounts:
        for written in _digits_forms(amount) + _digits_forms(amount * QUANTITY):
            assert written not in content


def _bidder(name: str, tkdn: str):
    vendor = VendorFactory(status="verified", name=name)
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
    product = ProductFactory(vendor=vendor, status="approved", name=f"Tapis {name}", tkdn_pct=Decimal(tkdn))
    return {"vendor": vendor, "owner": owner, "product": product}


@pytest.fixture
def bidders(db):
    return {"A": _bidder("Tapis Anggun", "60"), "B": _bidder("Tapis Bunga", "50")}


def _create(buyer, vendors, **overrides) -> Competition:
    values = {
        "title": "Kain tapis cendera mata", "specification": "Tapis motif kapal, 2 x 1 m.",
        "category": Category.objects.get(name="Tapis Lembaran"), "quantity": QUANTITY, "unit": "lembar",
        "deadline_at": DEADLINE, "delivery_address": "Jl. Wolter Monginsidi No. 69, Bandar Lampung",
        "delivery_date": dt.date(2025, 7, 1), "budget_source": "apbd", "budget_year": 2025,
        "package_value_idr": None, "vendor_ids": [v.pk for v in vendors],
    }
    values.update(overrides)
    return services.competition_create(actor=buyer, now=NOW, **values)


@pytest.fixture
def quoted(buyer, bidders, frozen_clock):
    """A published competition with a quote from A and from B, before the deadline."""
    competition = _create(buyer, [b["vendor"] for b in bidders.values()])
    services.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)
    for label, price in (("A", PRICE_A), ("B", PRICE_B)):
        services.quote_submit(
            actor=bidders[label]["owner"], competition_id=competition.pk, unit_price_idr=price,
            product_id=bidders[label]["product"].pk, now=NOW,
        )
    return competition


def _url(name: str, competition: Competition) -> str:
    return reverse(f"competitions:{name}", args=[competition.pk])


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# ---- The whole flow through the pages ----

def test_a_competition_goes_from_creation_to_an_order_through_the_pages(buyer, bidders, frozen_clock):
    buyer_client = _client(buyer)
    category = Category.objects.get(name="Tapis Lembaran")
    assert buyer_client.get(reverse("competitions:create")).status_code == 200

    response = buyer_client.post(reverse("competitions:create"), {
        "title": "Kain tapis cendera mata", "category": category.pk, "specification": "Tapis motif kapal.",
        "quantity": "3", "unit": "lembar", "package_value_idr": "1.200.000.000", "deadline_at": "2025-06-05T10:00",
        "delivery_address": "Jl. Wolter Monginsidi No. 69", "delivery_date": "2025-07-01", "budget_source": "apbd",
        "budget_year": "2025",
    })

    competition = Competition.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("invite", competition)
    assert competition.deadline_at == DEADLINE  # typed as local time in Lampung (WIB)
    assert competition.package_value_idr == 1_200_000_000 and competition.status == CompetitionStatus.DRAFT

    invite_page = buyer_client.get(_url("invite", competition)).content.decode()
    for bidder in bidders.values():
        assert f'value="{bidder["vendor"].pk}"' in invite_page  # suggested: they list products in the category
    buyer_client.post(_url("invite", competition), {"vendor_ids": [b["vendor"].pk for b in bidders.values()]})
    response = buyer_client.post(_url("publish", competition))
    assert response["Location"] == _url("detail", competition)
    competition.refresh_from_db()
    assert competition.status == CompetitionStatus.PUBLISHED and competition.invitations.count() == 2

    for label, price in (("A", "1.050.000.000"), ("B", "Rp1.150.000.000")):
        vendor_client = _client(bidders[label]["owner"])
        requests_page = vendor_client.get(reverse("competitions:quote_requests")).content.decode()
        assert _url("detail", competition) in requests_page
        assert 'id="quote-form"' in vendor_client.get(_url("detail", competition)).content.decode()
        response = vendor_client.post(_url("quote", competition), {
            "unit_price_idr": price, "product_id": bidders[label]["product"].pk, "tkdn_pct": "", "notes": "",
        })
        assert response.status_code == 302
    assert CompetitionQuote.unsealed.filter(competition=competition).count() == 2

    frozen_clock.set(AFTER)
    buyer_client.post(_url("evaluate", competition))
    competition.refresh_from_db()
    assert competition.status == CompetitionStatus.CLOSED and competition.preference_applied is True
    page = buyer_client.get(_url("detail", competition)).content.decode()
    with translation.override("id"):
        # A: HP 3 x 1.050.000.000, TKDN 60% → KP 15% → HEA 2.677.500.000; B: TKDN 50% → KP 12,5%.
        for amount in (3_150_000_000, 2_677_500_000, 3_450_000_000, 3_018_750_000):
            assert format_rupiah(amount) in page
    assert "12,5%" in page and 'id="preference-reason"' in page

    response = buyer_client.post(_url("award", competition), {"award-quote_id": "", "award-reason": ""})

    order = Order.objects.get(competition_id=competition.pk)
    assert response.status_code == 302 and response["Location"] == order_path(order.pk)
    assert order.vendor == bidders["A"]["vendor"] and order.status == OrderStatus.DRAFT
    assert order.lines.get().unit_price_idr == 1_050_000_000  # the offered price, not the HEA
    page = buyer_client.get(_url("detail", competition)).content.decode()
    assert f'href="{order_path(order.pk)}"' in page


def test_the_order_link_is_the_order_page_address():
    assert order_path(42) == "/pesanan/42/"


# ---- Sealed quotes ----

def test_before_the_deadline_no_page_shows_another_vendors_price(quoted, buyer, curator, bidders):
    views = {
        "buyer": (_client(buyer), [PRICE_A, PRICE_B]),
        "curator": (_client(curator), [PRICE_A, PRICE_B]),
        "vendor A": (_client(bidders["A"]["owner"]), [PRICE_B]),
        "vendor B": (_client(bidders["B"]["owner"]), [PRICE_A]),
    }
    paths = [
        reverse("competitions:list"), reverse("competitions:list") + "?status=published",
        reverse("competitions:quote_requests"), reverse("competitions:quote_requests") + "?state=closed",
        _url("detail", quoted), _url("invite", quoted), _url("quotes_csv", quoted),
    ]
    for who, (client, hidden) in views.items():
        for path in paths:
            response = client.get(path, follow=True)
            assert response.status_code in (200, 403), (who, path)
            _assert_no_price(response.content.decode("utf-8-sig"), *hidden)
    # A page shown again after a refused action holds no other price either.
    vendor_a = views["vendor A"][0]
    response = vendor_a.post(_url("quote", quoted), {"unit_price_idr": "abc", "product_id": "", "tkdn_pct": ""})
    assert response.status_code == 422
    _assert_no_price(response.content.decode(), PRICE_B)
    for path in (_url("evaluate", quoted), _url("award", quoted)):
        response = views["buyer"][0].post(path, {"award-quote_id": "", "award-reason": ""}, follow=True)
        _assert_no_price(response.content.decode(), PRICE_A, PRICE_B)


def test_before_the_deadline_a_vendor_sees_its_own_price_and_the_buyer_only_a_count(quoted, buyer, bidders):
    own_page = _client(bidders["A"]["owner"]).get(_url("detail", quoted)).content.decode()
    with translation.override("id"):
        assert format_rupiah(PRICE_A) in own_page
    buyer_page = _client(buyer).get(_url("detail", quoted)).content.decode()
    assert 'id="sealed-notice"' in buyer_page and 'id="ranking"' not in buyer_page


def test_before_the_deadline_the_csv_holds_only_what_the_person_may_see(quoted, buyer, curator, bidders):
    for overseer in (buyer, curator):
        assert _csv_rows(_client(overseer).get(_url("quotes_csv", quoted))) == []

    rows = _csv_rows(_client(bidders["A"]["owner"]).get(_url("quotes_csv", quoted)))

    assert [(r["vendor"], r["unit_price_idr"]) for r in rows] == [("Tapis Anggun", str(PRICE_A))]


def test_after_evaluation_everyone_entitled_sees_the_ranking_and_its_arithmetic(quoted, buyer, curator, bidders,
                                                                                 frozen_clock):
    frozen_clock.set(AFTER)
    services.competition_evaluate(actor=buyer, competition_id=quoted.pk, now=AFTER)

    for user in (buyer, curator, bidders["A"]["owner"], bidders["B"]["owner"]):
        client = _client(user)
        page = client.get(_url("detail", quoted)).content.decode()
        assert 'id="ranking"' in page
        with translation.override("id"):
            for amount in (PRICE_A, PRICE_B):
                assert format_rupiah(amount) in page
            assert format_rupiah(round(PRICE_A * QUANTITY * Decimal("0.85"))) in page  # KP 15%
        rows = _csv_rows(client.get(_url("quotes_csv", quoted)))
        assert [(r["rank"], r["vendor"], r["kp_pct"]) for r in rows] == [
            ("1", "Tapis Anggun", "15.0000"), ("2", "Tapis Bunga", "12.5000"),
        ]
        assert rows[0]["evaluated_price_idr"] == str(round(PRICE_A * QUANTITY * Decimal("0.85")))
        assert rows[0]["preference_given"] == "yes"


# ---- The deadline ----

def test_a_quote_after_the_deadline_is_refused_with_a_message(quoted, bidders, frozen_clock):
    frozen_clock.set(DEADLINE)
    client = _client(bidders["A"]["owner"])

    response = client.post(_url("quote", quoted), {
        "unit_price_idr": "1000", "product_id": bidders["A"]["product"].pk, "tkdn_pct": "", "notes": "",
    }, follow=True)

    assert _text("The deadline for quotes has passed; no quote can be submitted or changed.") in (
        response.content.decode()
    )
    quote = CompetitionQuote.unsealed.get(competition=quoted, vendor=bidders["A"]["vendor"])
    assert quote.unit_price_idr == PRICE_A and quote.revision == 1
    assert 'id="quote-form"' not in response.content.decode()


def test_a_vendor_replaces_its_quote_before_the_deadline(quoted, bidders, frozen_clock):
    frozen_clock.set(DEADLINE - dt.timedelta(seconds=1))

    _client(bidders["A"]["owner"]).post(_url("quote", quoted), {
        "unit_price_idr": "100.000.000", "product_id": bidders["A"]["product"].pk, "tkdn_pct": "", "notes": "Baru",
    })

    quote = CompetitionQuote.unsealed.get(competition=quoted, vendor=bidders["A"]["vendor"])
    assert (quote.unit_price_idr, quote.revision, quote.tkdn_pct) == (100_000_000, 2, Decimal("60.00"))


# ---- Who may see and do what ----

def test_another_organisations_buyer_is_told_the_competition_does_not_exist(quoted):
    stranger = MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user
    client = _client(stranger)

    for name in ("detail", "invite", "quotes_csv"):
        assert client.get(_url(name, quoted)).status_code == 404
    for name in ("publish", "evaluate", "award", "cancel", "quote"):
        assert client.post(_url(name, quoted), {"cancel-reason": "x"}).status_code == 404
    assert _url("detail", quoted) not in client.get(reverse("competitions:list")).content.decode()
    assert Competition.objects.get(pk=quoted.pk).status == CompetitionStatus.PUBLISHED


def test_a_vendor_not_invited_is_told_the_competition_does_not_exist(quoted, other_vendor_owner):
    client = _client(other_vendor_owner)

    for name in ("detail", "quotes_csv"):
        assert client.get(_url(name, quoted)).status_code == 404
    response = client.post(_url("quote", quoted), {"unit_price_idr": "1000", "product_id": "", "tkdn_pct": "1"})
    assert response.status_code == 404
    assert _url("detail", quoted) not in client.get(reverse("competitions:quote_requests")).content.decode()
    assert CompetitionQuote.unsealed.filter(competition=quoted).count() == 2


def test_an_invited_vendor_may_not_act_for_the_buyer(quoted, bidders, frozen_clock):
    frozen_clock.set(AFTER)
    client = _client(bidders["A"]["owner"])

    for name in ("invite", "publish", "evaluate", "award", "cancel"):
        method = client.get if name == "invite" else client.post
        assert method(_url(name, quoted), {"cancel-reason": "x"}).status_code == 403
    assert client.get(reverse("competitions:create")).status_code == 403
    assert Competition.objects.get(pk=quoted.pk).status == CompetitionStatus.PUBLISHED


def test_invited_vendors_do_not_see_a_draft(buyer, bidders):
    draft = _create(buyer, [bidders["A"]["vendor"]])

    assert _client(bidders["A"]["owner"]).get(_url("detail", draft)).status_code == 404


# ---- Rules shown as messages and form errors ----

def test_publishing_needs_the_minimum_number_of_vendors(buyer, bidders, frozen_clock, settings):
    draft = _create(buyer, [bidders["A"]["vendor"]])
    client = _client(buyer)

    response = client.post(_url("publish", draft), follow=True)

    expected = _text("Invite at least %(min)d verified vendors; %(count)d invited.") % {
        "min": settings.KATALOG["COMPETITION_MIN_VENDORS"], "count": 1,
    }
    assert expected in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == CompetitionStatus.DRAFT
    assert 'class="alert alert-warning" id="invited-count"' in client.get(_url("invite", draft)).content.decode()


def test_cancelling_needs_a_reason(quoted, buyer):
    client = _client(buyer)

    assert client.post(_url("cancel", quoted), {"cancel-reason": ""}).status_code == 422
    assert Competition.objects.get(pk=quoted.pk).status == CompetitionStatus.PUBLISHED

    client.post(_url("cancel", quoted), {"cancel-reason": "Anggaran dialihkan."})
    quoted.refresh_from_db()
    assert quoted.status == CompetitionStatus.CANCELLED and quoted.status_reason == "Anggaran dialihkan."


def test_awarding_the_second_ranked_quote_needs_a_reason(quoted, buyer, bidders, frozen_clock):
    frozen_clock.set(AFTER)
    ranking = services.competition_evaluate(actor=buyer, competition_id=quoted.pk, now=AFTER)
    second = ranking[1]
    client = _client(buyer)

    response = client.post(_url("award", quoted), {"award-quote_id": second.pk, "award-reason": ""})

    assert response.status_code == 422 and not Order.objects.exists()
    client.post(_url("award", quoted), {"award-quote_id": second.pk, "award-reason": "A menarik diri."})
    assert Order.objects.get(competition_id=quoted.pk).vendor == bidders["B"]["vendor"]


def test_a_deadline_in_the_past_is_refused_on_the_form(buyer, frozen_clock):
    category = Category.objects.get(name="Tapis Lembaran")

    response = _client(buyer).post(reverse("competitions:create"), {
        "title": "Tapis", "category": category.pk, "specification": "Tapis.", "quantity": "1", "unit": "lembar",
        "deadline_at": "2025-06-02T09:59", "delivery_address": "Bandar Lampung", "delivery_date": "2025-07-01",
        "budget_source": "apbd", "budget_year": "2025",
    })

    assert response.status_code == 200 and not Competition.objects.exists()
    assert "id_deadline_at_error" in response.content.decode()


# ---- Lists ----

def test_the_lists_take_the_same_number_of_queries_for_many_competitions(buyer, bidders, frozen_clock):
    buyer_client, vendor_client = _client(buyer), _client(bidders["A"]["owner"])
    pages = [(buyer_client, reverse("competitions:list")), (vendor_client, reverse("competitions:quote_requests"))]

    def publish_and_count(how_many: int) -> list[int]:
        for _index in range(how_many):
            competition = _create(buyer, [b["vendor"] for b in bidders.values()])
            services.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)
        counts = []
        for client, path in pages:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert len(re.findall(r'href="/kompetisi/\d+/"', response.content.decode())) == Competition.objects.count()
            counts.append(len(queries))
        return counts

    assert publish_and_count(1) == publish_and_count(5)
