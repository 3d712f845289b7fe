"""Releases of orders and mini-competitions: what is published, with which values, in which month."""

import datetime as dt
import json

import pytest
from django.conf import settings

from katalog.accounts.tests.factories import MembershipFactory
from katalog.opendata import packages, selectors, validation
from katalog.opendata.parties import vendor_party
from katalog.procurement import services
from katalog.procurement.competitions import services as competition_services
from katalog.procurement.models import Competition, OrderStatus
from katalog.procurement.tests.factories import order_in
from katalog.vendors.tests.factories import VendorFactory

from .builders import (
    BASE_URL,
    NOW,
    awarded_competition,
    bidder,
    imported_product,
    local_product,
    open_competition,
    quote,
    realise,
    realised_order,
)

S = OrderStatus
JUNE = dt.date(2025, 6, 1)
JULY = dt.date(2025, 7, 1)
PREFIX = settings.KATALOG["OCDS_OCID_PREFIX"]


def june_package():
    return packages.month_package(JUNE, base_url=BASE_URL, now=NOW)


def by_ocid(package) -> dict:
    return {release["ocid"]: release for release in package["releases"]}


def assert_valid(package):
    assert package["releases"], "the OCDS package schema needs at least one release"
    assert validation.package_problems(package, ocid_prefix=PREFIX) == []
    assert validation.package_problems(package, ocid_prefix=PREFIX, with_extensions=False) == []


@pytest.fixture
def two_line_order(buyer, vendor, vendor_owner):
    """2 x Rp1.500.000 local tapis (TKDN 45, BMP 5) + 2 x Rp250.000 imported plaques = Rp3.500.000,
    paid Rp2.000.000 on 20 June and Rp1.500.000 on 30 June 2025."""
    products = [local_product(vendor), imported_product(vendor)]
    return realised_order(
        buyer=buyer, vendor=vendor, vendor_user=vendor_owner, products=products,
        payments=[(2_000_000, dt.date(2025, 6, 20)), (1_500_000, dt.date(2025, 6, 30))],
    )


# ---- Orders ----


def test_a_realised_order_is_one_valid_release_with_and_without_the_extensions(two_line_order):
    package = june_package()

    assert_valid(package)
    assert [r["ocid"] for r in package["releases"]] == [f"{PREFIX}-order-{two_line_order.pk}"]


def test_an_order_release_carries_the_hand_checked_amounts_payments_and_p3dn_fields(two_line_order, buyer_org, vendor):
    release = june_package()["releases"][0]

    assert release["id"] == f"{PREFIX}-order-{two_line_order.pk}-contract"
    assert release["date"] == "2025-06-30T00:00:00+07:00"  # the day it was paid in full
    assert release["tag"] == ["award", "contract", "implementation"]
    assert release["tender"]["procurementMethod"] == "selective"
    assert release["tender"]["competitive"] is False
    assert release["planning"]["budget"] == {"description": "APBD 2025", "sourceType": "apbd"}
    contract = release["contracts"][0]
    assert contract["value"] == {"amount": 3_500_000, "currency": "IDR"}
    assert contract["status"] == "terminated"
    assert contract["awardID"] == release["awards"][0]["id"] == two_line_order.number
    transactions = contract["implementation"]["transactions"]
    assert [(t["date"], t["value"]["amount"]) for t in transactions] == [
        ("2025-06-20T00:00:00+07:00", 2_000_000), ("2025-06-30T00:00:00+07:00", 1_500_000),
    ]
    assert sum(t["value"]["amount"] for t in transactions) == contract["value"]["amount"]
    buyer_id, vendor_id = f"X-KATALOG-ORG-{buyer_org.pk}", f"ID-NIB-{vendor.nib}"
    assert {(t["payer"]["id"], t["payee"]["id"]) for t in transactions} == {(buyer_id, vendor_id)}
    tapis, plaque = contract["items"]
    assert (tapis["quantity"], tapis["unit"]["value"]["amount"], tapis["tkdn"], tapis["bmp"]) == (2, 1_500_000, 45, 5)
    assert (tapis["isLocalProduct"], tapis["isDomesticProduct"], tapis["isSmallBusinessProduct"]) == (True, True, True)
    assert tapis["classification"]["description"] == "Tapis Lembaran"
    assert "tkdn" not in plaque and "bmp" not in plaque
    assert (plaque["isLocalProduct"], plaque["isDomesticProduct"], plaque["isSmallBusinessProduct"]) == (False, False, True)
    assert [m["status"] for m in contract["implementation"]["milestones"]] == ["met"]


def test_parties_carry_roles_identifiers_scale_and_region_but_no_street_address(two_line_order, buyer_org, vendor):
    parties = {p["id"]: p for p in june_package()["releases"][0]["parties"]}

    buyer_party = parties[f"X-KATALOG-ORG-{buyer_org.pk}"]
    assert buyer_party["roles"] == ["buyer", "procuringEntity", "payer"]
    assert buyer_party["details"] == {"buyerType": "opd_provinsi", "regionCode": "18.71"}
    supplier = parties[f"ID-NIB-{vendor.nib}"]
    assert supplier["roles"] == ["supplier", "payee"]
    assert supplier["identifier"] == {"scheme": "ID-NIB", "id": vendor.nib, "legalName": vendor.name}
    assert supplier["details"] == {"scale": "micro", "businessScale": "mikro", "regionCode": "18.71"}
    assert supplier["address"] == {"locality": "Kota Bandar Lampung", "region": "Lampung", "countryName": "Indonesia"}


@pytest.mark.parametrize(("scale", "ocds_scale"), [("mikro", "micro"), ("kecil", "sme"), ("menengah", "sme"), ("besar", "large")])
def test_the_business_scale_maps_to_the_party_scale_codes(db, scale, ocds_scale):
    party = vendor_party(VendorFactory(scale=scale))

    assert party["details"]["scale"] == ocds_scale
    assert party["details"]["businessScale"] == scale


def test_a_vendor_without_nib_is_identified_by_its_catalogue_code(db):
    vendor = VendorFactory(nib="", code="VT-77")

    party = vendor_party(vendor)

    assert party["id"] == "X-KATALOG-VENDOR-VT-77"
    assert party["identifier"]["scheme"] == "X-KATALOG-VENDOR"


def test_the_package_holds_no_personal_data(two_line_order, buyer, vendor, vendor_owner):
    text = json.dumps(june_package(), ensure_ascii=False)

    people = [buyer, vendor_owner]
    secrets = [vendor.npwp, vendor.contact_name, vendor.contact_phone, vendor.address, two_line_order.delivery_address,
               "SP2D-001"]
    secrets += [value for person in people for value in (person.name, person.email, person.username) if value]
    assert [secret for secret in secrets if secret in text] == []
    for key in ("contactPoint", "streetAddress", "npwp", "email", "telephone"):
        assert f'"{key}"' not in text


def test_orders_not_paid_in_full_are_not_published(buyer, vendor, vendor_owner):
    draft = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, now=NOW)
    received = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, now=NOW)
    part_paid = order_in(S.RECEIVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, now=NOW)
    services.payment_record(actor=buyer, order_id=part_paid.pk, amount_idr=1_000, paid_date=dt.date(2025, 6, 20),
                            reference="SP2D-9", now=NOW)
    cancelled = order_in(S.APPROVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, now=NOW)
    services.order_cancel(actor=buyer, order_id=cancelled.pk, reason="Anggaran dialihkan", now=NOW)
    paid = realised_order(buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    completed = realised_order(buyer=buyer, vendor=vendor, vendor_user=vendor_owner, complete=True)

    ocids = set(by_ocid(june_package()))

    assert ocids == {f"{PREFIX}-order-{paid.pk}", f"{PREFIX}-order-{completed.pk}"}
    assert not {draft.pk, received.pk, part_paid.pk, cancelled.pk} & {int(o.rsplit("-", 1)[1]) for o in ocids}


def test_an_order_paid_in_full_on_the_last_day_of_a_month_is_in_that_month(buyer, vendor, vendor_owner):
    last_day = realised_order(buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                              payments=[(3_000_000, dt.date(2025, 6, 30))])
    first_day = realised_order(buyer=buyer, vendor=vendor, vendor_user=vendor_owner,
                               payments=[(3_000_000, dt.date(2025, 7, 1))])

    june = set(by_ocid(june_package()))
    july = set(by_ocid(packages.month_package(JULY, base_url=BASE_URL, now=NOW)))

    assert june == {f"{PREFIX}-order-{last_day.pk}"}
    assert july == {f"{PREFIX}-order-{first_day.pk}"}


# ---- Mini-competitions ----


@pytest.fixture
def bidders(db):
    """A quotes Rp1.000.000 a sheet with TKDN 45%, B Rp980.000 with TKDN 10% (a small business)."""
    return {"A": bidder("Tapis Jaya"), "B": bidder("Tapis Murah", scale="kecil", tkdn_pct=10, bmp_pct=0)}


def test_an_awarded_competition_is_a_valid_release_with_tenderers_and_the_award(buyer, bidders):
    competition, _ = awarded_competition(buyer=buyer, bidders=[(bidders["A"], 1_000_000), (bidders["B"], 980_000)])

    package = june_package()

    assert_valid(package)
    release = by_ocid(package)[f"{PREFIX}-competition-{competition.pk}"]
    assert release["tag"] == ["tender", "award"]
    assert release["date"] == release["awards"][0]["date"]
    tender = release["tender"]
    assert (tender["status"], tender["procurementMethodDetails"], tender["competitive"]) == ("complete", "Mini-kompetisi", True)
    assert tender["numberOfTenderers"] == 2
    # With the price preference A's HEA is 10.000.000 x (1 - 45% x 25%) = 8.875.000; B's TKDN (10%) is below 25%,
    # so its HEA stays 9.800.000 and A wins although B offered less.
    assert tender["awardCriteria"] == "ratedCriteria"
    award = release["awards"][0]
    winner = bidders["A"]["vendor"]
    assert award["suppliers"] == [{"id": f"ID-NIB-{winner.nib}", "name": winner.name}]
    assert award["value"] == {"amount": 10_000_000, "currency": "IDR"}  # the offered price, not the HEA
    item = award["items"][0]
    assert (item["quantity"], item["unit"]["value"]["amount"], item["tkdn"], item["isDomesticProduct"]) == (10, 1_000_000, 45, True)
    roles = {p["name"]: p["roles"] for p in release["parties"]}
    assert roles == {buyer.memberships.get().organisation.name: ["buyer", "procuringEntity"],
                     "Tapis Jaya": ["tenderer", "supplier"], "Tapis Murah": ["tenderer"]}
    assert {p["name"]: p["details"]["scale"] for p in release["parties"] if "scale" in p.get("details", {})} == {
        "Tapis Jaya": "micro", "Tapis Murah": "sme"}


def test_without_the_preference_the_award_criterion_is_price_only(buyer, bidders, settings):
    settings.KATALOG = {**settings.KATALOG, "PREFERENCE_FOR_EVERY_COMPETITION": False}
    competition, _ = awarded_competition(buyer=buyer, bidders=[(bidders["A"], 1_000_000), (bidders["B"], 980_000)])

    tender = by_ocid(june_package())[f"{PREFIX}-competition-{competition.pk}"]["tender"]

    assert tender["awardCriteria"] == "priceOnly"


def test_the_order_of_a_competition_adds_its_contract_under_the_same_ocid(buyer, bidders):
    competition, order = awarded_competition(buyer=buyer, bidders=[(bidders["A"], 1_000_000), (bidders["B"], 980_000)])
    realise(order, buyer=buyer, vendor_user=bidders["A"]["owner"], paid_date=dt.date(2025, 6, 27),
            now=NOW + dt.timedelta(days=5))

    package = june_package()

    assert_valid(package)
    ocid = f"{PREFIX}-competition-{competition.pk}"
    award_release, contract_release = [r for r in package["releases"] if r["ocid"] == ocid]
    assert contract_release["id"] == f"{ocid}-contract"
    assert contract_release["tag"] == ["contract", "implementation"]
    assert contract_release["date"] == "2025-06-27T00:00:00+07:00"
    contract = contract_release["contracts"][0]
    assert contract["awardID"] == award_release["awards"][0]["id"]
    assert contract["value"]["amount"] == sum(t["value"]["amount"] for t in contract["implementation"]["transactions"])
    assert contract["value"]["amount"] == 10_000_000
    assert not any(r["ocid"] == f"{PREFIX}-order-{order.pk}" for r in package["releases"])


def test_a_competition_awarded_at_the_end_of_a_jakarta_month_lands_in_that_month(buyer, bidders):
    last_second = dt.datetime(2025, 6, 30, 16, 59, 59, tzinfo=dt.UTC)  # 30 June, 23:59:59 in Jakarta
    june_competition, _ = awarded_competition(buyer=buyer, bidders=[(bidders["A"], 1_000_000), (bidders["B"], 980_000)],
                                              awarded_at=last_second)
    others = {"C": bidder("Tapis C"), "D": bidder("Tapis D")}
    july_competition, _ = awarded_competition(buyer=buyer, bidders=[(others["C"], 1_000_000), (others["D"], 990_000)],
                                              awarded_at=last_second + dt.timedelta(seconds=1))

    june = by_ocid(june_package())
    july = by_ocid(packages.month_package(JULY, base_url=BASE_URL, now=NOW))

    assert set(june) == {f"{PREFIX}-competition-{june_competition.pk}"}
    assert june[f"{PREFIX}-competition-{june_competition.pk}"]["date"] == "2025-06-30T23:59:59+07:00"
    assert set(july) == {f"{PREFIX}-competition-{july_competition.pk}"}
    assert july[f"{PREFIX}-competition-{july_competition.pk}"]["date"] == "2025-07-01T00:00:00+07:00"


def test_a_competition_cancelled_before_its_deadline_is_published_without_its_sealed_quotes(buyer, bidders):
    competition = open_competition(buyer=buyer, bidders=list(bidders.values()))
    quote(competition, bidders["A"], 1_000_000)
    competition_services.competition_cancel(actor=buyer, competition_id=competition.pk, reason="Kebutuhan berubah",
                                            now=NOW + dt.timedelta(hours=1))

    package = june_package()

    assert_valid(package)
    release = by_ocid(package)[f"{PREFIX}-competition-{competition.pk}"]
    assert release["tag"] == ["tender", "tenderCancellation"]
    assert release["tender"]["status"] == "cancelled"
    assert "tenderers" not in release["tender"] and "numberOfTenderers" not in release["tender"]
    assert "awards" not in release
    assert [p["roles"] for p in release["parties"]] == [["buyer", "procuringEntity"]]
    assert "Kebutuhan berubah" not in json.dumps(package)


def test_competitions_never_published_or_not_yet_awarded_are_not_published(buyer, bidders):
    draft = competition_services.competition_create(
        actor=buyer, title="Draf", specification="-", category=bidders["A"]["product"].category, quantity=1,
        unit="lembar", deadline_at=NOW + dt.timedelta(days=3), delivery_address="-", delivery_date=dt.date(2025, 7, 1),
        budget_source="apbd", budget_year=2025, now=NOW,
    )
    competition_services.competition_cancel(actor=buyer, competition_id=draft.pk, reason="Batal", now=NOW)
    evaluated = open_competition(buyer=buyer, bidders=list(bidders.values()))
    quote(evaluated, bidders["A"], 1_000_000)
    competition_services.competition_evaluate(actor=buyer, competition_id=evaluated.pk, now=NOW + dt.timedelta(days=4))
    still_open = open_competition(buyer=buyer, bidders=list(bidders.values()))

    assert selectors.releases_between(dt.date(2025, 1, 1)) == []
    statuses = dict(Competition.objects.filter(pk__in=[draft.pk, evaluated.pk, still_open.pk]).values_list("pk", "status"))
    assert statuses == {draft.pk: "cancelled", evaluated.pk: "closed", still_open.pk: "published"}


# ---- Queries ----


def test_a_package_takes_the_same_number_of_queries_however_many_releases(
    buyer, vendor, vendor_owner, bidders, django_assert_max_num_queries, django_assert_num_queries
):
    realised_order(buyer=buyer, vendor=vendor, vendor_user=vendor_owner, products=[local_product(vendor)])
    awarded_competition(buyer=buyer, bidders=[(bidders["A"], 1_000_000), (bidders["B"], 980_000)])
    with django_assert_max_num_queries(10) as captured:
        assert len(june_package()["releases"]) == 2
    queries = len(captured)

    other_buyer = MembershipFactory(role="buyer_ppk").user
    for _ in range(3):
        realised_order(buyer=other_buyer, vendor=vendor, vendor_user=vendor_owner,
                       products=[local_product(vendor), imported_product(vendor)])
    others = {"C": bidder("Tapis C"), "D": bidder("Tapis D")}
    awarded_competition(buyer=other_buyer, bidders=[(others["C"], 1_000_000), (others["D"], 990_000)])

    with django_assert_num_queries(queries):
        assert len(june_package()["releases"]) == 6
