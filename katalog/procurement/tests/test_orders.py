"""Orders from a draft to the vendor's acceptance: sending, negotiation, approval, Surat Pesanan (creating a
draft: test_order_creation.py)."""


import pytest

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.procurement import selectors, services, states
from katalog.procurement.models import Order, OrderStatus
from katalog.procurement.tests.factories import (
    LATER,
    NOW,
    draft_order,
    order_in,
)
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory

S = OrderStatus

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def other_buyer(db):
    return MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user


# ---- Sending: the PP's limit ----

@pytest.mark.parametrize(
    ("who", "large", "expected"),
    [
        ("ppk", False, S.APPROVED),
        ("pp", False, S.APPROVED),
        ("ppk", True, S.AWAITING_APPROVAL),
        ("pp", True, S.AWAITING_APPROVAL),
    ],
)
def test_sends_within_the_limit_to_approved_and_above_it_to_the_ppk(buyer, pp, vendor, who, large, expected):
    actor = buyer if who == "ppk" else pp
    price = 150_000_000 if large else 1_000_000
    order = draft_order(buyer=actor, vendor=vendor, products=[ProductFactory(vendor=vendor, price_idr=price)])

    order = services.order_send(actor=actor, order_id=order.pk, negotiate=False, now=LATER)

    assert order.status == expected
    assert order.waiting_since == LATER
    assert order.submitted_at == LATER


def test_sends_exactly_the_limit_without_ppk_approval(buyer, vendor):
    order = draft_order(buyer=buyer, vendor=vendor, products=[ProductFactory(vendor=vendor, price_idr=100_000_000)])

    assert services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=NOW).status == S.APPROVED


# ---- Sending: local first and P3DN ----

@pytest.fixture
def jakarta_vendor(db):
    return VendorFactory(region=Region.objects.get(code="31.71"))


def test_asks_why_a_non_local_product_was_chosen_over_a_listed_local_one(buyer, jakarta_vendor, approved_product):
    outsider = ProductFactory(vendor=jakarta_vendor, origin_region=Region.objects.get(code="31.71"))
    order = draft_order(buyer=buyer, vendor=jakarta_vendor, products=[outsider])

    with pytest.raises(ValidationFailed) as error:
        services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=NOW)

    assert list(error.value.field_errors) == ["local_justification"]
    assert outsider.name in error.value.field_errors["local_justification"][0]
    assert Order.objects.get(pk=order.pk).status == S.DRAFT

    order = services.order_send(
        actor=buyer, order_id=order.pk, negotiate=False, local_justification="Motif khusus.", now=NOW
    )
    assert order.status == S.APPROVED
    assert order.local_justification == "Motif khusus."


def test_needs_no_justification_when_no_local_product_is_listed_in_the_category(buyer, jakarta_vendor):
    other = Category.objects.exclude(name="Tapis Lembaran").filter(level=3).first()
    outsider = ProductFactory(vendor=jakarta_vendor, category=other, origin_region=None)
    order = draft_order(buyer=buyer, vendor=jakarta_vendor, products=[outsider])

    assert services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=NOW).status == S.APPROVED


def test_asks_why_a_product_below_40_percent_was_chosen_over_one_above(buyer, vendor, approved_product):
    low = ProductFactory(vendor=vendor, tkdn_pct=20, bmp_pct=5)
    order = draft_order(buyer=buyer, vendor=vendor, products=[low])

    with pytest.raises(ValidationFailed) as error:
        services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=NOW)
    assert list(error.value.field_errors) == ["pdn_justification"]

    order = services.order_send(
        actor=buyer, order_id=order.pk, negotiate=False, pdn_justification="Stok habis.", now=NOW
    )
    assert order.pdn_justification == "Stok habis."


# ---- Negotiation ----

def test_negotiates_until_one_side_accepts_the_others_offer(buyer, vendor, vendor_owner):
    product = ProductFactory(vendor=vendor, price_idr=1_000_000)
    order = draft_order(buyer=buyer, vendor=vendor, products=[product], quantity=10)
    line = order.lines.get()

    order = services.order_send(
        actor=buyer, order_id=order.pk, negotiate=True, unit_prices={line.pk: 800_000}, now=NOW
    )
    assert order.status == S.NEGOTIATING
    services.offer_make(actor=vendor_owner, order_id=order.pk, unit_prices={str(line.pk): 900_000}, now=LATER)
    with pytest.raises(PermissionDeniedError):
        services.offer_accept(actor=vendor_owner, order_id=order.pk, now=LATER)

    order = services.offer_accept(actor=buyer, order_id=order.pk, now=LATER)

    assert order.status == S.APPROVED
    assert order.total_idr == 9_000_000
    assert order.lines.get().unit_price_idr == 900_000
    assert order.lines.get().list_price_idr == 1_000_000
    assert [o.side for o in order.offers.all()] == ["buyer", "vendor"]
    assert order.offers.last().accepted_at == LATER


def test_starts_negotiation_with_an_offer_at_catalogue_prices(buyer, vendor, vendor_owner):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    offer = order.offers.get()
    assert offer.side == "buyer"
    assert offer.total_idr == order.total_idr

    order = services.offer_accept(actor=vendor_owner, order_id=order.pk, now=LATER)
    assert order.status == S.APPROVED


def test_refuses_an_offer_with_a_negative_price_or_a_foreign_line(buyer, vendor, vendor_owner):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    line = order.lines.get()

    with pytest.raises(ValidationFailed):
        services.offer_make(actor=vendor_owner, order_id=order.pk, unit_prices={line.pk: -1}, now=LATER)
    with pytest.raises(ValidationFailed):
        services.offer_make(actor=vendor_owner, order_id=order.pk, unit_prices={999999: 1}, now=LATER)
    assert order.offers.count() == 1


def test_sends_an_agreement_above_the_limit_to_the_ppk(buyer, vendor, vendor_owner):
    order = order_in(S.NEGOTIATING, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    assert services.offer_accept(actor=vendor_owner, order_id=order.pk, now=LATER).status == S.AWAITING_APPROVAL


# ---- The PPK and the Surat Pesanan ----

def test_runs_from_approval_to_the_vendors_acceptance(buyer, buyer_org, vendor, vendor_owner):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    order = services.order_approve(actor=buyer, order_id=order.pk, now=LATER)
    assert (order.status, order.ppk) == (S.APPROVED, buyer)
    order = services.sp_issue(actor=buyer, order_id=order.pk, terms="Garansi 1 tahun.", now=LATER)
    assert order.status == S.AWAITING_VENDOR
    assert order.sp_number == f"SP-0001/{buyer_org.pk}/2025"
    assert (order.sp_signed_by, order.sp_terms) == (buyer, "Garansi 1 tahun.")
    order = services.order_accept_by_vendor(actor=vendor_owner, order_id=order.pk, now=LATER)
    assert order.status == S.ACCEPTED
    assert order.vendor_signed_by == vendor_owner

    events = [e["event_type"] for e in selectors.order_detail(buyer, order.pk)["timeline"]]
    assert events == [
        "procurement.order.created", "procurement.order.sent", "procurement.order.approved",
        "procurement.order.sp_issued", "procurement.order.accepted",
    ]


def test_numbers_surat_pesanan_per_organisation_and_year(buyer, buyer_org, vendor, vendor_owner, other_buyer):
    numbers = [
        services.sp_issue(
            actor=buyer, order_id=order_in(S.APPROVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner).pk, now=NOW
        ).sp_number
        for _ in range(2)
    ]
    other = order_in(S.APPROVED, buyer=other_buyer, vendor=vendor, vendor_user=vendor_owner)
    other_number = services.sp_issue(actor=other_buyer, order_id=other.pk, now=NOW).sp_number

    assert numbers == [f"SP-0001/{buyer_org.pk}/2025", f"SP-0002/{buyer_org.pk}/2025"]
    assert other_number.startswith("SP-0001/")


def test_refuses_approval_by_the_pejabat_pengadaan(buyer, pp, vendor, vendor_owner):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    with pytest.raises(PermissionDeniedError):
        services.order_approve(actor=pp, order_id=order.pk, now=LATER)
    with pytest.raises(PermissionDeniedError):
        services.sp_issue(actor=pp, order_id=order.pk, now=LATER)


def test_rejects_with_a_reason_only(buyer, vendor, vendor_owner):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    with pytest.raises(ValidationFailed):
        services.order_reject(actor=buyer, order_id=order.pk, reason="  ", now=LATER)
    order = services.order_reject(actor=buyer, order_id=order.pk, reason="Anggaran tidak cukup.", now=LATER)

    assert (order.status, order.status_reason) == (S.REJECTED, "Anggaran tidak cukup.")


def test_lets_the_vendor_decline_with_a_reason(buyer, vendor, vendor_owner):
    order = order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    order = services.order_decline(actor=vendor_owner, order_id=order.pk, reason="Stok habis.", now=LATER)

    assert order.status == S.DECLINED


def test_lets_the_buyer_cancel_until_the_vendor_accepts(buyer, vendor, vendor_owner):
    waiting = order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    accepted = order_in(S.ACCEPTED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    assert services.order_cancel(actor=buyer, order_id=waiting.pk, reason="Batal.", now=LATER).status == S.CANCELLED
    with pytest.raises(InvalidTransition):
        services.order_cancel(actor=buyer, order_id=accepted.pk, reason="Batal.", now=LATER)


# ---- Refused transitions ----

@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "approve"),
        (S.APPROVED, "approve"),
        (S.DRAFT, "sp_issue"),
        (S.AWAITING_APPROVAL, "sp_issue"),
        (S.APPROVED, "accept"),
        (S.ACCEPTED, "accept"),
        (S.APPROVED, "send"),
        (S.AWAITING_VENDOR, "reject"),
        (S.ACCEPTED, "decline"),
        (S.APPROVED, "offer"),
        (S.COMPLETED, "cancel"),
    ],
)
def test_refuses_actions_the_status_does_not_allow(buyer, vendor, vendor_owner, status, action):
    order = order_in(status, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=status == S.AWAITING_APPROVAL)
    line = order.lines.first()
    calls = {
        "approve": lambda: services.order_approve(actor=buyer, order_id=order.pk, now=LATER),
        "sp_issue": lambda: services.sp_issue(actor=buyer, order_id=order.pk, now=LATER),
        "accept": lambda: services.order_accept_by_vendor(actor=vendor_owner, order_id=order.pk, now=LATER),
        "send": lambda: services.order_send(actor=buyer, order_id=order.pk, negotiate=False, now=LATER),
        "reject": lambda: services.order_reject(actor=buyer, order_id=order.pk, reason="x", now=LATER),
        "decline": lambda: services.order_decline(actor=vendor_owner, order_id=order.pk, reason="x", now=LATER),
        "offer": lambda: services.offer_make(actor=vendor_owner, order_id=order.pk, unit_prices={line.pk: 1}, now=LATER),
        "cancel": lambda: services.order_cancel(actor=buyer, order_id=order.pk, reason="x", now=LATER),
    }

    with pytest.raises(InvalidTransition):
        calls[action]()

    assert Order.objects.get(pk=order.pk).status == status


def test_final_statuses_allow_nothing_and_every_target_is_a_status():
    for status, targets in states.ALLOWED_TRANSITIONS.items():
        assert targets <= set(S.values)
        assert (status in states.FINAL) == (not targets)
    assert states.FINAL == {S.COMPLETED, S.CANCELLED, S.REJECTED, S.DECLINED, S.EXPIRED}


# ---- Who sees and who acts ----

def test_hides_an_order_from_another_organisations_buyer_and_another_vendor(
    buyer, vendor, vendor_owner, other_buyer, other_vendor_owner
):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    for outsider in (other_buyer, other_vendor_owner):
        with pytest.raises(NotFoundError):
            selectors.order_detail(outsider, order.pk)
        with pytest.raises(NotFoundError):
            services.order_approve(actor=outsider, order_id=order.pk, now=LATER)
        assert not selectors.orders_for_user(outsider).exists()


def test_lets_curators_read_every_order_but_act_on_none(buyer, vendor, vendor_owner, curator):
    order = order_in(S.AWAITING_APPROVAL, buyer=buyer, vendor=vendor, vendor_user=vendor_owner, large=True)

    assert selectors.order_detail(curator, order.pk)["number"] == order.number
    assert list(selectors.orders_for_user(curator)) == [order]
    with pytest.raises(PermissionDeniedError):
        services.order_approve(actor=curator, order_id=order.pk, now=LATER)
    with pytest.raises(PermissionDeniedError):
        services.order_cancel(actor=curator, order_id=order.pk, reason="x", now=LATER)


def test_refuses_buyer_actions_to_the_vendor_and_vendor_actions_to_the_buyer(buyer, vendor, vendor_owner):
    order = order_in(S.AWAITING_VENDOR, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    with pytest.raises(PermissionDeniedError):
        services.order_accept_by_vendor(actor=buyer, order_id=order.pk, now=LATER)
    with pytest.raises(PermissionDeniedError):
        services.order_cancel(actor=vendor_owner, order_id=order.pk, reason="x", now=LATER)


def test_lists_the_buyers_and_the_vendors_orders_by_status(buyer, vendor, vendor_owner, pp):
    draft = order_in(S.DRAFT, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)
    approved = order_in(S.APPROVED, buyer=buyer, vendor=vendor, vendor_user=vendor_owner)

    assert set(selectors.orders_for_user(pp)) == {draft, approved}
    assert list(selectors.orders_for_user(vendor_owner, status=S.APPROVED)) == [approved]
