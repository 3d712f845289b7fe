"""Importing vendors from a spreadsheet: `vendor_code,name,regency_code,scale,nib,npwp,kbli`.

Validate every row first, in memory; write only when every row is valid (or, with
`skip_invalid`, write the valid ones), in one transaction, with bulk inserts and updates.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from katalog.accounts.models import Organisation
from katalog.audit.models import AuditEvent
from katalog.audit.services import build_event
from katalog.core import clock, hooks
from katalog.core.tabular import ImportReport
from katalog.vendors import identifiers
from katalog.vendors.models import Vendor, VendorStatus

from . import cells
from .common import (
    BATCH_SIZE,
    ErrorCollector,
    RegionLookup,
    audit_actor,
    fetch_in_chunks,
    file_name_of,
    open_import,
    rows_to_write,
    source_label,
    write_plan,
)

VENDOR_COLUMNS = ["vendor_code", "name", "regency_code", "scale", "nib", "npwp", "kbli"]
CODE_MAX_LENGTH = Vendor._meta.get_field("code").max_length
NAME_MAX_LENGTH = Vendor._meta.get_field("name").max_length

# Fields an import sets, compared to decide whether a stored vendor changed.
COMPARED_FIELDS = ("name", "region_id", "scale", "nib", "npwp", "kbli")


@dataclass
class VendorRow:
    row: int
    code: str
    name: str
    region_id: int
    scale: str
    nib: str
    npwp: str
    kbli: list[str]

    def values(self) -> dict:
        return {f: getattr(self, f) for f in COMPARED_FIELDS}


def _read_rows(table, collector: ErrorCollector, regions: RegionLookup) -> list[VendorRow]:
    """Check every row; returns the rows without errors (duplicates checked later)."""
    rows: list[VendorRow] = []
    check = collector.check
    for number, values in table.rows:
        errors_before = len(collector.errors)
        code = check(number, "vendor_code", cells.text, values.get("vendor_code"), required=True,
                     max_length=CODE_MAX_LENGTH)
        name = check(number, "name", cells.text, values.get("name"), required=True, max_length=NAME_MAX_LENGTH)
        region_id = check(number, "regency_code", _region, regions, values.get("regency_code"))
        scale = check(number, "scale", identifiers.parse_scale, values.get("scale"))
        nib = check(number, "nib", identifiers.normalise_nib, values.get("nib"))
        npwp = check(number, "npwp", identifiers.normalise_npwp, values.get("npwp"))
        kbli = check(number, "kbli", identifiers.parse_kbli, values.get("kbli"))
        if len(collector.errors) > errors_before:
            # Keep what could be read for the duplicate checks, but never write this row.
            rows.append(VendorRow(number, code or "", name or "", region_id or 0, scale or "", nib or "", npwp or "",
                                  kbli or []))
            continue
        rows.append(VendorRow(number, code, name, region_id, scale, nib, npwp, kbli))
    return rows


def _region(regions: RegionLookup, raw: str) -> int:
    if not (raw or "").strip():
        raise cells.CellError(_("The regency or city code is required."))
    return regions.id_for(raw)


def _check_uniqueness(rows: list[VendorRow], collector: ErrorCollector, nib_owners: dict[str, str]) -> None:
    """A vendor_code once per file; a NIB belongs to one vendor, in the database and in the file."""
    first_row_of_code: dict[str, int] = {}
    nib_in_file: dict[str, tuple[str, int]] = {}
    for r in rows:
        if r.code:
            if r.code in first_row_of_code:
                collector.add(r.row, "vendor_code", _("Vendor code %(code)s appears twice: it is already on row %(row)d.")
                              % {"code": r.code, "row": first_row_of_code[r.code]})
            else:
                first_row_of_code[r.code] = r.row
        if not r.nib:
            continue
        owner = nib_owners.get(r.nib)
        if owner is not None and owner != r.code:
            collector.add(r.row, "nib", _("NIB %(nib)s is already registered to vendor %(code)s.")
                          % {"nib": r.nib, "code": owner})
        elif r.nib in nib_in_file and nib_in_file[r.nib][0] != r.code:
            other_code, other_row = nib_in_file[r.nib]
            collector.add(r.row, "nib", _("NIB %(nib)s is already used by vendor %(code)s on row %(row)d.")
                          % {"nib": r.nib, "code": other_code, "row": other_row})
        else:
            nib_in_file.setdefault(r.nib, (r.code, r.row))


def import_vendors(
    source, *, filename=None, actor=None, verified=False, skip_invalid=False, now=None
) -> ImportReport:
    """Create or update vendors (by `vendor_code`) from a CSV or XLSX file.

    Raises ValidationFailed when the file cannot be read or lacks a column. Row errors are in the
    report; with any of them nothing is written unless `skip_invalid`.
    """
    now = now or clock.now()
    table, report, collector = open_import(source, filename=filename, required=VENDOR_COLUMNS)
    regions = RegionLookup()

    rows = _read_rows(table, collector, regions)
    existing = {
        v.code: v
        for v in fetch_in_chunks(
            lambda chunk: Vendor.objects.filter(code__in=chunk).select_related("organisation"),
            [r.code for r in rows if r.code],
        )
    }
    nib_owners = dict(
        fetch_in_chunks(lambda chunk: Vendor.objects.filter(nib__in=chunk).values_list("nib", "code"),
                        [r.nib for r in rows if r.nib])
    )
    _check_uniqueness(rows, collector, nib_owners)

    valid = rows_to_write(report, collector, rows, skip_invalid=skip_invalid)
    if not valid:
        return report

    plan = _plan_changes(valid, existing, verified=verified, now=now)
    label = source_label(file_name_of(source, filename))
    with write_plan(report, plan):
        _write(plan, regions, actor=actor, label=label, now=now)
    return report


@dataclass
class _Plan:
    created: list[tuple[Organisation, Vendor]]
    updated: list[tuple[Vendor, dict, str | None]]  # vendor, {field: (old, new)}, status before when promoted
    unchanged: int


def _plan_changes(valid: list[VendorRow], existing: dict[str, Vendor], *, verified: bool, now) -> _Plan:
    plan = _Plan(created=[], updated=[], unchanged=0)
    for r in valid:
        vendor = existing.get(r.code)
        if vendor is None:
            organisation = Organisation(kind=Organisation.Kind.VENDOR, name=r.name, region_id=r.region_id)
            vendor = Vendor(
                code=r.code, **r.values(), created_at=now, updated_at=now, submitted_at=now,
                status=VendorStatus.VERIFIED if verified else VendorStatus.SUBMITTED,
            )
            if verified:
                vendor.verified_at = vendor.decided_at = now
            plan.created.append((organisation, vendor))
            continue
        changes = {f: (getattr(vendor, f), v) for f, v in r.values().items() if getattr(vendor, f) != v}
        promoted_from = None
        if verified and vendor.status != VendorStatus.VERIFIED:
            promoted_from = vendor.status
            vendor.status = VendorStatus.VERIFIED
            vendor.verified_at = vendor.decided_at = now
            vendor.status_reason = ""
        if not changes and promoted_from is None:
            plan.unchanged += 1
            continue
        for f, (_old, new) in changes.items():
            setattr(vendor, f, new)
        vendor.updated_at = now
        plan.updated.append((vendor, changes, promoted_from))
    return plan


def _shown(regions: RegionLookup, field: str, value):
    return regions.code_of(value) if field == "region_id" else value


def _write(plan: _Plan, regions: RegionLookup, *, actor, label: str, now) -> None:
    who = audit_actor(actor)
    events: list[AuditEvent] = []

    organisations = [org for org, _vendor in plan.created]
    Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
    new_vendors = []
    for organisation, vendor in plan.created:
        vendor.organisation = organisation
        new_vendors.append(vendor)
    Vendor.objects.bulk_create(new_vendors, batch_size=BATCH_SIZE)
    for vendor in new_vendors:
        new = {"code": vendor.code, "status": vendor.status}
        new.update({f.removesuffix("_id"): _shown(regions, f, getattr(vendor, f)) for f in COMPARED_FIELDS})
        events.append(build_event(event_type="vendors.vendor.imported", target=vendor, changes={"new": new},
                                  message=label, organisation_id=vendor.organisation_id, occurred_at=now, **who))
        if vendor.status == VendorStatus.VERIFIED:
            events.append(build_event(
                event_type="vendors.vendor.verified", target=vendor, message=label,
                changes={"new": {"status": VendorStatus.VERIFIED.value}},
                organisation_id=vendor.organisation_id, occurred_at=now, **who,
            ))

    updated = [vendor for vendor, _changes, _promoted in plan.updated]
    Vendor.objects.bulk_update(
        updated,
        ["name", "region", "scale", "nib", "npwp", "kbli", "status", "status_reason", "verified_at", "decided_at",
         "updated_at"],
        batch_size=BATCH_SIZE,
    )
    organisations = []
    for vendor, changes, promoted_from in plan.updated:
        organisation = vendor.organisation
        if organisation.name != vendor.name or organisation.region_id != vendor.region_id:
            organisation.name, organisation.region_id = vendor.name, vendor.region_id
            organisations.append(organisation)
        if changes:
            events.append(build_event(
                event_type="vendors.vendor.updated", target=vendor, message=label,
                changes={
                    "old": {f.removesuffix("_id"): _shown(regions, f, old) for f, (old, _new) in changes.items()},
                    "new": {f.removesuffix("_id"): _shown(regions, f, new) for f, (_old, new) in changes.items()},
                },
                organisation_id=vendor.organisation_id, occurred_at=now, **who,
            ))
        if promoted_from is not None:
            events.append(build_event(
                event_type="vendors.vendor.verified", target=vendor, message=label,
                changes={"old": {"status": promoted_from}, "new": {"status": VendorStatus.VERIFIED.value}},
                organisation_id=vendor.organisation_id, occurred_at=now, **who,
            ))
    Organisation.objects.bulk_update(organisations, ["name", "region"], batch_size=BATCH_SIZE)
    AuditEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    hooks.changed("vendor", [vendor.pk for vendor in updated])
