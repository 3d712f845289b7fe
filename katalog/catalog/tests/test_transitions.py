import datetime as dt

import pytest

from katalog.audit.models import AuditEvent
from katalog.catalog import services, states
from katalog.catalog.models import ProductStatus
from katalog.catalog.tests.factories import ProductFactory, tkdn_certificate
from katalog.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from katalog.vendors.tests.factories import VendorFactory


def make(vendor, status):
    return ProductFactory(vendor=vendor, status=status)


def last_event(product):
    return AuditEvent.objects.filter(target_id=str(product.pk)).order_by("-id").first()


def test_every_status_has_a_row_in_the_transition_table():
    assert set(states.ALLOWED_TRANSITIONS) == set(ProductStatus.values)


@pytest.mark.parametrize("status", ["draft", "returned", "withdrawn"])
def test_a_vendor_submits_a_product_for_curation(vendor, vendor_owner, now, status):
    product = make(vendor, status)
    product.status_reason = "Foto kurang jelas"
    product.save()

    services.product_submit(actor=vendor_owner, product=product, now=now)

    product.refresh_from_db()
    assert product.status == "submitted"
    assert product.submitted_at == now
    assert product.status_reason == ""
    event = last_event(product)
    assert event.event_type == "catalog.product.submitted"
    assert event.actor == vendor_owner
    assert event.changes["status"] == {"old": status, "new": "submitted"}


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_refuses_to_submit_a_product_already_in_curation_or_listed(vendor, vendor_owner, now, status):
    product = make(vendor, status)

    with pytest.raises(InvalidTransition):
        services.product_submit(actor=vendor_owner, product=product, now=now)


def test_refuses_to_submit_with_an_expired_tkdn_certificate(vendor, vendor_owner, now):
    expired = tkdn_certificate(vendor, issued_date=dt.date(2020, 1, 1), valid_until=dt.date(2021, 1, 1))
    product = ProductFactory(vendor=vendor, status="draft", tkdn_document=expired)

    with pytest.raises(ValidationFailed) as exc:
        services.product_submit(actor=vendor_owner, product=product, now=now)

    assert "expired" in exc.value.message
    product.refresh_from_db()
    assert product.status == "draft"


def test_a_curator_approves_a_submitted_product(vendor, curator, now):
    product = make(vendor, "submitted")

    services.product_approve(actor=curator, product=product, now=now)

    product.refresh_from_db()
    assert product.status == "approved"
    assert product.approved_at == now
    event = last_event(product)
    assert (event.event_type, event.actor, event.occurred_at) == ("catalog.product.approved", curator, now)


@pytest.mark.parametrize("status", ["draft", "approved", "returned", "withdrawn"])
def test_refuses_approval_of_a_product_that_is_not_waiting(vendor, curator, now, status):
    product = make(vendor, status)

    with pytest.raises(InvalidTransition) as exc:
        services.product_approve(actor=curator, product=product, now=now)

    assert "cannot be approved" in exc.value.message
    product.refresh_from_db()
    assert product.status == status
    assert not AuditEvent.objects.exists()


def test_refuses_approval_of_a_product_of_a_vendor_no_longer_verified(curator, now):
    product = make(VendorFactory(status="returned"), "submitted")

    with pytest.raises(InvalidTransition):
        services.product_approve(actor=curator, product=product, now=now)


@pytest.mark.parametrize("actor_name", ["vendor_owner", "buyer", "leader", "other_vendor_owner"])
def test_only_curators_approve_or_return(request, vendor, now, actor_name):
    actor = request.getfixturevalue(actor_name)
    product = make(vendor, "submitted")

    with pytest.raises(PermissionDeniedError):
        services.product_approve(actor=actor, product=product, now=now)
    with pytest.raises(PermissionDeniedError):
        services.product_return(actor=actor, product=product, reason="Tidak", now=now)

    product.refresh_from_db()
    assert product.status == "submitted"


def test_an_administrator_may_curate(vendor, administrator, now):
    product = make(vendor, "submitted")

    services.product_approve(actor=administrator, product=product, now=now)

    assert product.status == "approved"


def test_a_curator_returns_a_product_with_a_reason(vendor, curator, now):
    product = make(vendor, "submitted")

    services.product_return(actor=curator, product=product, reason="  Sertifikat TKDN tidak terbaca. ", now=now)

    product.refresh_from_db()
    assert product.status == "returned"
    assert product.status_reason == "Sertifikat TKDN tidak terbaca."
    event = last_event(product)
    assert event.event_type == "catalog.product.returned"
    assert event.message == "Sertifikat TKDN tidak terbaca."


def test_refuses_to_return_without_a_reason(vendor, curator, now):
    product = make(vendor, "submitted")

    with pytest.raises(ValidationFailed):
        services.product_return(actor=curator, product=product, reason="  ", now=now)

    product.refresh_from_db()
    assert product.status == "submitted"


@pytest.mark.parametrize("status", ["approved", "submitted"])
def test_a_vendor_withdraws_its_product(vendor, vendor_owner, now, status):
    product = make(vendor, status)

    services.product_withdraw(actor=vendor_owner, product=product, now=now)

    product.refresh_from_db()
    assert product.status == "withdrawn"
    assert last_event(product).event_type == "catalog.product.withdrawn"


@pytest.mark.parametrize("status", ["draft", "returned", "withdrawn"])
def test_refuses_to_withdraw_a_product_that_is_not_listed_or_waiting(vendor, vendor_owner, now, status):
    with pytest.raises(InvalidTransition):
        services.product_withdraw(actor=vendor_owner, product=make(vendor, status), now=now)


def test_another_vendor_cannot_submit_or_withdraw(vendor, other_vendor_owner, now):
    with pytest.raises(PermissionDeniedError):
        services.product_submit(actor=other_vendor_owner, product=make(vendor, "draft"), now=now)
    with pytest.raises(PermissionDeniedError):
        services.product_withdraw(actor=other_vendor_owner, product=make(vendor, "approved"), now=now)


def test_the_whole_life_cycle_leaves_a_readable_history(vendor, vendor_owner, curator, product_data, now):
    from katalog.audit.selectors import audit_history_for

    product = services.product_create(actor=vendor_owner, vendor=vendor, data=product_data(), now=now)
    services.product_submit(actor=vendor_owner, product=product, now=now + dt.timedelta(minutes=1))
    services.product_return(actor=curator, product=product, reason="Foto", now=now + dt.timedelta(minutes=2))
    services.product_submit(actor=vendor_owner, product=product, now=now + dt.timedelta(minutes=3))
    services.product_approve(actor=curator, product=product, now=now + dt.timedelta(minutes=4))

    history = [e.event_type.rsplit(".", 1)[1] for e in reversed(audit_history_for(product))]
    assert history == ["created", "submitted", "returned", "submitted", "approved"]
