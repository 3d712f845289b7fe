"""Buyers and vendors as OCDS parties: identifiers, address, scale, roles. Pure: no database.

What is published about an organisation is what the law makes public about it: its name, its business
registration number (NIB, from OSS), its scale, and where it is based (regency/city and province). Never a
street address (a micro business's address is often its owner's home), an NPWP (an individual's NPWP is
their NIK), a contact person, a phone number or an e-mail address.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# OSS business registration numbers. org-id.guide lists no register for the NIB yet; this scheme name is ours.
NIB_SCHEME = "ID-NIB"
# This site's own ids, for vendors without an NIB and for buyer organisations (no national register fits all
# of them: OPD, instansi vertikal, BUMN, BUMD and private firms).
VENDOR_SCHEME = "X-KATALOG-VENDOR"
ORGANISATION_SCHEME = "X-KATALOG-ORG"

# PP 7/2021 classes to the party-scale extension's codes. "sme" joins small and medium businesses; the exact
# class stays in details.businessScale (our extension), because Indonesian targets count micro and small only.
SCALE_TO_OCDS = {"mikro": "micro", "kecil": "sme", "menengah": "sme", "besar": "large"}

COUNTRY_NAME = "Indonesia"

# The order roles are listed in, whatever order they were added in.
ROLE_ORDER = ("buyer", "procuringEntity", "payer", "tenderer", "supplier", "payee")


def _address(region) -> dict:
    if region is None:
        return {"countryName": COUNTRY_NAME}
    if region.parent_id is None:
        return {"region": region.name, "countryName": COUNTRY_NAME}
    return {"locality": region.name, "region": region.parent.name, "countryName": COUNTRY_NAME}


def vendor_party(vendor) -> dict:
    """The vendor as an OCDS Organization, without roles. Needs `vendor.region.parent` loaded."""
    local_id = {"scheme": VENDOR_SCHEME, "id": vendor.code}
    if vendor.nib:
        identifier = {"scheme": NIB_SCHEME, "id": vendor.nib, "legalName": vendor.name}
        party_id = f"{NIB_SCHEME}-{vendor.nib}"
        additional = [local_id]
    else:
        identifier = {**local_id, "legalName": vendor.name}
        party_id = f"{VENDOR_SCHEME}-{vendor.code}"
        additional = []
    return {
        "id": party_id,
        "name": vendor.name,
        "identifier": identifier,
        "additionalIdentifiers": additional,
        "address": _address(vendor.region),
        "details": {
            "scale": SCALE_TO_OCDS.get(vendor.scale),
            "businessScale": vendor.scale or None,
            "regionCode": vendor.region.code if vendor.region_id else None,
        },
    }


def buyer_party(organisation) -> dict:
    """The buyer organisation as an OCDS Organization, without roles. Needs `organisation.region.parent`."""
    return {
        "id": f"{ORGANISATION_SCHEME}-{organisation.pk}",
        "name": organisation.name,
        "identifier": {"scheme": ORGANISATION_SCHEME, "id": str(organisation.pk), "legalName": organisation.name},
        "address": _address(organisation.region),
        "details": {
            "buyerType": organisation.buyer_type or None,
            "regionCode": organisation.region.code if organisation.region_id else None,
        },
    }


def reference(party: dict) -> dict:
    """An OrganizationReference to `party`."""
    return {"id": party["id"], "name": party["name"]}


@dataclass
class PartyList:
    """The parties of one release: each organisation once, with every role it plays in the release."""

    _parties: dict[str, dict] = field(default_factory=dict)

    def add(self, party: dict, *roles: str) -> dict:
        """Add `party` (or more roles to it) and return a reference to it."""
        entry = self._parties.setdefault(party["id"], {**party, "roles": []})
        entry["roles"] = sorted(set(entry["roles"]) | set(roles), key=ROLE_ORDER.index)
        return reference(entry)

    def as_list(self) -> list[dict]:
        return list(self._parties.values())
