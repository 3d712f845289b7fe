import datetime as dt
from decimal import Decimal

import pytest

from katalog.accounts.tests.factories import MembershipFactory
from katalog.audit.models import AuditEvent
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.procurement.competitions import selectors as selectors
from katalog.procurement.competitions import services as services
from katalog.procurement.models import CompetitionQuote, CompetitionStatus, Order, OrderStatus
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory

NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)
DEADLINE = NOW + dt.timedelta(days=3)
BEFORE = DEADLINE - dt.timedelta(seconds=1)
AFTER = DEADLINE + dt.timedelta(minutes=5)


def _tapis():
    return Category.objects.get(name="Tapis Lembaran")


def _bidder(**vendor_fields):
    vendor = VendorFactory(status="verified", **vendor_fields)
    owner = MembershipFactory(organisation=vendor.organisation, role="vendor_owner").user
    return vendor, owner


def _create(buyer, vendors, **overrides):
    values = {
        "title": "Pengadaan kain tapis untuk cinderamata",
        "specification": "Kain tapis motif kapal, 2 x 1 m, benang emas.",
        "category": _tapis(),
        "quantity": 1,
        "unit": "paket",
        "deadline_at": DEADLINE,
        "delivery_address": "Jl. Wolter Monginsidi No. 69, Bandar Lampung",
        "delivery_date": dt.date(2025, 7, 1),
        "budget_source": "apbd",
        "budget_year": 2025,
        "package_value_idr": 1_200_000_000,
        "vendor_ids": [v.pk for v in vendors],
    }
    values.update(overrides)
    return services.competition_create(actor=buyer, now=NOW, **values)


@pytest.fixture
def bidders(db):
    """Four verified vendors, A to D, each with an owner and a listed product in the category."""
    result = {}
    for label in "ABCD":
        vendor, owner = _bidder(name=f"Vendor {label}")
        product = ProductFactory(vendor=vendor, status="approved", tkdn_pct=None)
        result[label] = {"vendor": vendor, "owner": owner, "product": product}
    return result


@pytest.fixture
def open_competition(buyer, bidders):
    competition = _create(buyer, [b["vendor"] for b in bidders.values()])
    return services.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)


def _quote(competition, bidder, price, tkdn, *, now=NOW, with_product=True):
    return services.quote_submit(
        actor=bidder["owner"], competition_id=competition.pk, unit_price_idr=price,
        product_id=bidder["product"].pk if with_product else None, tkdn_pct=tkdn, now=now,
    )


@pytest.fixture
def worked_example(open_competition, bidders):
    """DOMAIN.md section 6: A 1.050.000.000/60%, B 1.150.000.000/50%, C 1.025.000.000/25%, D 1.010.000.000/20%."""
    for label, price, tkdn in [
        ("A", 1_050_000_000, "60"), ("B", 1_150_000_000, "50"), ("C", 1_025_000_000, "25"), ("D", 1_010_000_000, "20"),
    ]:
        _quote(open_competition, bidders[label], price, tkdn)
    return open_competition


# ---- Creating and publishing ----

def test_a_buyer_creates_a_draft_with_invitations_and_an_audit_event(buyer, bidders):
    competition = _create(buyer, [bidders["A"]["vendor"], bidders["B"]["vendor"]])

    assert competition.status == CompetitionStatus.DRAFT
    assert competition.invitations.count() == 2
    assert AuditEvent.objects.filter(event_type="procurement.competition.created", target_id=str(competition.pk)).exists()


def test_refuses_a_deadline_in_the_past(buyer, bidders):
    with pytest.raises(ValidationFailed) as exc:
        _create(buyer, [bidders["A"]["vendor"]], deadline_at=NOW - dt.timedelta(hours=1))
    assert "deadline_at" in exc.value.field_errors


def test_refuses_a_competition_started_by_a_vendor(bidders):
    with pytest.raises(PermissionDeniedError):
        _create(bidders["A"]["owner"], [bidders["B"]["vendor"]])


def test_refuses_to_invite_an_unverified_vendor(buyer, bidders):
    pending = VendorFactory(status="submitted")
    with pytest.raises(ValidationFailed):
        _create(buyer, [bidders["A"]["vendor"], pending])


def test_refuses_to_publish_with_fewer_than_two_vendors(buyer, bidders):
    competition = _create(buyer, [bidders["A"]["vendor"]])

    with pytest.raises(ValidationFailed) as exc:
        services.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)

    assert exc.value.code == "too_few_vendors"
    services.competition_invite(actor=buyer, competition_id=competition.pk, vendor_ids=[bidders["B"]["vendor"].pk], now=NOW)
    published = services.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)
    assert published.status == CompetitionStatus.PUBLISHED


def test_suggests_local_and_small_vendors_first(db):
    jakarta = Region.objects.get(code="31.71")
    big_local, _owner = _bidder(name="AA Besar Lokal", scale="menengah")
    small_local, _owner = _bidder(name="ZZ Kecil Lokal", scale="mikro")
    outsider, _owner = _bidder(name="AA Jakarta", scale="mikro", region=jakarta)
    unverified = VendorFactory(status="submitted")
    for vendor in (big_local, small_local, unverified):
        ProductFactory(vendor=vendor)
    ProductFactory(vendor=outsider, origin_region=jakarta)
    ProductFactory(vendor=big_local, status="draft")

    names = [s["name"] for s in selectors.suggest_vendors(_tapis())]

    assert names == ["ZZ Kecil Lokal", "AA Besar Lokal", "AA Jakarta"]
    assert selectors.suggest_vendors(_tapis(), limit=1)[0]["vendor_id"] == small_local.pk


# ---- Quoting ----

def test_an_invited_vendor_replaces_its_quote_before_the_deadline(open_competition, bidders):
    _quote(open_competition, bidders["A"], 1_000_000, "40")
    quote = _quote(open_competition, bidders["A"], 900_000, "40", now=BEFORE)

    assert quote.revision == 2
    assert CompetitionQuote.unsealed.filter(competition=open_competition).count() == 1
    assert quote.unit_price_idr == 900_000


def test_refuses_a_quote_at_or_after_the_deadline(open_competition, bidders):
    for moment in (DEADLINE, AFTER):
        with pytest.raises(InvalidTransition) as exc:
            _quote(open_competition, bidders["A"], 1_000_000, "40", now=moment)
        assert exc.value.code == "deadline_passed"
    assert not CompetitionQuote.unsealed.filter(competition=open_competition).exists()


def test_refuses_a_quote_from_a_vendor_not_invited(open_competition):
    outsider, owner = _bidder()
    product = ProductFactory(vendor=outsider)

    with pytest.raises(NotFoundError):
        _quote(open_competition, {"owner": owner, "product": product}, 1_000_000, "40")


def test_refuses_a_quote_naming_another_vendors_product(open_competition, bidders):
    with pytest.raises(ValidationFailed):
        services.quote_submit(
            actor=bidders["A"]["owner"], competition_id=open_competition.pk, unit_price_idr=1_000_000,
            product_id=bidders["B"]["product"].pk, now=NOW,
        )


def test_takes_the_tkdn_of_the_quoted_product_over_the_declared_one(open_competition, bidders):
    bidders["A"]["product"].tkdn_pct = Decimal("45.00")
    bidders["A"]["product"].save()

    quote = _quote(open_competition, bidders["A"], 1_000_000, "90")

    assert quote.tkdn_pct == Decimal("45.00")


def test_the_audit_event_of_a_quote_does_not_hold_its_price(open_competition, bidders):
    _quote(open_competition, bidders["A"], 987_654_321, "40")

    event = AuditEvent.objects.get(event_type="procurement.competition.quoted")
    assert "987654321" not in str(event.changes)


# ---- Sealing ----

def test_before_the_deadline_the_buyer_sees_only_how_many_quotes_arrived(worked_example, buyer):
    seen = selectors.quotes_visible_to(buyer, worked_example, now=BEFORE)

    assert seen == {"sealed": True, "quote_count": 4, "own_quote": None, "quotes": [], "evaluated": False,
                    "preference_applied": None}


def test_before_the_deadline_a_curator_sees_no_price(worked_example, curator):
    seen = selectors.quotes_visible_to(curator, worked_example, now=BEFORE)

    assert seen["quotes"] == [] and seen["own_quote"] is None and seen["quote_count"] == 4


def test_before_the_deadline_a_vendor_sees_only_its_own_quote_with_its_price(worked_example, bidders):
    seen = selectors.quotes_visible_to(bidders["B"]["owner"], worked_example, now=BEFORE)

    assert seen["quotes"] == [] and seen["quote_count"] is None
    assert seen["own_quote"]["vendor_id"] == bidders["B"]["vendor"].pk
    assert seen["own_quote"]["unit_price_idr"] == 1_150_000_000


def test_before_the_deadline_an_invited_vendor_without_a_quote_sees_nothing(worked_example, buyer):
    late, owner = _bidder()
    services.competition_invite(actor=buyer, competition_id=worked_example.pk, vendor_ids=[late.pk], now=NOW)

    seen = selectors.quotes_visible_to(owner, worked_example, now=BEFORE)

    assert seen["quotes"] == [] and seen["own_quote"] is None and seen["quote_count"] is None


def test_an_outsider_is_told_the_competition_does_not_exist(worked_example, other_vendor_owner):
    for moment in (BEFORE, AFTER):
        with pytest.raises(NotFoundError):
            selectors.quotes_visible_to(other_vendor_owner, worked_example, now=moment)
    with pytest.raises(NotFoundError):
        selectors.competition_get_for(other_vendor_owner, worked_example.pk)


def test_the_buyer_cannot_evaluate_before_the_deadline(worked_example, buyer):
    with pytest.raises(InvalidTransition) as exc:
        services.competition_evaluate(actor=buyer, competition_id=worked_example.pk, now=BEFORE)

    assert exc.value.code == "before_deadline"


def test_quotes_have_no_default_objects_manager_nor_reverse_accessor(worked_example):
    assert not hasattr(CompetitionQuote, "objects")
    assert not hasattr(worked_example, "quotes")


def test_after_the_deadline_everyone_entitled_sees_the_ranking(worked_example, buyer, curator, bidders):
    services.competition_evaluate(actor=buyer, competition_id=worked_example.pk, now=AFTER)

    for user in (buyer, curator, bidders["A"]["owner"], bidders["D"]["owner"]):
        seen = selectors.quotes_visible_to(user, worked_example, now=AFTER)
        assert seen["sealed"] is False
        assert [row["vendor_name"] for row in seen["quotes"]] == ["Vendor A", "Vendor C", "Vendor B", "Vendor D"]
    assert seen["own_quote"]["vendor_id"] == bidders["D"]["vendor"].pk


# ---- Evaluation ----

def test_ranks_the_worked_example_of_domain_section_6(worked_example, buyer):
    ranking = services.competition_evaluate(actor=buyer, competition_id=worked_example.pk, now=AFTER)

    assert [(q.vendor.name, q.evaluated_price_idr, q.kp_pct, q.rank) for q in ranking] == [
        ("Vendor A", 892_500_000, Decimal("15"), 1),
        ("Vendor C", 960_937_500, Decimal("6.25"), 2),
        ("Vendor B", 1_006_250_000, Decimal("12.5"), 3),
        ("Vendor D", 1_010_000_000, Decimal("0"), 4),
    ]
    worked_example.refresh_from_db()
    assert worked_example.status == CompetitionStatus.CLOSED and worked_example.preference_applied is True


def test_shows_the_arithmetic_of_each_evaluated_quote(worked_example, buyer):
    services.competition_evaluate(actor=buyer, competition_id=worked_example.pk, now=AFTER)

    first = selectors.quotes_visible_to(buyer, worked_example, now=AFTER)["quotes"][0]

    assert first["offered_total_idr"] == 1_050_000_000
    assert first["evaluated_price_idr"] == 892_500_000
    assert "HEA" in first["explanation"] and "892.500.000" in first["explanation"]


def test_on_equal_hea_the_higher_tkdn_wins(open_competition, buyer, bidders):
    # 1.000.000 at 40% (KP 10%) and 960.000 at 25% (KP 6,25%) both give HEA 900.000.
    _quote(open_competition, bidders["A"], 960_000, "25")
    _quote(open_competition, bidders["B"], 1_000_000, "40")

    ranking = services.competition_evaluate(actor=buyer, competition_id=open_competition.pk, now=AFTER)

    assert [(q.vendor.name, q.evaluated_price_idr) for q in ranking] == [("Vendor B", 900_000), ("Vendor A", 900_000)]


def test_without_the_preference_ranks_by_offered_price_then_higher_tkdn(buyer, bidders, settings):
    settings.KATALOG = {**settings.KATALOG, "PREFERENCE_FOR_EVERY_COMPETITION": False}
    competition = _create(buyer, [b["vendor"] for b in bidders.values()], package_value_idr=50_000_000)
    services.competition_publish(actor=buyer, competition_id=competition.pk, now=NOW)
    _quote(competition, bidders["A"], 1_000_000, "60")
    _quote(competition, bidders["B"], 990_000, "0")
    _quote(competition, bidders["C"], 1_000_000, "80")

    ranking = services.competition_evaluate(actor=buyer, competition_id=competition.pk, now=AFTER)

    assert [(q.vendor.name, q.evaluated_price_idr) for q in ranking] == [
        ("Vendor B", 990_000), ("Vendor C", 1_000_000), ("Vendor A", 1_000_000),
    ]
    competition.refresh_from_db()
    assert competition.preference_applied is False


def test_a_vendor_cannot_evaluate(worked_example, bidders):
    with pytest.raises(PermissionDeniedError):
        services.competition_evaluate(actor=bidders["A"]["owner"], competition_id=worked_example.pk, now=AFTER)


# ---- Award ----

def test_award_creates_a_draft_order_at_the_offered_price_not_the_hea(worked_example, buyer, bidders):
    services.competition_evaluate(actor=buyer, competition_id=worked_example.pk, now=AFTER)

    order = services.competition_award(actor=buyer, competition_id=worked_example.pk, now=AFTER)

    line = order.lines.get()
    assert order.vendor == bidders["A"]["vendor"]
    assert order.status == OrderStatus.DRAFT and order.competition_id == worked_example.pk
    assert order.number == f"ORD-2025-{order.pk:06d}"
    assert line.unit_price_idr == 1_050_000_000 and order.total_idr == 1_050_000_000
    assert line.product == bidders["A"]["product"] and line.tkdn_pct == Decimal("60")
    worked_example.refresh_from_db()
    assert worked_example.status == CompetitionStatus.AWARDED
    assert AuditEvent.objects.filter(event_type="procurement.competition.awarded").count() == 1


def test_award_requires_a_listed_product_in_the_quote(open_competition, buyer, bidders):
    _quote(open_competition, bidders["A"], 1_000_000, "60", with_product=False)
    _quote(open_competition, bidders["B"], 1_200_000, "60")
    services.competition_evaluate(actor=buyer, competition_id=open_competition.pk, now=AFTER)

    with pytest.raises(ValidationFailed) as exc:
        services.competition_award(actor=buyer, competition_id=open_competition.pk, now=AFTER)

    assert exc.value.code == "quote_without_product"
    assert not Order.objects.exists()


def test_awarding_a_lower_ranked_quote_needs_a_reason(worked_example, buyer, bidders):
    ranking = services.competition_evaluate(actor=buyer, competition_id=worked_example.pk, now=AFTER)
    second = ranking[1]

    with pytest.raises(ValidationFailed):
        services.competition_award(actor=buyer, competition_id=worked_example.pk, quote_id=second.pk, now=AFTER)
    order = services.competition_award(
        actor=buyer, competition_id=worked_example.pk, quote_id=second.pk, reason="Vendor A withdrew.", now=AFTER
    )

    assert order.vendor == bidders["C"]["vendor"] and order.lines.get().unit_price_idr == 1_025_000_000


def test_refuses_to_award_before_evaluation(worked_example, buyer):
    with pytest.raises(InvalidTransition):
        services.competition_award(actor=buyer, competition_id=worked_example.pk, now=AFTER)


def test_a_cancelled_competition_takes_no_quotes(open_competition, buyer, bidders):
    services.competition_cancel(actor=buyer, competition_id=open_competition.pk, reason="Anggaran dialihkan.", now=NOW)

    with pytest.raises(InvalidTransition):
        _quote(open_competition, bidders["A"], 1_000_000, "40")
