"""The offline validator: merge patches, the extended schema, codelists and the checks beyond the schema."""

import copy

import pytest

from katalog.opendata import validation

PREFIX = "ocds-kl18lp"


# RFC 7386, appendix A.
@pytest.mark.parametrize(("target", "patch", "result"), [
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    (["a", "b"], ["c", "d"], ["c", "d"]),
    ({"a": "b"}, ["c"], ["c"]),
    ({"a": "foo"}, None, None),
    ({"a": "foo"}, "bar", "bar"),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
])
def test_merge_patch_follows_rfc_7386(target, patch, result):
    assert validation.merge_patch(target, patch) == result


def test_the_merge_leaves_the_target_unchanged():
    target = {"a": {"b": "c"}}

    validation.merge_patch(target, {"a": {"b": None}})

    assert target == {"a": {"b": "c"}}


def test_the_extended_release_schema_has_the_extension_fields_and_the_core_one_does_not():
    extended = validation.release_schema(with_extensions=True)["definitions"]
    core = validation.release_schema(with_extensions=False)["definitions"]

    assert {"tkdn", "isDomesticProduct"} <= set(extended["Item"]["properties"])
    assert set(extended["Organization"]["properties"]["details"]["properties"]) == {
        "scale", "businessScale", "regionCode", "buyerType"}
    assert "competitive" in extended["Tender"]["properties"]
    assert "tkdn" not in core["Item"]["properties"]
    assert "properties" not in core["Organization"]["properties"]["details"]


def _package(**release_changes) -> dict:
    release = {
        "ocid": f"{PREFIX}-order-1", "id": f"{PREFIX}-order-1-contract", "date": "2025-06-30T00:00:00+07:00",
        "tag": ["contract"], "initiationType": "tender",
        "parties": [{"id": "B", "name": "Dinas", "roles": ["buyer"]},
                    {"id": "V", "name": "UD Tapis", "roles": ["supplier"], "details": {"scale": "micro"}}],
        "buyer": {"id": "B", "name": "Dinas"},
        "awards": [{"id": "1", "suppliers": [{"id": "V", "name": "UD Tapis"}],
                    "value": {"amount": 1_500_000, "currency": "IDR"},
                    "items": [{"id": "1", "tkdn": 45, "classification": {"scheme": "x_KATALOG", "id": "3"}}]}],
    }
    release.update(release_changes)
    return {"uri": "https://katalog.example.go.id/open-data/ocds/2025-06.json", "version": "1.1",
            "publishedDate": "2025-07-01T00:00:00+07:00", "publisher": {"name": "Katalog"}, "releases": [release]}


def test_a_correct_package_has_no_problems():
    assert validation.package_problems(_package(), ocid_prefix=PREFIX) == []


def _broken(change) -> list[str]:
    package = _package()
    change(package["releases"][0])
    return validation.package_problems(package, ocid_prefix=PREFIX)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda r: r.update(ocid="ocds-xxxxxx-order-1"), "does not start with ocds-kl18lp-"),
    (lambda r: r.update(date="2025-06-30"), "is not a 'date-time'"),
    (lambda r: r["parties"][1].update(roles=["penyedia"]), "'penyedia' is not a code of partyRole.csv"),
    (lambda r: r["parties"][1]["details"].update(scale="kecil"), "'kecil' is not a code of partyScale.csv"),
    (lambda r: r["awards"][0]["items"][0].update(tkdn=120), "120 is greater than the maximum of 100"),
    (lambda r: r["awards"][0]["items"][0]["classification"].update(scheme="KBKI"), "'KBKI' is not a code"),
    (lambda r: r["awards"][0]["value"].update(amount=1_500_000.5), "not a whole amount of rupiah"),
    (lambda r: r["awards"][0]["suppliers"][0].update(id="X"), "refers to 'X', not in parties"),
    (lambda r: r["parties"][1].update(roles=["tenderer"]), "referenced as supplier without that role"),
    (lambda r: r.update(tender={"id": "1", "numberOfTenderers": 2, "tenderers": []}), "numberOfTenderers"),
])
def test_problems_are_reported(change, expected):
    problems = _broken(change)

    assert any(expected in problem for problem in problems), problems


def test_a_release_listed_twice_is_reported():
    package = _package()
    package["releases"].append(copy.deepcopy(package["releases"][0]))
    package["releases"][1]["date"] = "2025-06-30T00:00:01+07:00"

    assert any("appears twice" in p for p in validation.package_problems(package, ocid_prefix=PREFIX))


def test_without_the_extensions_their_fields_are_not_checked():
    package = _package()
    package["releases"][0]["awards"][0]["items"][0]["tkdn"] = "banyak"

    assert validation.schema_errors(package, with_extensions=False) == []
    assert validation.schema_errors(package, with_extensions=True) != []
