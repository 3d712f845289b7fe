"""Offline validation of our release packages against the OCDS 1.1.5 schema, with or without the extensions.

The release package schema refers to the release schema by its published address; a `referencing.Registry`
maps that address to the copy in schema/ocds-1.1.5 (tests have no network). With extensions, the release
schema is first patched (JSON merge patch, RFC 7386, as OCDS extensions are applied) with the Party Scale
and Competitive extensions' patches (schema/party-scale, schema/competitive) and our own (extension/).

Beyond the JSON Schema: codes must come from their codelists (open ones too, except our documented own
codes), dates and URIs must be well formed, and `package_problems` adds the checks a JSON Schema cannot
express (ocid prefix, unique release ids, party references and roles, whole-rupiah amounts).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft4Validator, FormatChecker, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT4

HERE = Path(__file__).resolve().parent
CORE_DIR = HERE / "schema" / "ocds-1.1.5"
EXTENSION_DIRS = (HERE / "schema" / "party-scale", HERE / "schema" / "competitive", HERE / "extension")
RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"

# Codes of our own in open codelists (documented in docs/open-data.md).
OWN_CODES = {"itemClassificationScheme.csv": {"x_KATALOG"}}


def _load(path: Path):
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def merge_patch(target, patch):
    """RFC 7386: objects merge key by key, null removes a key, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


@cache
def release_schema(*, with_extensions: bool = True) -> dict:
    schema = _load(CORE_DIR / "release-schema.json")
    if with_extensions:
        for directory in EXTENSION_DIRS:
            schema = merge_patch(schema, _load(directory / "release-schema.json"))
    # jsonschema picks the validator class of a referenced schema by its "$schema": without it, the release
    # schema is checked by our class (with the codelist keyword) rather than the plain Draft4Validator.
    schema.pop("$schema", None)
    return schema


@cache
def codelists() -> dict[str, frozenset[str]]:
    """Every codelist, core and extensions', by file name: its set of codes."""
    result = {}
    for directory in (CORE_DIR, *EXTENSION_DIRS):
        for path in sorted((directory / "codelists").glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                result[path.name] = frozenset(row["Code"] for row in csv.DictReader(handle))
    return result


def _codelist_keyword(validator, codelist: str, instance, schema):
    codes = codelists().get(codelist)
    if codes is None:
        yield ValidationError(f"unknown codelist {codelist}")
        return
    allowed = codes | OWN_CODES.get(codelist, set())
    for value in instance if isinstance(instance, list) else [instance]:
        if isinstance(value, str) and value not in allowed:
            yield ValidationError(f"{value!r} is not a code of {codelist}")


_formats = FormatChecker(formats=())


@_formats.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    return "T" in value and dt.datetime.fromisoformat(value).tzinfo is not None


@_formats.checks("uri")
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path) and " " not in value


OcdsValidator = validators.extend(Draft4Validator, {"codelist": _codelist_keyword})


@cache
def package_validator(*, with_extensions: bool = True):
    registry = Registry().with_resource(
        RELEASE_SCHEMA_URL, DRAFT4.create_resource(release_schema(with_extensions=with_extensions))
    )
    return OcdsValidator(_load(CORE_DIR / "release-package-schema.json"), registry=registry, format_checker=_formats)


def schema_errors(package: dict, *, with_extensions: bool = True) -> list[str]:
    """The package's schema and codelist errors, as "path: message" lines (none: valid)."""
    errors = package_validator(with_extensions=with_extensions).iter_errors(package)
    return sorted(f"{error.json_path}: {error.message}" for error in errors)


# ---- Checks beyond the schema ----

# Where organisation references are, and the role their party must have.
_REFERENCES = (
    (("buyer",), "buyer"),
    (("tender", "procuringEntity"), "procuringEntity"),
    (("tender", "tenderers", "*"), "tenderer"),
    (("awards", "*", "suppliers", "*"), "supplier"),
    (("contracts", "*", "implementation", "transactions", "*", "payer"), "payer"),
    (("contracts", "*", "implementation", "transactions", "*", "payee"), "payee"),
)


def _walk(value, path: tuple[str, ...]):
    if not path:
        yield value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in value if isinstance(value, list) else []:
            yield from _walk(item, rest)
    elif isinstance(value, dict) and head in value:
        yield from _walk(value[head], rest)


def _values(value, path: str = ""):
    """Every (path, Value object) in `value`: objects with an "amount" and a "currency"."""
    if isinstance(value, dict):
        if "amount" in value and "currency" in value:
            yield path, value
        for key, item in value.items():
            yield from _values(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(item, f"{path}/{index}")


def release_problems(release: dict, *, ocid_prefix: str) -> list[str]:
    where = release.get("id", "?")
    problems = []
    if not str(release.get("ocid", "")).startswith(f"{ocid_prefix}-"):
        problems.append(f"{where}: ocid {release.get('ocid')!r} does not start with {ocid_prefix}-")
    parties = {}
    for party in release.get("parties", []):
        if party["id"] in parties:
            problems.append(f"{where}: party {party['id']} listed twice")
        parties[party["id"]] = party
    for path, role in _REFERENCES:
        for ref in _walk(release, path):
            party = parties.get(ref.get("id"))
            if party is None:
                problems.append(f"{where}: {'/'.join(path)} refers to {ref.get('id')!r}, not in parties")
            elif role not in party.get("roles", []):
                problems.append(f"{where}: party {party['id']} is referenced as {role} without that role")
            elif ref.get("name") != party.get("name"):
                problems.append(f"{where}: {'/'.join(path)} names {ref.get('name')!r}, the party {party.get('name')!r}")
    tender = release.get("tender", {})
    if "numberOfTenderers" in tender and tender["numberOfTenderers"] != len(tender.get("tenderers", [])):
        problems.append(f"{where}: numberOfTenderers is not the number of tenderers")
    for path, value in _values(release):
        if not isinstance(value["amount"], int) or isinstance(value["amount"], bool) or value["currency"] != "IDR":
            problems.append(f"{where}{path}: not a whole amount of rupiah")
    return problems


def package_problems(package: dict, *, ocid_prefix: str, with_extensions: bool = True) -> list[str]:
    """Everything wrong with a package: schema and codelist errors, then the checks above."""
    problems = schema_errors(package, with_extensions=with_extensions)
    seen = set()
    for release in package.get("releases", []):
        key = (release.get("ocid"), release.get("id"))
        if key in seen:
            problems.append(f"release {key[1]} of {key[0]} appears twice")
        seen.add(key)
        problems += release_problems(release, ocid_prefix=ocid_prefix)
    return problems
