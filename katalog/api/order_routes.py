"""E-purchasing orders: the list, creation, and one POST per step of the lifecycle.

Who may do what is decided by the services: another organisation's order is not found (404), a step
of the other side or of the PPK is forbidden (403), a step the order's status does not allow is a
conflict (409). Every step answers with the order as it now is.
"""

from ninja import Header, Query, Router, Status

from katalog.core import clock
from katalog.procurement import selectors as order_selectors
from katalog.procurement import services
from katalog.procurement.models import OrderStatus

from . import order_payloads as payloads
from . import selectors
from .auth import AUTH
from .procurement_schemas import (
    AddendumDecisionIn,
    AddendumIn,
    BastIn,
    DeliveryIn,
    OfferIn,
    OrderFilters,
    OrderIn,
    OrderLinesIn,
    OrderOut,
    OrderPage,
    PaymentIn,
    RatingIn,
    ReasonIn,
    SendIn,
    SuratPesananIn,
)
from .schemas import ERRORS

router = Router(tags=["orders"], auth=AUTH)

STEP_ANSWER = "The answer is the order as it now is."


def _step(request, service, order_id: int, **kwargs) -> dict:
    service(actor=request.auth, order_id=order_id, now=clock.now(), **kwargs)
    return payloads.order_out(request.auth, order_id)


# ---- List, create, read, edit ----

@router.get(
    "/orders",
    response={200: OrderPage, **ERRORS},
    summary="Orders you may see, newest first",
    description="A buyer sees its organisation's orders, a vendor the orders to its business, a curator every "
    "order. Filter by `status`; an unknown status is a 422.",
)
def order_list(request, filters: Query[OrderFilters]):
    status = selectors.status_filter(filters.status, OrderStatus.values)
    queryset = order_selectors.orders_for_user(request.auth, status=status or None)
    return selectors.paginate(queryset, page=filters.page, page_size=filters.page_size, serialise=payloads.list_item)


@router.post(
    "/orders",
    response={200: OrderOut, 201: OrderOut, **ERRORS},
    summary="Create a draft order from one vendor's listed products (PPK or pejabat pengadaan)",
    description="Send an `Idempotency-Key` header to make retries safe: the first request creates the order "
    "(201); a repeat with the same key by the same person returns that same order (200) and creates nothing.",
)
def order_create(request, payload: OrderIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    user = request.auth
    key = payloads.idempotency_key(idempotency_key)
    replay = order_selectors.idempotency_key_used(user, key)
    pairs = payloads.products(payload.lines)
    order = services.order_create(
        actor=user, vendor=payloads.vendor(payload.vendor, pairs), title=payload.title,
        delivery_address=payload.delivery_address, delivery_date=payload.delivery_date,
        budget_source=payload.budget_source, budget_year=payload.budget_year, rup_code=payload.rup_code,
        notes=payload.notes, lines=pairs, idempotency_key=key or None, now=clock.now(),
    )
    return Status(200 if replay else 201, payloads.order_out(user, order.pk))


@router.get(
    "/orders/{order_id}",
    response={200: OrderOut, **ERRORS},
    url_name="order_get",
    summary="One order with its lines, offers, deliveries, BASTs, payments, rating, addenda and timeline",
    description="Links to the printable Surat Pesanan and BASTs are in `documents`; during draft and "
    "negotiation `reference_prices` shows what each line's category usually costs.",
)
def order_get(request, order_id: int):
    return payloads.order_out(request.auth, order_id)


@router.put(
    "/orders/{order_id}/lines",
    response={200: OrderOut, **ERRORS},
    summary="Replace the lines of a draft order (buyer)",
    description=f"Same vendor; prices are taken afresh from the catalogue. {STEP_ANSWER}",
)
def order_update_lines(request, order_id: int, payload: OrderLinesIn):
    return _step(request, services.order_update_lines, order_id, lines=payloads.products(payload.lines))


# ---- Sending and negotiating ----

@router.post(
    "/orders/{order_id}/send",
    response={200: OrderOut, **ERRORS},
    summary="Send a draft: into negotiation, or straight to approval (buyer)",
    description="Without negotiation an order within the pejabat pengadaan's limit is approved at once, above "
    "it waits for the PPK. A justification is required when a local or TKDN + BMP >= 40% product of the same "
    f"category was passed over (422 names the lines). {STEP_ANSWER}",
)
def order_send(request, order_id: int, payload: SendIn | None = None):
    payload = payload or SendIn()
    return _step(
        request, services.order_send, order_id, negotiate=payload.negotiate, unit_prices=payload.unit_prices,
        local_justification=payload.local_justification, pdn_justification=payload.pdn_justification,
    )


@router.post(
    "/orders/{order_id}/offers",
    response={201: OrderOut, **ERRORS},
    summary="Make a counter-offer of unit prices (buyer or vendor, during negotiation)",
    description=f"Every offer is kept in `offers`. {STEP_ANSWER}",
)
def offer_make(request, order_id: int, payload: OfferIn):
    return Status(201, _step(request, services.offer_make, order_id, unit_prices=payload.unit_prices,
                             message=payload.message))


@router.post(
    "/orders/{order_id}/offers/accept",
    response={200: OrderOut, **ERRORS},
    summary="Accept the other side's latest offer: its prices become the order's",
    description="Then approval as when sending without negotiation; an agreed price far above the category's "
    f"reference price is flagged for the curators. {STEP_ANSWER}",
)
def offer_accept(request, order_id: int):
    return _step(request, services.offer_accept, order_id)


# ---- The PPK ----

@router.post(
    "/orders/{order_id}/approve",
    response={200: OrderOut, **ERRORS},
    summary="Approve an order waiting for the PPK (PPK only)",
    description=f"Orders above the pejabat pengadaan's limit (Rp200 juta by default) need it. {STEP_ANSWER}",
)
def order_approve(request, order_id: int):
    return _step(request, services.order_approve, order_id)


@router.post(
    "/orders/{order_id}/reject",
    response={200: OrderOut, **ERRORS},
    summary="Reject an order waiting for the PPK, with the reason (PPK only)",
    description=STEP_ANSWER,
)
def order_reject(request, order_id: int, payload: ReasonIn):
    return _step(request, services.order_reject, order_id, reason=payload.reason)


@router.post(
    "/orders/{order_id}/surat-pesanan",
    response={200: OrderOut, **ERRORS},
    summary="Issue and sign the Surat Pesanan of an approved order (PPK only)",
    description="Numbered per buyer organisation and year; optional extra terms. The page and PDF links "
    f"appear in `documents`. {STEP_ANSWER}",
)
def sp_issue(request, order_id: int, payload: SuratPesananIn | None = None):
    payload = payload or SuratPesananIn()
    return _step(request, services.sp_issue, order_id, terms=payload.terms)


# ---- The vendor ----

@router.post(
    "/orders/{order_id}/accept",
    response={200: OrderOut, **ERRORS},
    summary="Accept and sign the Surat Pesanan (vendor)",
    description=STEP_ANSWER,
)
def order_accept(request, order_id: int):
    return _step(request, services.order_accept_by_vendor, order_id)


@router.post(
    "/orders/{order_id}/decline",
    response={200: OrderOut, **ERRORS},
    summary="Decline the order, with the reason (vendor)",
    description=STEP_ANSWER,
)
def order_decline(request, order_id: int, payload: ReasonIn):
    return _step(request, services.order_decline, order_id, reason=payload.reason)


@router.post(
    "/orders/{order_id}/cancel",
    response={200: OrderOut, **ERRORS},
    summary="Cancel the order, with the reason (buyer, until the vendor has accepted)",
    description=STEP_ANSWER,
)
def order_cancel(request, order_id: int, payload: ReasonIn):
    return _step(request, services.order_cancel, order_id, reason=payload.reason)


# ---- Delivery, BAST, payment, completion, rating ----

@router.post(
    "/orders/{order_id}/deliveries",
    response={201: OrderOut, **ERRORS},
    summary="Record a shipment of some quantities (vendor)",
    description="Partial shipments are fine; never more than ordered minus what is already on its way. The new "
    f"delivery is the last of `deliveries`. {STEP_ANSWER}",
)
def delivery_record(request, order_id: int, payload: DeliveryIn):
    return Status(201, _step(request, services.delivery_record, order_id, quantities=payload.quantities,
                             carrier=payload.carrier))


@router.post(
    "/orders/{order_id}/deliveries/{delivery_id}/bast",
    response={200: OrderOut, **ERRORS},
    summary="Inspect a delivery and sign its BAST (buyer)",
    description="Conforming when function, quantity and delivery time are all right; otherwise describe the "
    "non-conformity (those quantities are shipped again). Once conforming BASTs cover every quantity the "
    f"order is received. {STEP_ANSWER}",
)
def bast_sign(request, order_id: int, delivery_id: int, payload: BastIn):
    payloads.require_part(request.auth, order_id, "deliveries", delivery_id)
    services.bast_sign(
        actor=request.auth, delivery_id=delivery_id, number=payload.number, function_ok=payload.function_ok,
        quantity_ok=payload.quantity_ok, on_time=payload.on_time, non_conformity=payload.non_conformity,
        now=clock.now(),
    )
    return payloads.order_out(request.auth, order_id)


@router.post(
    "/orders/{order_id}/payments",
    response={201: OrderOut, **ERRORS},
    summary="Record a payment of a received order (buyer)",
    description="Paid in the system or outside it (e.g. SIPD). Paid in full, the order is paid. "
    f"{STEP_ANSWER}",
)
def payment_record(request, order_id: int, payload: PaymentIn):
    return Status(201, _step(request, services.payment_record, order_id, amount_idr=payload.amount_idr,
                             paid_date=payload.paid_date, reference=payload.reference))


@router.post(
    "/orders/{order_id}/complete",
    response={200: OrderOut, **ERRORS},
    summary="Complete a paid order (buyer)",
    description=STEP_ANSWER,
)
def order_complete(request, order_id: int):
    return _step(request, services.order_complete, order_id)


@router.post(
    "/orders/{order_id}/rating",
    response={201: OrderOut, **ERRORS},
    summary="Rate the vendor once, after paying (buyer)",
    description=f"Delivery time, quality and fit to specification, 1 to 5 each. {STEP_ANSWER}",
)
def rating_record(request, order_id: int, payload: RatingIn):
    return Status(201, _step(request, services.rating_record, order_id, delivery_time=payload.delivery_time,
                             quality=payload.quality, fit_to_spec=payload.fit_to_spec, comment=payload.comment))


# ---- Addenda ----

@router.post(
    "/orders/{order_id}/addenda",
    response={201: OrderOut, **ERRORS},
    summary="Propose an addendum to the Surat Pesanan (buyer or vendor)",
    description="Quantities, delivery date or extra terms; the other side accepts or rejects it. One may wait "
    f"for an answer at a time. {STEP_ANSWER}",
)
def addendum_propose(request, order_id: int, payload: AddendumIn):
    changes = payload.changes.dict(exclude_none=True)
    return Status(201, _step(request, services.addendum_propose, order_id, changes=changes, reason=payload.reason))


@router.post(
    "/orders/{order_id}/addenda/{addendum_id}/decide",
    response={200: OrderOut, **ERRORS},
    summary="Accept or reject the other side's addendum",
    description=f"Accepted changes apply at once; the values they replace are kept in `previous`. {STEP_ANSWER}",
)
def addendum_decide(request, order_id: int, addendum_id: int, payload: AddendumDecisionIn):
    payloads.require_part(request.auth, order_id, "addenda", addendum_id)
    services.addendum_decide(
        actor=request.auth, addendum_id=addendum_id, accept=payload.accept, reason=payload.reason, now=clock.now()
    )
    return payloads.order_out(request.auth, order_id)
