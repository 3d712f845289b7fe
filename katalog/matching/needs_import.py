"""Importing needs from a CSV/XLSX file (columns in `specs.NEED_COLUMNS`): all or nothing.

`specs.read_needs` reads the cells; here every row is checked against the database (buyer, category,
regency, reference) and every error of every row is reported with its spreadsheet row number. Only a
file without any error is written, in one transaction.

A curator may import the needs of many buyers: the `buyer` column names the organisation, found by
its name ignoring case, or created with the row's `buyer_type`. A buyer imports its own needs only.
A reference the buyer already used updates that need while it is open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from katalog.accounts import access
from katalog.accounts.models import BuyerType, Organisation
from katalog.audit.services import audit_record
from katalog.catalog.models import Category
from katalog.core.errors import PermissionDeniedError, ValidationFailed, validation_error_to_domain
from katalog.core.tabular import RowError, read_table
from katalog.regions.models import Region
from katalog.regions.selectors import normalise_region_code

from .models import Need, NeedStatus
from .rematching import rematch_later
from .specs import NEED_COLUMNS, NeedSpec, read_needs

FIRST_DATA_ROW = 2  # the header is row 1, as a spreadsheet shows it


@dataclass
class NeedsImportResult:
    created: list[Need] = field(default_factory=list)
    updated: list[Need] = field(default_factory=list)
    unchanged: list[Need] = field(default_factory=list)
    organisations_created: list[Organisation] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "buyers_created": [o.name for o in self.organisations_created],
            "need_ids": [n.pk for n in [*self.created, *self.updated, *self.unchanged]],
        }


def rows_failed(errors: list[RowError]) -> ValidationFailed:
    """The refusal of a file with errors: `rows` lists them, as do the field errors (key `rows`)."""
    errors = sorted(errors, key=lambda e: (e.row, e.column))
    exc = ValidationFailed(
        _("Nothing was imported: %(count)d row(s) have errors. Correct them and import the file again.")
        % {"count": len({e.row for e in errors})},
        field_errors={"rows": [str(e) for e in errors]},
    )
    exc.rows = errors
    return exc


def row_errors(exc: ValidationFailed) -> list[dict]:
    """The row errors of a refused import, whichever step refused it, as plain data."""
    rows = getattr(exc, "rows", None)
    if rows:
        return [
            {"row": getattr(e, "row", None), "column": getattr(e, "column", ""), "message": getattr(e, "message", str(e))}
            for e in rows
        ]
    return [
        {"row": None, "column": "" if key in ("__all__", "rows", "file") else key, "message": str(message)}
        for key, messages in exc.field_errors.items() for message in messages
    ] or [{"row": None, "column": "", "message": exc.message}]


class _Lookups:
    """Categories, regions and buyers, loaded once per file."""

    def __init__(self) -> None:
        self.categories: dict[str, Category] = {}
        for category in Category.objects.filter(is_active=True).order_by("level", "id"):
            for value in [category.slug, category.name, *(category.aliases or [])]:
                if value:
                    self.categories.setdefault(value.strip().casefold(), category)
        self.regions = {r.code: r for r in Region.objects.all()}
        self.buyers: dict[str, Organisation | None] = {}

    def category(self, raw: str) -> Category | None:
        return self.categories.get(raw.strip().casefold())

    def region(self, raw: str) -> Region | None:
        return self.regions.get(normalise_region_code(raw))

    def buyer(self, name: str) -> Organisation | None:
        key = name.strip().lower()
        if key not in self.buyers:
            self.buyers[key] = (
                Organisation.objects.filter(kind=Organisation.Kind.BUYER, name__iexact=name.strip()).order_by("id").first()
            )
        return self.buyers[key]


@dataclass
class _Row:
    row: int
    spec: NeedSpec
    buyer_key: str
    organisation: Organisation | None  # None: created by this import (see `new_buyers`)
    category: Category | None
    region: Region | None
    existing: Need | None = None


def _plan(needs: list[NeedSpec], row_numbers: list[int], *, actor) -> tuple[list[_Row], dict[str, tuple[str, str]]]:
    """Check every row; the rows to write and the buyers to create (by lower-case name: name, type)."""
    is_curator = access.is_curator(actor)
    own = None if is_curator else access.buyer_membership(actor)
    if not is_curator and own is None:
        raise PermissionDeniedError(_("Only buyers and curators may import needs."))
    lookups = _Lookups()
    errors: list[RowError] = []
    rows: list[_Row] = []
    new_buyers: dict[str, tuple[str, str]] = {}
    refs_seen: dict[tuple[str, str], int] = {}

    def error(row: int, column: str, message: str) -> None:
        errors.append(RowError(row, column, str(message)))

    for row, spec in zip(row_numbers, needs, strict=True):
        buyer_name = (spec.buyer or "").strip()
        organisation = None
        if own is not None:
            organisation = own.organisation
            if buyer_name and buyer_name.lower() != organisation.name.strip().lower():
                error(row, "buyer", _("You may import needs only for your own organisation (%(name)s).")
                      % {"name": organisation.name})
        elif not buyer_name:
            error(row, "buyer", _("Name the buyer organisation."))
        else:
            organisation = lookups.buyer(buyer_name)
            if organisation is None and buyer_name.lower() not in new_buyers:
                if spec.buyer_type in BuyerType.values:
                    new_buyers[buyer_name.lower()] = (buyer_name, spec.buyer_type)
                else:
                    error(row, "buyer_type", _("%(name)s is a new buyer: give its type, one of %(types)s.")
                          % {"name": buyer_name, "types": ", ".join(BuyerType.values)})
        buyer_key = organisation.name.strip().lower() if organisation else buyer_name.lower()
        category = None
        if (spec.category or "").strip():
            category = lookups.category(spec.category)
            if category is None:
                error(row, "category", _("Unknown category %(value)r: use a category's slug or name.")
                      % {"value": spec.category})
        region = None
        if (spec.regency_code or "").strip():
            region = lookups.region(spec.regency_code)
            if region is None:
                error(row, "regency_code", _("Region code %(value)r is not known. Use a Kemendagri code such as "
                                             "18.71 (or 1871).") % {"value": spec.regency_code})
        elif organisation is not None and organisation.region_id:
            region = organisation.region
        else:
            error(row, "regency_code", _("Give the regency of delivery."))
        ref = (spec.ref or "").strip()
        if not ref:
            error(row, "ref", _("Give each need a reference."))
        elif (buyer_key, ref.lower()) in refs_seen:
            error(row, "ref", _("The reference %(ref)s is already used in row %(row)d for the same buyer.")
                  % {"ref": ref, "row": refs_seen[(buyer_key, ref.lower())]})
        else:
            refs_seen[(buyer_key, ref.lower())] = row
        if not (spec.title or "").strip():
            error(row, "title", _("Say what is needed in the title."))
        if spec.quantity is None or spec.quantity < 1:
            error(row, "quantity", _("The quantity must be a whole number of at least 1."))
        if spec.budget_idr is not None and spec.budget_idr < 0:
            error(row, "budget", _("The amount cannot be negative."))
        existing = None
        if organisation is not None and ref:
            existing = Need.objects.filter(buyer_organisation=organisation, ref=ref).first()
            if existing is not None and existing.status != NeedStatus.OPEN:
                error(row, "ref", _("The need %(ref)s is “%(status)s”; an import cannot change it.")
                      % {"ref": ref, "status": existing.get_status_display()})
        rows.append(_Row(row, spec, buyer_key, organisation, category, region, existing))
    if errors:
        raise rows_failed(errors)
    return rows, new_buyers


def _row_numbers(data: bytes, filename: str, count: int) -> list[int]:
    """The spreadsheet row of each need read (blank rows are skipped, so counting is not enough)."""
    numbers = [number for number, _cells in read_table(data, filename=filename, required=NEED_COLUMNS).rows]
    if len(numbers) != count:  # read_needs gives one need per data row; fall back to counting otherwise
        numbers = list(range(FIRST_DATA_ROW, FIRST_DATA_ROW + count))
    return numbers


def _values(row: _Row) -> dict:
    spec = row.spec
    return {
        "ref": spec.ref.strip(), "title": spec.title.strip(), "description": (spec.description or "").strip(),
        "category": row.category, "quantity": spec.quantity, "unit": (spec.unit or "").strip(),
        "budget_idr": spec.budget_idr, "delivery_region": row.region, "needed_by": spec.needed_by,
    }


def _shown(value):
    if isinstance(value, Category):
        return value.slug
    if isinstance(value, Region):
        return value.code
    return value


def _clean(instance, *, exclude: list[str], row: int) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        failure = validation_error_to_domain(exc)
        raise rows_failed([RowError(row, "", failure.message)]) from None


def needs_import(data: bytes, filename: str, *, actor, now: dt.datetime) -> NeedsImportResult:
    """Import a file of needs, all or nothing (ValidationFailed listing every row's errors)."""
    if not access.is_curator(actor) and access.buyer_membership(actor) is None:
        raise PermissionDeniedError(_("Only buyers and curators may import needs."))
    parsed = read_needs(data, filename)
    if not parsed:
        raise ValidationFailed(_("The file has no needs."))
    rows, new_buyers = _plan(parsed, _row_numbers(data, filename, len(parsed)), actor=actor)
    result = NeedsImportResult()
    with transaction.atomic():
        created_buyers: dict[str, Organisation] = {}
        for key, (name, buyer_type) in new_buyers.items():
            organisation = Organisation(name=name, kind=Organisation.Kind.BUYER, buyer_type=buyer_type)
            organisation.full_clean()
            organisation.save()
            audit_record(event_type="accounts.organisation.created", target=organisation, actor=actor,
                         organisation_id=organisation.pk, occurred_at=now,
                         changes={"kind": organisation.kind, "buyer_type": buyer_type},
                         message="created by an import of needs")
            created_buyers[key] = organisation
            result.organisations_created.append(organisation)
        for row in rows:
            organisation = row.organisation or created_buyers[row.buyer_key]
            values = _values(row)
            if row.region is None and organisation.region_id:
                values["delivery_region"] = organisation.region
            if row.existing is None:
                need = Need(buyer_organisation=organisation, created_by=actor, status=NeedStatus.OPEN,
                            created_at=now, updated_at=now, **values)
                _clean(need, exclude=["created_by"], row=row.row)
                need.save()
                audit_record(event_type="matching.need.created", target=need, actor=actor,
                             organisation_id=organisation.pk, occurred_at=now,
                             changes={"status": [None, NeedStatus.OPEN], "ref": need.ref}, message=f"import {filename}")
                result.created.append(need)
                continue
            need = row.existing
            diff = {}
            for name, value in values.items():
                if getattr(need, name) != value:
                    diff[name] = [_shown(getattr(need, name)), _shown(value)]
                    setattr(need, name, value)
            if not diff:
                result.unchanged.append(need)
                continue
            need.updated_at = now
            _clean(need, exclude=["created_by"], row=row.row)
            need.save(update_fields=[*diff.keys(), "updated_at"])
            audit_record(event_type="matching.need.updated", target=need, actor=actor,
                         organisation_id=organisation.pk, occurred_at=now, changes=diff, message=f"import {filename}")
            result.updated.append(need)
        rematch_later([n.pk for n in [*result.created, *result.updated]])
    return result
