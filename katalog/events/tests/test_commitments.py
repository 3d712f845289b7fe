"""Commitments (komitmen transaksi): who records them, linking the orders that realise them, the
suggestions, realisation arithmetic, and the event report with its Excel export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.events import commitment_selectors, services
from katalog.events.models import CommitmentRealisation, EventStatus
from katalog.events.realisation import REALISED_ORDER_STATUSES, realisation_rate_pct
from katalog.events.reports import RUPIAH_FORMAT, event_report, event_report_xlsx
from katalog.procurement import services as procurement
from katalog.procurement.models import OrderStatus
from katalog.procurement.tests.factories import order_in
from katalog.regions.models import Region
from katalog.vendors.tests.factories import VendorFactory

from .helpers import NOW, new_event, register

pytestmark = pytest.mark.django_db
S = OrderStatus
BEFORE_EVENT = NOW - dt.timedelta(days=2)


@pytest.fixture
def event(curator, buyer, vendor_owner, other_vendor_owner):
    """A scheduled event today at which the buyer, the vendor and the other vendor took part."""
    made = new_event(curator)
    services.event_set_status(actor=curator, event_id=made.pk, status=EventStatus.OPEN, now=NOW)
    for user in (buyer, vendor_owner, other_vendor_owner):
        register(user, made)
    services.event_schedule(actor=curator, event_id=made.pk, now=NOW)
    made.refresh_from_db()
    return made


def commit(actor, vendor, *, event=None, value_idr=10_000_000, now=NOW, **extra):
    return services.commitment_record(
        actor=actor, vendor_code=vendor.code, value_idr=value_idr, description="Kain tapis untuk cenderamata",
        expected_purchase_date=dt.date(2025, 9, 1), event_id=event.pk if event else None, now=now, **extra,
    )


def paid_order(buyer, vendor, owner, *, status=S.PAID, now=NOW, **kwargs):
    return order_in(status, buyer=buyer, vendor=vendor, vendor_user=owner, now=now, **kwargs)


# ---- Recording ----


def test_a_buyer_records_a_commitment_of_its_own_organisation_at_the_event(event, buyer, buyer_org, vendor):
    commitment = commit(buyer, vendor, event=event)

    assert (commitment.buyer_organisation_id, commitment.vendor_id, commitment.event_id) == (
        buyer_org.pk, vendor.pk, event.pk)
    assert commitment.status == "recorded" and commitment.value_idr == 10_000_000


def test_vendors_and_curators_do_not_record_commitments(event, vendor_owner, curator, vendor):
    for actor in (vendor_owner, curator):
        with pytest.raises(PermissionDeniedError):
            commit(actor, vendor, event=event)


def test_a_commitment_at_an_event_needs_both_sides_there_and_the_day_come(event, curator, buyer):
    absent = VendorFactory(status="verified")
    with pytest.raises(ValidationFailed) as not_there:
        commit(buyer, absent, event=event)
    assert "vendor_code" in not_there.value.field_errors

    future = new_event(curator, date=dt.date(2025, 7, 1))
    with pytest.raises(ValidationFailed) as too_early:
        commit(buyer, absent, event=future)
    assert "event_id" in too_early.value.field_errors


def test_refuses_a_commitment_without_value_or_with_an_unknown_vendor(event, buyer, vendor):
    with pytest.raises(ValidationFailed) as no_value:
        commit(buyer, vendor, event=event, value_idr=0)
    with pytest.raises(ValidationFailed) as unknown:
        services.commitment_record(actor=buyer, vendor_code="NOPE", value_idr=1, description="x",
                                   expected_purchase_date=dt.date(2025, 9, 1), now=NOW)
    assert "value_idr" in no_value.value.field_errors
    assert "vendor_code" in unknown.value.field_errors


def test_another_organisation_neither_sees_nor_changes_a_commitment(event, buyer, vendor, vendor_owner, curator):
    commitment = commit(buyer, vendor, event=event)
    outsider = MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user
    order = paid_order(buyer, vendor, vendor_owner)

    with pytest.raises(NotFoundError):
        commitment_selectors.commitment_get_for(outsider, commitment.pk)
    with pytest.raises(NotFoundError):
        services.commitment_link_order(actor=outsider, commitment_id=commitment.pk, order_id=order.pk, now=NOW)
    with pytest.raises(PermissionDeniedError):
        services.commitment_link_order(actor=vendor_owner, commitment_id=commitment.pk, order_id=order.pk, now=NOW)
    assert commitment_selectors.commitment_get_for(vendor_owner, commitment.pk).pk == commitment.pk
    assert commitment_selectors.commitment_get_for(curator, commitment.pk).pk == commitment.pk
    assert not CommitmentRealisation.objects.exists()


# ---- Suggestions and links ----


def test_suggests_the_buyers_later_orders_with_the_vendor_in_the_committed_category(
    event, buyer, buyer_org, vendor, vendor_owner, other_vendor, other_vendor_owner,
):
    kain_tapis = Category.objects.get(name="Kain Tapis")  # the orders' products are in Tapis Lembaran, below it
    commitment = commit(buyer, vendor, event=event, category=kain_tapis)
    fitting = paid_order(buyer, vendor, vendor_owner)
    in_delivery = paid_order(buyer, vendor, vendor_owner, status=S.IN_DELIVERY)
    before = paid_order(buyer, vendor, vendor_owner, now=BEFORE_EVENT)
    other_vendors = paid_order(buyer, other_vendor, other_vendor_owner)
    cancelled = paid_order(buyer, vendor, vendor_owner, status=S.DRAFT)
    procurement.order_cancel(actor=buyer, order_id=cancelled.pk, reason="Salah pesan", now=NOW)
    batik = Category.objects.get(name="Batik Lampung")
    elsewhere = paid_order(buyer, vendor, vendor_owner, products=[ProductFactory(vendor=vendor, category=batik)])
    someone_elses = order_in(S.PAID, buyer=MembershipFactory(organisation=BuyerOrganisationFactory(),
                                                             role="buyer_ppk").user,
                             vendor=vendor, vendor_user=vendor_owner, now=NOW)

    suggested = {row["id"] for row in commitment_selectors.commitment_order_suggestions(buyer, commitment.pk)}

    assert suggested == {fitting.pk, in_delivery.pk}
    assert not suggested & {before.pk, other_vendors.pk, cancelled.pk, elsewhere.pk, someone_elses.pk}


def test_a_linked_order_leaves_the_suggestions_and_cannot_realise_a_second_commitment(event, buyer, vendor,
                                                                                      vendor_owner):
    first, second = commit(buyer, vendor, event=event), commit(buyer, vendor, event=event)
    order = paid_order(buyer, vendor, vendor_owner)

    services.commitment_link_order(actor=buyer, commitment_id=first.pk, order_id=order.pk, now=NOW)

    assert commitment_selectors.commitment_order_suggestions(buyer, second.pk) == []
    with pytest.raises(InvalidTransition) as twice:
        services.commitment_link_order(actor=buyer, commitment_id=second.pk, order_id=order.pk, now=NOW)
    assert twice.value.code == "already_linked"
    assert CommitmentRealisation.objects.filter(order=order).count() == 1


def test_refuses_to_link_an_order_with_another_vendor_or_from_before_the_commitment(
    event, buyer, vendor, vendor_owner, other_vendor, other_vendor_owner,
):
    commitment = commit(buyer, vendor, event=event)
    for order in (paid_order(buyer, other_vendor, other_vendor_owner),
                  paid_order(buyer, vendor, vendor_owner, now=BEFORE_EVENT)):
        with pytest.raises(ValidationFailed) as refused:
            services.commitment_link_order(actor=buyer, commitment_id=commitment.pk, order_id=order.pk, now=NOW)
        assert "order_id" in refused.value.field_errors
    assert not CommitmentRealisation.objects.exists()


def test_realised_value_counts_only_paid_and_completed_orders(event, buyer, vendor, vendor_owner):
    commitment = commit(buyer, vendor, event=event, value_idr=12_000_000)
    paid = paid_order(buyer, vendor, vendor_owner)  # 2 × Rp1.500.000
    completed = paid_order(buyer, vendor, vendor_owner, status=S.COMPLETED)
    accepted = paid_order(buyer, vendor, vendor_owner, status=S.ACCEPTED)
    for order in (paid, completed, accepted):
        services.commitment_link_order(actor=buyer, commitment_id=commitment.pk, order_id=order.pk, now=NOW)

    detail = commitment_selectors.commitment_detail(buyer, commitment.pk)

    assert REALISED_ORDER_STATUSES == {S.PAID, S.COMPLETED}
    assert detail["realised_idr"] == paid.total_idr + completed.total_idr == 6_000_000
    assert detail["in_progress_idr"] == accepted.total_idr == 3_000_000
    assert detail["realisation_rate_pct"] == Decimal("50.0")


def test_a_commitment_with_orders_is_cancelled_only_after_unlinking_them(event, buyer, vendor, vendor_owner):
    commitment = commit(buyer, vendor, event=event)
    order = paid_order(buyer, vendor, vendor_owner)
    services.commitment_link_order(actor=buyer, commitment_id=commitment.pk, order_id=order.pk, now=NOW)

    with pytest.raises(InvalidTransition):
        services.commitment_cancel(actor=buyer, commitment_id=commitment.pk, now=NOW)
    services.commitment_unlink_order(actor=buyer, commitment_id=commitment.pk, order_id=order.pk, now=NOW)
    cancelled = services.commitment_cancel(actor=buyer, commitment_id=commitment.pk, reason="Batal", now=NOW)

    assert cancelled.status == "cancelled"
    with pytest.raises(InvalidTransition):
        services.commitment_link_order(actor=buyer, commitment_id=commitment.pk, order_id=order.pk, now=NOW)


# ---- Arithmetic and the report ----


@pytest.mark.parametrize(("realised", "committed", "rate"), [
    (0, 10_000_000, Decimal("0.0")),
    (5_000_000, 10_000_000, Decimal("50.0")),
    (1, 3, Decimal("33.3")),
    (2, 3, Decimal("66.7")),
    (1, 2_000, Decimal("0.1")),   # 0.05 rounds half up
    (15_000_000, 10_000_000, Decimal("150.0")),
    (0, 0, None),
])
def test_realisation_rate_is_realised_over_committed_in_percent_one_decimal_half_up(realised, committed, rate):
    assert realisation_rate_pct(realised, committed) == rate


@pytest.fixture
def reported(event, buyer, vendor, vendor_owner, other_vendor, other_vendor_owner, curator):
    """Two commitments (Rp10 juta with the vendor in Bandar Lampung, Rp4 juta with the other vendor in Metro)
    by the provincial OPD, and one of Rp6 juta by a BUMD; Rp3 juta paid against the first, nothing else."""
    other_vendor.region = Region.objects.get(code="18.72")
    other_vendor.save(update_fields=["region"])
    bumd = MembershipFactory(organisation=BuyerOrganisationFactory(name="Bank Lampung", buyer_type="bumd"),
                             role="buyer_ppk").user
    services.event_set_status(actor=curator, event_id=event.pk, status=EventStatus.OPEN, now=NOW)
    register(bumd, event)
    services.event_schedule(actor=curator, event_id=event.pk, now=NOW)
    first = commit(buyer, vendor, event=event, value_idr=10_000_000)
    commit(buyer, other_vendor, event=event, value_idr=4_000_000)
    commit(bumd, vendor, event=event, value_idr=6_000_000)
    services.commitment_cancel(actor=buyer, commitment_id=commit(buyer, vendor, event=event).pk, now=NOW)
    order = paid_order(buyer, vendor, vendor_owner)
    services.commitment_link_order(actor=buyer, commitment_id=first.pk, order_id=order.pk, now=NOW)
    return event_report(event)


def test_the_event_report_sums_commitments_and_realisation_by_buyer_type_and_vendor_regency(reported):
    assert (reported["committed_idr"], reported["realised_idr"]) == (20_000_000, 3_000_000)
    assert reported["realisation_rate_pct"] == Decimal("15.0")
    assert (reported["commitment_count"], reported["cancelled_count"]) == (3, 1)
    by_type = {g["key"]: (g["committed_idr"], g["realised_idr"], g["realisation_rate_pct"])
               for g in reported["by_buyer_type"]}
    assert by_type == {"opd_provinsi": (14_000_000, 3_000_000, Decimal("21.4")),
                       "bumd": (6_000_000, 0, Decimal("0.0"))}
    by_regency = {g["key"]: (g["committed_idr"], g["realised_idr"]) for g in reported["by_vendor_regency"]}
    assert by_regency == {"18.71": (16_000_000, 3_000_000), "18.72": (4_000_000, 0)}


def test_the_excel_export_opens_and_carries_the_figures_as_rupiah_numbers(reported):
    workbook = load_workbook(io.BytesIO(event_report_xlsx(reported)))

    summary, by_type, by_regency, commitments = (workbook[name] for name in workbook.sheetnames)
    figures = {row[0].row: row[1] for row in summary.iter_rows(min_row=2)}
    assert (figures[9].value, figures[10].value) == (20_000_000, 3_000_000)
    assert figures[9].number_format == RUPIAH_FORMAT
    assert figures[12].value == pytest.approx(0.15)
    types = {row[0]: row[2:4] for row in by_type.iter_rows(min_row=2, values_only=True)}
    assert sorted(types.values()) == [(6_000_000, 0), (14_000_000, 3_000_000)]
    assert by_type["C2"].number_format == RUPIAH_FORMAT
    assert sorted(row[2] for row in by_regency.iter_rows(min_row=2, values_only=True)) == [4_000_000, 16_000_000]
    values = sorted(row[6] for row in commitments.iter_rows(min_row=2, values_only=True))
    assert values == [4_000_000, 6_000_000, 10_000_000]
    assert all(isinstance(v, int) for v in values)
