"""Needs: who may publish and change them, the stored matches and when they are computed again."""

import datetime as dt

import pytest

from katalog.accounts.tests.factories import BuyerOrganisationFactory, MembershipFactory
from katalog.audit.models import AuditEvent
from katalog.catalog import services as catalog_services
from katalog.catalog.models import Category
from katalog.catalog.tests.factories import ProductFactory
from katalog.core.errors import InvalidTransition, NotFoundError, PermissionDeniedError, ValidationFailed
from katalog.matching import selectors, services
from katalog.matching.models import Need, NeedMatch, NeedStatus

from .needs_helpers import NOW, matched_need, new_need, region


@pytest.fixture
def clock_start():
    return NOW


@pytest.fixture
def tapis(vendor, other_vendor):
    """Three listed products: two tapis of two vendors (one too dear for a small budget) and a chair."""
    return {
        "cheap": ProductFactory(vendor=vendor, name="Kain Tapis Siger", price_idr=1_000_000),
        "dear": ProductFactory(vendor=other_vendor, name="Kain Tapis Emas", price_idr=9_000_000),
        "chair": ProductFactory(vendor=other_vendor, name="Kursi Rotan", price_idr=800_000, unit="buah",
                                description="Kursi rotan anyaman untuk ruang tamu.",
                                category=Category.objects.get(name="Kursi")),
    }


# ---- Publishing ----


def test_a_buyer_publishes_an_open_need_with_a_reference_and_an_audit_event(buyer, buyer_org):
    need = new_need(buyer)

    assert need.status == NeedStatus.OPEN
    assert need.buyer_organisation_id == buyer_org.pk
    assert need.ref == "KEB-2025-0001"
    assert new_need(buyer, title="Seminar kit").ref == "KEB-2025-0002"
    assert AuditEvent.objects.filter(event_type="matching.need.created", target_id=str(need.pk)).exists()


def test_the_need_is_matched_once_its_creation_commits(
    buyer, tapis, engine, frozen_clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        need = new_need(buyer)

    stored = list(NeedMatch.objects.filter(need=need).order_by("rank").values_list("product_id", "rank", "fits"))
    assert stored == [(tapis["cheap"].pk, 1, True), (tapis["dear"].pk, 2, False)]
    need.refresh_from_db()
    assert need.matched_at == NOW


def test_only_buyers_publish_needs(vendor_owner, curator):
    for person in (vendor_owner, curator):
        with pytest.raises(PermissionDeniedError):
            new_need(person)
    assert not Need.objects.exists()


@pytest.mark.parametrize(("field", "overrides"), [
    ("title", {"title": "   "}),
    ("quantity", {"quantity": 0}),
    ("budget_idr", {"budget_idr": -5}),
    ("needed_by", {"needed_by": dt.date(2025, 6, 1)}),
])
def test_refuses_a_need_that_says_too_little_or_too_much(buyer, field, overrides):
    with pytest.raises(ValidationFailed) as refused:
        new_need(buyer, **overrides)

    assert field in refused.value.field_errors
    assert not Need.objects.exists()


def test_refuses_a_reference_the_organisation_already_used(buyer):
    new_need(buyer, ref="RUP-7")

    with pytest.raises(ValidationFailed) as refused:
        new_need(buyer, ref="RUP-7")

    assert "ref" in refused.value.field_errors
    assert Need.objects.count() == 1


# ---- Changing and closing ----


def test_the_buyer_changes_an_open_need_and_it_is_matched_again(
    buyer, tapis, engine, django_capture_on_commit_callbacks
):
    need = matched_need(buyer)
    assert not NeedMatch.objects.filter(need=need, product=tapis["chair"]).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.need_update(actor=buyer, need_id=need.pk, title="Kursi rotan", now=NOW + dt.timedelta(hours=1))

    assert list(NeedMatch.objects.filter(need=need).values_list("product_id", flat=True)) == [tapis["chair"].pk]
    event = AuditEvent.objects.get(event_type="matching.need.updated")
    assert event.changes["title"] == ["Kain tapis untuk cenderamata", "Kursi rotan"]


def test_another_organisations_buyer_cannot_see_or_change_a_need(buyer):
    need = new_need(buyer)
    stranger = MembershipFactory(organisation=BuyerOrganisationFactory(), role="buyer_ppk").user

    with pytest.raises(NotFoundError):
        selectors.need_detail(stranger, need.pk)
    with pytest.raises(NotFoundError):
        services.need_update(actor=stranger, need_id=need.pk, title="Diubah", now=NOW)
    with pytest.raises(NotFoundError):
        services.need_close(actor=stranger, need_id=need.pk, now=NOW)
    need.refresh_from_db()
    assert (need.title, need.status) == ("Kain tapis untuk cenderamata", NeedStatus.OPEN)


def test_a_curator_sees_every_need_but_changes_none(buyer, curator):
    need = new_need(buyer)

    assert selectors.need_detail(curator, need.pk)["id"] == need.pk
    assert list(selectors.need_list_for(curator)) == [need]
    with pytest.raises(PermissionDeniedError):
        services.need_close(actor=curator, need_id=need.pk, now=NOW)


def test_a_closed_need_can_be_neither_closed_again_nor_changed(buyer):
    need = new_need(buyer)
    services.need_close(actor=buyer, need_id=need.pk, fulfilled=True, now=NOW)

    with pytest.raises(InvalidTransition):
        services.need_close(actor=buyer, need_id=need.pk, now=NOW)
    with pytest.raises(InvalidTransition):
        services.need_update(actor=buyer, need_id=need.pk, title="Lagi", now=NOW)
    need.refresh_from_db()
    assert need.status == NeedStatus.FULFILLED
    assert AuditEvent.objects.filter(event_type="matching.need.fulfilled").count() == 1


# ---- Stored matches ----


def test_rematching_replaces_the_stored_matches_in_rank_order(buyer, tapis, engine):
    need = matched_need(buyer, budget_idr=None)
    assert NeedMatch.objects.filter(need=need).count() == 2
    tapis["dear"].name = "Meja Jati"
    tapis["dear"].save()

    stored = services.need_rematch(need.pk, now=NOW + dt.timedelta(days=1))

    assert stored == 1
    rows = list(NeedMatch.objects.filter(need=need).values_list("product_id", "rank", "reasons"))
    assert rows == [(tapis["cheap"].pk, 1, ["kata kunci cocok: kain, tapis"])]


def test_opening_a_need_reads_the_stored_matches_without_running_the_engine(buyer, tapis, engine):
    need = matched_need(buyer)
    engine.refuse = True

    detail = selectors.need_detail(buyer, need.pk)

    assert [m["product"]["sku"] for m in detail["matches"]] == [tapis["cheap"].sku, tapis["dear"].sku]
    assert detail["matches"][1]["fits"] is False
    assert detail["matches"][0]["product"]["total_idr"] == 10 * 1_000_000
    assert detail["matches"][0]["reasons"] == ["kata kunci cocok: kain, tapis"]


def test_a_closed_need_keeps_its_matches_when_the_catalogue_changes(buyer, tapis, engine):
    need = matched_need(buyer)
    services.need_close(actor=buyer, need_id=need.pk, now=NOW)
    tapis["dear"].name = "Meja Jati"
    tapis["dear"].save()

    assert services.needs_rematch(now=NOW) == 0
    assert services.need_rematch(need.pk, now=NOW) == 0
    assert NeedMatch.objects.filter(need=need).count() == 2


def test_a_newly_listed_product_joins_the_matches_of_open_needs(
    buyer, vendor, tapis, curator, engine, django_capture_on_commit_callbacks
):
    need = matched_need(buyer)
    waiting = ProductFactory(vendor=vendor, name="Tapis Lampung Pepadun", price_idr=500_000, status="submitted")
    closed = matched_need(buyer, title="Tapis untuk kantor")
    services.need_close(actor=buyer, need_id=closed.pk, now=NOW)

    with django_capture_on_commit_callbacks(execute=True):
        catalog_services.product_approve(actor=curator, product=waiting, now=NOW + dt.timedelta(hours=2))

    assert NeedMatch.objects.filter(need=need, product=waiting).exists()
    assert not NeedMatch.objects.filter(need=closed, product=waiting).exists()


def test_bulk_rematching_asks_the_engine_once_per_batch(buyer, tapis, engine):
    needs = [new_need(buyer, title=f"Kain tapis {n}") for n in range(5)]

    count = services.needs_rematch(now=NOW, batch_size=2)

    assert count == 5
    assert engine.bulk_calls == 3
    assert NeedMatch.objects.filter(need__in=needs).count() == 10


def test_the_command_rematches_open_needs(buyer, tapis, engine):
    from io import StringIO

    from django.core.management import call_command

    need = new_need(buyer)
    out = StringIO()

    call_command("rematch-needs", stdout=out)

    assert out.getvalue().startswith("1 ")
    assert NeedMatch.objects.filter(need=need).count() == 2


def test_the_real_engine_stores_a_local_tapis_for_a_tapis_need(buyer, tapis, django_capture_on_commit_callbacks):
    """End to end, without any stand-in: the engine ranks the catalogue in the search index."""
    from katalog.search.indexing import reindex_all

    reindex_all()
    with django_capture_on_commit_callbacks(execute=True):
        need = new_need(buyer, title="Kain tapis siger", budget_idr=None, delivery_region=region("18.71"))

    detail = selectors.need_detail(buyer, need.pk)
    skus = [m["product"]["sku"] for m in detail["matches"]]
    assert skus[0] == tapis["cheap"].sku
    fitting = [m["product"]["sku"] for m in detail["matches"] if m["fits"]]
    assert tapis["chair"].sku not in fitting
    assert [m["rank"] for m in detail["matches"]] == list(range(1, len(skus) + 1))
    assert all(m["reasons"] for m in detail["matches"])


# ---- Import ----

HEADER = "ref,buyer,buyer_type,title,description,category,quantity,unit,budget,regency_code,needed_by"


def csv_file(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode()


def test_a_curator_imports_needs_for_known_and_new_buyers(
    curator, buyer_org, tapis, engine, django_capture_on_commit_callbacks
):
    data = csv_file(
        f"K-1,{buyer_org.name.upper()},,Kain tapis,,,150,lembar,75000000,1871,2025-12-31",
        "K-2,PT Bank Lampung,bumd,Seminar kit tapis,Tas dan map,,300,paket,,18.72,",
    )

    with django_capture_on_commit_callbacks(execute=True):
        result = services.needs_import(data, "kebutuhan.csv", actor=curator, now=NOW)

    assert result.as_dict()["created"] == 2
    assert [o.name for o in result.organisations_created] == ["PT Bank Lampung"]
    first, second = Need.objects.order_by("ref")
    assert (first.buyer_organisation_id, first.quantity, first.budget_idr, first.delivery_region.code) == (
        buyer_org.pk, 150, 75_000_000, "18.71")
    assert (second.buyer_organisation.buyer_type, second.budget_idr, second.needed_by) == ("bumd", None, None)
    assert NeedMatch.objects.filter(need=first).exists() and NeedMatch.objects.filter(need=second).exists()


def test_an_import_with_errors_writes_nothing_and_names_every_bad_row(curator, buyer_org):
    from katalog.accounts.models import Organisation

    data = csv_file(
        f"K-1,{buyer_org.name},,Kain tapis,,,150,lembar,75000000,18.71,",
        "K-2,Koperasi Baru,,Kopi,,,10,kg,,18.71,",
        "K-3,PT Bank Lampung,bumd,Kopi,,,10,kg,,,",
    )
    organisations = Organisation.objects.count()

    with pytest.raises(ValidationFailed) as refused:
        services.needs_import(data, "kebutuhan.csv", actor=curator, now=NOW)

    assert [(e.row, e.column) for e in refused.value.rows] == [(3, "buyer_type"), (4, "regency_code")]
    assert not Need.objects.exists()
    assert Organisation.objects.count() == organisations


def test_an_import_with_unreadable_cells_writes_nothing(buyer):
    data = csv_file("K-1,,,Kain tapis,,,banyak,lembar,,18.71,", "K-2,,,Kopi,,,10,kg,,18.71,")

    with pytest.raises(ValidationFailed) as refused:
        services.needs_import(data, "kebutuhan.csv", actor=buyer, now=NOW)

    assert [(e.row, e.column) for e in refused.value.rows] == [(2, "quantity")]
    assert not Need.objects.exists()


def test_a_buyer_imports_for_its_own_organisation_only(buyer, buyer_org):
    data = csv_file("K-1,,,Kain tapis,,,5,lembar,,18.71,", "K-2,Dinas Lain,opd_provinsi,Kopi,,,10,kg,,18.71,")

    with pytest.raises(ValidationFailed) as refused:
        services.needs_import(data, "kebutuhan.csv", actor=buyer, now=NOW)
    assert [(e.row, e.column) for e in refused.value.rows] == [(3, "buyer")]

    result = services.needs_import(csv_file("K-1,,,Kain tapis,,,5,lembar,,18.71,"), "k.csv", actor=buyer, now=NOW)
    assert [n.buyer_organisation_id for n in result.created] == [buyer_org.pk]


def test_importing_a_reference_again_changes_the_open_need_but_not_a_closed_one(buyer):
    services.needs_import(csv_file("K-1,,,Kain tapis,,,5,lembar,,18.71,"), "k.csv", actor=buyer, now=NOW)

    result = services.needs_import(csv_file("K-1,,,Kain tapis,,,9,lembar,,18.71,"), "k.csv", actor=buyer, now=NOW)

    assert result.as_dict()["updated"] == 1
    need = Need.objects.get()
    assert need.quantity == 9
    services.need_close(actor=buyer, need_id=need.pk, now=NOW)
    with pytest.raises(ValidationFailed) as refused:
        services.needs_import(csv_file("K-1,,,Kain tapis,,,3,lembar,,18.71,"), "k.csv", actor=buyer, now=NOW)
    assert [(e.row, e.column) for e in refused.value.rows] == [(2, "ref")]


def test_vendors_may_not_import_needs(vendor_owner):
    with pytest.raises(PermissionDeniedError):
        services.needs_import(csv_file("K-1,,,Kain tapis,,,5,lembar,,18.71,"), "k.csv", actor=vendor_owner, now=NOW)
