"""Business-matching events, who takes part, their 1:1 meetings, and the commitments buyers record.

draft ─open─▶ open ─run the schedule─▶ scheduled ─held─▶ held ─close─▶ closed
              open ◀─reopen registration─ scheduled

`Meeting` rows are written by `services.event_schedule` (the unpinned ones are replaced at each run)
and by the curator's hand edits, which pin the meeting so a later run keeps it where it was put.
A `Commitment` (komitmen transaksi) is realised by the e-purchasing orders linked to it; an order is
linked to at most one commitment, so realised value is never counted twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for registration")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")


# Transitions a curator asks for; `scheduled` is reached by running the schedule.
EVENT_TRANSITIONS: dict[str, frozenset[str]] = {
    EventStatus.DRAFT: frozenset({EventStatus.OPEN}),
    EventStatus.OPEN: frozenset({EventStatus.DRAFT}),
    EventStatus.SCHEDULED: frozenset({EventStatus.OPEN, EventStatus.HELD}),
    EventStatus.HELD: frozenset({EventStatus.CLOSED}),
    EventStatus.CLOSED: frozenset(),
}

# Where buyers and vendors may register themselves; curators may also invite in a draft or scheduled event.
SELF_REGISTRATION_STATUSES = frozenset({EventStatus.OPEN})
INVITATION_STATUSES = frozenset({EventStatus.DRAFT, EventStatus.OPEN, EventStatus.SCHEDULED})
SCHEDULING_STATUSES = frozenset({EventStatus.OPEN, EventStatus.SCHEDULED})
HAND_EDIT_STATUSES = frozenset({EventStatus.SCHEDULED})
# Commitments are recorded at or after the event (its date must have come as well).
COMMITMENT_STATUSES = frozenset({EventStatus.SCHEDULED, EventStatus.HELD, EventStatus.CLOSED})


class MatchingEvent(models.Model):
    name = models.CharField(_("name"), max_length=255)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    # The time slots are generated from these (local time, Asia/Jakarta) and stored as EventSlot rows.
    start_time = models.TimeField(_("first meeting starts at"))
    slot_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"))
    break_minutes = models.PositiveSmallIntegerField(_("pause between meetings (minutes)"), default=0)
    table_count = models.PositiveSmallIntegerField(_("number of tables"))
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    scheduled_at = models.DateTimeField(_("schedule made at"), null=True, blank=True)
    # What the last run left out: {"pairs": n, "meetings": n, "unscheduled": {reason: n}}.
    schedule_summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("matching event")
        verbose_name_plural = _("matching events")
        constraints = [
            models.CheckConstraint(condition=models.Q(table_count__gte=1), name="event_has_a_table"),
            models.CheckConstraint(condition=models.Q(slot_minutes__gte=5), name="event_slot_at_least_5_minutes"),
            models.CheckConstraint(condition=models.Q(status__in=EventStatus.values), name="event_status_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class EventSlot(models.Model):
    """One meeting round; stored in UTC, shown in Asia/Jakarta."""

    event = models.ForeignKey(MatchingEvent, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["event", "position"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="event_slot_unique_position"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_slot_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}#{self.position}"


class RegistrationKind(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    VENDOR = "vendor", _("Vendor")


class EventRegistration(models.Model):
    """A buyer organisation or a vendor business taking part; `invited` when a curator added it."""

    event = models.ForeignKey(MatchingEvent, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("taking part as"), max_length=10, choices=RegistrationKind.choices)
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    invited = models.BooleanField(_("invited"), default=False)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registered at"))
    # How many meetings it accepts at most; empty: as many as there are slots.
    max_meetings = models.PositiveSmallIntegerField(_("at most this many meetings"), null=True, blank=True)

    class Meta:
        ordering = ["event", "kind", "registered_at", "id"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="event_registration_unique_organisation"),
            models.CheckConstraint(
                condition=models.Q(kind="buyer", vendor__isnull=True) | models.Q(kind="vendor", vendor__isnull=False),
                name="event_registration_vendor_iff_vendor_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.organisation_id} ({self.kind})"


class Meeting(models.Model):
    event = models.ForeignKey(MatchingEvent, on_delete=models.CASCADE, related_name="meetings")
    slot = models.ForeignKey(EventSlot, on_delete=models.CASCADE, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"))
    buyer = models.ForeignKey(EventRegistration, on_delete=models.CASCADE, related_name="buyer_meetings")
    vendor = models.ForeignKey(EventRegistration, on_delete=models.CASCADE, related_name="vendor_meetings")
    score = models.FloatField(_("match score"))
    # Placed by hand: the next run of the scheduler keeps it where it is.
    pinned = models.BooleanField(_("fixed by hand"), default=False)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["slot__position", "table"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        # The scheduler's rules, as invariants of the table: nobody and no table twice in a slot.
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="meeting_table_once_per_slot"),
            models.UniqueConstraint(fields=["slot", "buyer"], name="meeting_buyer_once_per_slot"),
            models.UniqueConstraint(fields=["slot", "vendor"], name="meeting_vendor_once_per_slot"),
            models.UniqueConstraint(fields=["event", "buyer", "vendor"], name="meeting_pair_once_per_event"),
            models.CheckConstraint(condition=models.Q(table__gte=1), name="meeting_table_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.slot_id}/{self.table}: {self.buyer_id}–{self.vendor_id}"


class CommitmentStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    CANCELLED = "cancelled", _("Cancelled")


class Commitment(models.Model):
    """A buyer's komitmen transaksi with a vendor: what it means to buy, for how much, by when."""

    buyer_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("buyer")
    )
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+", verbose_name=_("vendor"))
    event = models.ForeignKey(
        MatchingEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="commitments",
        verbose_name=_("event"),
    )
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("category"),
    )
    description = models.TextField(_("items or description"))
    value_idr = models.BigIntegerField(_("committed value (Rp)"))
    expected_purchase_date = models.DateField(_("expected purchase date"))
    rup_code = models.CharField(_("RUP code"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.RECORDED
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(condition=models.Q(value_idr__gt=0), name="commitment_value_positive"),
            models.CheckConstraint(
                condition=models.Q(status__in=CommitmentStatus.values), name="commitment_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["buyer_organisation", "vendor"])]

    def __str__(self) -> str:
        return f"{self.pk}: {self.buyer_organisation_id} → {self.vendor_id}"


class CommitmentRealisation(models.Model):
    """An order that (partly) realises a commitment."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="realisations")
    order = models.ForeignKey("procurement.Order", on_delete=models.PROTECT, related_name="+")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(_("linked at"))

    class Meta:
        ordering = ["linked_at", "id"]
        verbose_name = _("commitment realisation")
        verbose_name_plural = _("commitment realisations")
        constraints = [
            # One commitment per order (which also makes it once per commitment): no double counting.
            models.UniqueConstraint(fields=["order"], name="commitment_realisation_order_once"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} ← {self.order_id}"
