"""Shapes of the matching events, schedules and commitments API (validation only: schemas never save).

Money is whole rupiah (`*_idr`), percentages JSON numbers (`*_pct`), dates ISO 8601, times ISO 8601 with
the site's offset (slots are shown in Asia/Jakarta).
"""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from katalog.events.models import CommitmentStatus, EventStatus

from .schemas import Page, PageParams

EVENT_STATUSES = ", ".join(EventStatus.values)
COMMITMENT_STATUSES = ", ".join(CommitmentStatus.values)


# ---- Answers ----

class SlotOut(Schema):
    id: int
    position: int
    starts_at: str
    ends_at: str
    label: str


class EventOut(Schema):
    id: int
    name: str
    date: str
    venue: str
    description: str
    status: str = Field(description=f"One of: {EVENT_STATUSES}.")
    status_label: str
    start_time: str = Field(description="Local time (Asia/Jakarta) of the first round, HH:MM.")
    slot_minutes: int
    break_minutes: int
    table_count: int
    slots: list[SlotOut]
    scheduled_at: str | None
    created_at: str
    updated_at: str
    url: str


class EventListItemOut(EventOut):
    buyer_count: int
    vendor_count: int


class EventPage(Page):
    items: list[EventListItemOut]


class RegistrationOrganisationOut(Schema):
    id: int
    name: str
    buyer_type: str


class RegistrationVendorOut(Schema):
    code: str
    region: str | None
    scale: str


class RegistrationOut(Schema):
    id: int
    kind: str = Field(description="buyer or vendor.")
    kind_label: str
    organisation: RegistrationOrganisationOut
    vendor: RegistrationVendorOut | None
    invited: bool = Field(description="Added by a curator rather than registered by itself.")
    registered_at: str
    max_meetings: int | None
    meetings: int


class EventDetailOut(EventOut):
    meeting_count: int
    my_registration: RegistrationOut | None = Field(description="Your organisation's registration, if any.")


class MeetingPartyOut(Schema):
    registration_id: int
    name: str
    code: str | None = None


class MeetingOut(Schema):
    id: int
    slot: SlotOut
    table: int
    buyer: MeetingPartyOut
    vendor: MeetingPartyOut
    score: float = Field(description="The pair's best match score when it was scheduled.")
    pinned: bool = Field(description="Fixed by hand: running the schedule again keeps it.")


class UnscheduledOut(Schema):
    buyer_id: int
    buyer: str
    vendor_id: int
    vendor: str
    score: float
    reason: str = Field(description="no_common_availability, meeting_limit, no_common_free_slot or no_table_left.")


class ScheduleSummaryOut(Schema):
    pairs: int = 0
    meetings: int = 0
    pinned: int = 0
    total_score: float = 0
    unscheduled_count: int = 0
    unscheduled_by_reason: dict[str, int] = {}
    unscheduled: list[UnscheduledOut] = Field([], description="Pairs left out, best first (at most 200).")


class ScheduleOut(Schema):
    meetings: list[MeetingOut] = Field(description="Curators: every meeting; a participant: its own.")
    summary: ScheduleSummaryOut | None = Field(description="The last run (curators only).")
    violations: list[str] = Field(description="Rules the stored schedule breaks (curators; normally none).")


class CandidateBuyerOut(Schema):
    organisation_id: int
    name: str
    buyer_type: str
    open_needs: int
    vendors: int
    best_score: float
    registered: bool


class CandidateVendorOut(Schema):
    organisation_id: int
    code: str
    name: str
    region: str | None
    buyers: int
    needs: int
    best_score: float
    registered: bool


class CandidatesOut(Schema):
    buyers: list[CandidateBuyerOut]
    vendors: list[CandidateVendorOut]


class OrderRefOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    total_idr: int
    created_at: str
    url: str = Field(description="The order's page.")


class LinkedOrderOut(OrderRefOut):
    linked_at: str


class PartyRefOut(Schema):
    id: int
    name: str


class CommitmentBuyerOut(PartyRefOut):
    buyer_type: str


class CommitmentVendorOut(PartyRefOut):
    code: str
    region: str | None
    region_code: str | None


class CommitmentEventOut(Schema):
    id: int
    name: str
    date: str


class CategoryRefOut(Schema):
    slug: str
    name: str


class CommitmentOut(Schema):
    id: int
    buyer_organisation: CommitmentBuyerOut
    vendor: CommitmentVendorOut
    event: CommitmentEventOut | None
    category: CategoryRefOut | None
    description: str
    value_idr: int
    expected_purchase_date: str
    rup_code: str
    status: str = Field(description=f"One of: {COMMITMENT_STATUSES}.")
    status_label: str
    recorded_by: str
    recorded_at: str
    cancelled_at: str | None
    cancel_reason: str
    realised_idr: int = Field(description="Total of the linked orders that are paid or completed.")
    in_progress_idr: int = Field(description="Total of the linked orders on their way (not yet paid).")
    realisation_rate_pct: float | None = Field(description="realised / committed in percent, one decimal.")
    orders: list[LinkedOrderOut]
    url: str


class CommitmentPage(Page):
    items: list[CommitmentOut]


class CommitmentDetailOut(CommitmentOut):
    starts_on: str = Field(description="Orders from this day on may realise it.")
    suggestions: list[OrderRefOut] = Field(description="For its buyer: orders that may realise it.")


class ReportGroupOut(Schema):
    key: str
    label: str
    commitments: int
    committed_idr: int
    realised_idr: int
    in_progress_idr: int
    realisation_rate_pct: float | None


class ReportOut(Schema):
    event: EventOut
    buyers: int
    vendors: int
    meetings: int
    commitment_count: int
    cancelled_count: int
    committed_idr: int
    realised_idr: int
    in_progress_idr: int
    realisation_rate_pct: float | None
    realised_statuses: list[str] = Field(description="Order statuses that count as realised.")
    by_buyer_type: list[ReportGroupOut]
    by_vendor_regency: list[ReportGroupOut]
    commitments: list[CommitmentOut]


# ---- Input ----

class EventFilters(PageParams):
    status: str = Field("", description=f"Only events in this status: {EVENT_STATUSES}.")


class EventIn(Schema):
    name: str
    date: dt.date
    venue: str
    description: str = ""
    start_time: dt.time = Field(description="Local time (Asia/Jakarta) of the first round.")
    slot_minutes: int = Field(ge=5, le=240)
    break_minutes: int = Field(0, ge=0, le=240)
    slot_count: int = Field(ge=1, description="Number of meeting rounds.")
    table_count: int = Field(ge=1)


class EventPatch(Schema):
    """Only the fields sent change. `status` moves the event along: draft, open, held, closed (a schedule
    is made with POST /events/{id}/schedule)."""

    name: str | None = None
    date: dt.date | None = None
    venue: str | None = None
    description: str | None = None
    start_time: dt.time | None = None
    slot_minutes: int | None = Field(None, ge=5, le=240)
    break_minutes: int | None = Field(None, ge=0, le=240)
    slot_count: int | None = Field(None, ge=1)
    table_count: int | None = Field(None, ge=1)
    status: str | None = Field(None, description=f"One of: {EVENT_STATUSES}.")


class RegistrationIn(Schema):
    organisation_ids: list[int] | None = Field(
        None, description="Curators: the buyer organisations and vendor businesses to invite. Without: your own "
        "organisation registers.")
    max_meetings: int | None = Field(None, ge=1, description="At most this many meetings (your own registration).")


class MeetingPatch(Schema):
    slot_id: int | None = Field(None, description="Move to this round (a slot id of the event).")
    table: int | None = Field(None, ge=1, description="Move to this table.")
    pinned: bool | None = Field(None, description="Fix the meeting (true) or release it to the scheduler (false).")


class MeetingIn(Schema):
    buyer_registration_id: int
    vendor_registration_id: int
    slot_id: int
    table: int = Field(ge=1)


class CommitmentFilters(PageParams):
    event_id: int | None = None
    status: str = Field("", description=f"One of: {COMMITMENT_STATUSES}.")


class CommitmentIn(Schema):
    vendor_code: str
    value_idr: int = Field(gt=0)
    expected_purchase_date: dt.date
    description: str = Field(description="The items committed, or what is to be bought.")
    event_id: int | None = Field(None, description="The event where it was agreed; it must be on or before today.")
    category: str = Field("", description="Category slug; orders in it (or below it) are suggested.")
    rup_code: str = ""


class LinkIn(Schema):
    order_id: int | None = None
    order_number: str | None = Field(None, description="Instead of order_id.")


class CancelIn(Schema):
    reason: str = ""
